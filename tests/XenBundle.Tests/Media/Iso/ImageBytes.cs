using System.Buffers.Binary;
using System.Text;
using XenBundle.Media;
using XenBundle.Media.Iso;

namespace XenBundle.Tests.Media.Iso;

/// <summary>
/// An image held in memory to be damaged on purpose: find a record through the reader,
/// then overwrite bytes, both-endian numbers or Rock Ridge entries in place.
/// </summary>
internal sealed class ImageBytes
{
    public ImageBytes(byte[] bytes, string name = "hostile.iso")
    {
        Bytes = bytes;
        Name = name;
    }

    public byte[] Bytes { get; }

    public string Name { get; }

    public static ImageBytes Load(string path) => new(File.ReadAllBytes(path), Path.GetFileName(path));

    public ImageBytes Copy() => new((byte[])Bytes.Clone(), Name);

    public IsoMediaSource Open() => IsoMediaSource.Open(new MemoryStream(Bytes, writable: false), Name);

    /// <summary>Where the directory record of <paramref name="path"/> starts.</summary>
    public long RecordOf(string path)
    {
        using var iso = Open();
        return RecordOf(iso.Find(path) ?? throw new ArgumentException($"no {path} on the image", nameof(path)));
    }

    public static long RecordOf(MediaEntry entry) => ((IsoLocation)entry.Locator!).RecordOffset;

    /// <summary>The first byte of the first file's content: everything before it is descriptors, directories and continuation areas.</summary>
    public long FirstContent()
    {
        using var iso = Open();
        return iso.Entries.Where(e => e.Kind == XenBundle.Tree.EntryKind.File && e.Size > 0).Min(e => iso.ExtentsOf(e)[0].Offset);
    }

    /// <summary>The record of the root's '.' (the first record of the root directory).</summary>
    public long RootSelf() => BothEndian(16 * 2048 + 156 + 2) * 2048L;

    public uint BothEndian(long offset) => BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan((int)offset));

    public void SetBothEndian(long offset, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Bytes.AsSpan((int)offset), value);
        BinaryPrimitives.WriteUInt32BigEndian(Bytes.AsSpan((int)offset + 4), value);
    }

    /// <summary>The offset of the first SUSP entry <paramref name="signature"/> in the record at <paramref name="record"/>.</summary>
    public long EntryIn(long record, string signature)
    {
        var length = Bytes[record];
        var found = Bytes.AsSpan((int)record + 33, length - 33).IndexOf(Encoding.ASCII.GetBytes(signature));
        return found < 0 ? throw new ArgumentException($"no {signature} entry in the record at {record}") : record + 33 + found;
    }

    public void Write(long offset, string text) => Encoding.Latin1.GetBytes(text).CopyTo(Bytes.AsSpan((int)offset));
}
