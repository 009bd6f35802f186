using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace XenBundle.Bundling;

/// <summary>
/// A gzip writer whose header carries no name and no time and the same OS byte (3, Unix)
/// on every platform, so that the same bytes in give the same bytes out anywhere.
/// Deflate is the runtime's zlib; <see cref="CompressionLevel.Fastest"/> suits bundles,
/// which are mostly RPMs whose payloads are already compressed.
/// </summary>
public sealed class DeterministicGzipStream : Stream
{
    private static readonly byte[] Header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];

    private readonly Stream _output;
    private readonly DeflateStream _deflate;
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _closed;

    public DeterministicGzipStream(Stream output, CompressionLevel level = CompressionLevel.Fastest)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _output.Write(Header);
        _deflate = new DeflateStream(_output, level, leaveOpen: true);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_closed;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _crc.Append(buffer);
        _length += buffer.Length;
        _deflate.Write(buffer);
    }

    public override void Flush() => _deflate.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_closed)
        {
            _closed = true;
            _deflate.Dispose();
            Span<byte> trailer = stackalloc byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.GetCurrentHashAsUInt32());
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)_length);
            _output.Write(trailer);
            _output.Flush();
        }

        base.Dispose(disposing);
    }
}
