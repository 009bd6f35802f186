using System.Buffers.Binary;
using System.IO.Hashing;

namespace XenBundle.Bundling;

/// <summary>
/// The framing of one gzip member (RFC 1952) around a deflate stream, as both of our gzip
/// writers make it: a header with no name and no time and the OS byte 3 (Unix) on every
/// platform, and the trailer of CRC-32 and length modulo 2^32.
/// </summary>
internal static class GzipMember
{
    private static readonly byte[] Header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];

    public static void WriteHeader(Stream output) => output.Write(Header);

    public static void WriteTrailer(Stream output, Crc32 crc, long length)
    {
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)length);
        output.Write(trailer);
    }
}
