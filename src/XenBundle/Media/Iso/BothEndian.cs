using System.Buffers.Binary;

namespace XenBundle.Media.Iso;

/// <summary>
/// ISO 9660 writes numbers twice, little-endian then big-endian. The little-endian half
/// is the one read (as Linux and libarchive do), so a sloppy writer's big-endian half
/// does not make an image unreadable.
/// </summary>
internal static class BothEndian
{
    public static uint U32(ReadOnlySpan<byte> field) => BinaryPrimitives.ReadUInt32LittleEndian(field);

    public static ushort U16(ReadOnlySpan<byte> field) => BinaryPrimitives.ReadUInt16LittleEndian(field);
}
