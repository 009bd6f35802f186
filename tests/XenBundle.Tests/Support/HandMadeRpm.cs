using System.Buffers.Binary;
using XenBundle.Rpm;

namespace XenBundle.Tests.Support;

/// <summary>RPM packages written byte by byte, as a hostile builder would: any tag, any count, no rpmbuild.</summary>
internal static class HandMadeRpm
{
    /// <summary>
    /// A package named <paramref name="name"/> whose <paramref name="files"/> files all lie in
    /// <paramref name="directory"/>, each named <paramref name="baseName"/>; a description of
    /// <paramref name="padding"/> bytes makes the header data as large as wanted.
    /// </summary>
    public static byte[] WithFiles(string name, int files, string directory, string baseName, int padding = 0)
    {
        var baseNames = Text(baseName);
        return Package(
            (RpmTag.Name, RpmTagType.String, 1, Text(name)),
            (RpmTag.Description, RpmTagType.String, 1, Text(new string('-', padding))),
            (RpmTag.Version, RpmTagType.String, 1, Text("1")),
            (RpmTag.Release, RpmTagType.String, 1, Text("1")),
            (RpmTag.Arch, RpmTagType.String, 1, Text("noarch")),
            (RpmTag.DirIndexes, RpmTagType.Int32, files, new byte[files * 4]),
            (RpmTag.BaseNames, RpmTagType.StringArray, files, [.. Enumerable.Range(0, files).SelectMany(_ => baseNames)]),
            (RpmTag.DirNames, RpmTagType.StringArray, 1, Text(directory)));
    }

    /// <summary>A package as a hostile builder writes it: a lead, a one-entry signature header, and a main header of the given entries.</summary>
    public static byte[] Package(params (int Tag, RpmTagType Type, int Count, byte[] Data)[] entries)
    {
        var lead = new byte[RpmHeaderReader.LeadSize];
        new byte[] { 0xED, 0xAB, 0xEE, 0xDB, 3, 0 }.CopyTo(lead, 0);
        var signature = Header([(RpmTag.SignatureSize, RpmTagType.Int32, 1, new byte[4])]);
        var padding = new byte[(8 - (signature.Length % 8)) % 8]; // the main header starts on 8 bytes
        return [.. lead, .. signature, .. padding, .. Header(entries)];
    }

    private static byte[] Header((int Tag, RpmTagType Type, int Count, byte[] Data)[] entries)
    {
        var header = new byte[16 + entries.Length * 16];
        new byte[] { 0x8E, 0xAD, 0xE8, 0x01 }.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), entries.Length);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), entries.Sum(e => e.Data.Length));
        var offset = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            var at = header.AsSpan(16 + i * 16);
            BinaryPrimitives.WriteInt32BigEndian(at, entries[i].Tag);
            BinaryPrimitives.WriteInt32BigEndian(at[4..], (int)entries[i].Type);
            BinaryPrimitives.WriteInt32BigEndian(at[8..], offset);
            BinaryPrimitives.WriteInt32BigEndian(at[12..], entries[i].Count);
            offset += entries[i].Data.Length;
        }

        return [.. header, .. entries.SelectMany(e => e.Data)];
    }

    public static byte[] Text(string text) => [.. System.Text.Encoding.UTF8.GetBytes(text), 0];
}
