using System.Buffers.Binary;
using System.Globalization;

namespace XenBundle.Media.Iso;

/// <summary>One boot image of an El Torito catalog: what a BIOS or UEFI firmware would load.</summary>
public sealed record BootEntry
{
    /// <summary>x86 BIOS, PowerPC, Mac or UEFI.</summary>
    public required string Platform { get; init; }

    public required bool Bootable { get; init; }

    /// <summary>no emulation, 1.2M/1.44M/2.88M floppy or hard disk.</summary>
    public required string Emulation { get; init; }

    /// <summary>The real-mode segment the image is loaded at (0 means the default, 0x07C0).</summary>
    public required ushort LoadSegment { get; init; }

    /// <summary>How many 512-byte virtual sectors are loaded.</summary>
    public required ushort SectorCount { get; init; }

    /// <summary>The 2048-byte sector of the image the boot image starts at.</summary>
    public required uint LoadRba { get; init; }
}

/// <summary>
/// The El Torito boot catalog: the validation entry, the default entry and the section
/// entries (one per extra platform, e.g. UEFI). It is only reported, never needed to
/// extract, so a damaged catalog is described as such instead of failing the image.
/// </summary>
public sealed class ElToritoCatalog
{
    private const int EntrySize = 32;
    private const int MaxSectors = 4;
    private const byte Bootable = 0x88;
    private const byte MoreSections = 0x90;
    private const byte LastSection = 0x91;
    private const byte Extension = 0x44;

    private ElToritoCatalog(uint sector, string platform, IReadOnlyList<BootEntry> entries, string? problem)
    {
        Sector = sector;
        Platform = platform;
        Entries = entries;
        Problem = problem;
    }

    /// <summary>The sector the catalog is in.</summary>
    public uint Sector { get; }

    /// <summary>The platform of the validation entry (the default entry's platform).</summary>
    public string Platform { get; }

    /// <summary>The default entry first, then the section entries.</summary>
    public IReadOnlyList<BootEntry> Entries { get; }

    /// <summary>What is wrong with the catalog, when something is; null for a sound catalog.</summary>
    public string? Problem { get; }

    /// <summary>One paragraph for the report.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        for (var i = 0; i < Entries.Count; i++)
        {
            var entry = Entries[i];
            var segment = entry.LoadSegment == 0 ? 0x07C0 : entry.LoadSegment;
            var which = i == 0 ? "the default entry" : $"section entry {i} ({entry.Platform})";
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{which} is {(entry.Bootable ? "bootable" : "not bootable")}, {entry.Emulation}, loading {entry.SectorCount} sectors of 512 bytes from sector {entry.LoadRba} at segment 0x{segment:X4}"));
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"El Torito boot catalog at sector {Sector}, platform {Platform}: ")
            + (parts.Count == 0 ? "no boot image." : string.Join("; ", parts) + ".");
        return Problem is null ? text : $"{text} The catalog is damaged: {Problem}.";
    }

    internal static ElToritoCatalog Read(IsoImage image, uint sector)
    {
        var start = (long)sector * IsoImage.SectorSize;
        var length = (int)Math.Min(MaxSectors * IsoImage.SectorSize, Math.Max(0, image.Length - start));
        if (length < EntrySize)
        {
            return new ElToritoCatalog(sector, "unknown", [], $"sector {sector} is past the end of the image");
        }

        var bytes = new byte[length];
        image.ReadExactly(start, bytes, "El Torito boot catalog");
        var validation = bytes.AsSpan(0, EntrySize);
        var platform = PlatformName(validation[1]);
        if (validation[0] != 0x01 || validation[30] != 0x55 || validation[31] != 0xAA)
        {
            return new ElToritoCatalog(sector, platform, [], "no validation entry");
        }

        var entries = new List<BootEntry> { Entry(bytes.AsSpan(EntrySize, EntrySize), platform) };
        var problem = ChecksumProblem(validation) ?? Sections(bytes, entries);
        return new ElToritoCatalog(sector, platform, entries, problem);
    }

    /// <summary>Reads the section headers and their entries after the default entry.</summary>
    private static string? Sections(byte[] bytes, List<BootEntry> entries)
    {
        var position = 2 * EntrySize;
        while (position + EntrySize <= bytes.Length)
        {
            var header = bytes[position];
            if (header is not (MoreSections or LastSection))
            {
                return null;
            }

            var platform = PlatformName(bytes[position + 1]);
            var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position + 2));
            position += EntrySize;
            for (var i = 0; i < count; i++)
            {
                if (position + EntrySize > bytes.Length)
                {
                    return "a section runs past the end of the catalog";
                }

                entries.Add(Entry(bytes.AsSpan(position, EntrySize), platform));
                position += EntrySize;
                while (position + EntrySize <= bytes.Length && bytes[position] == Extension)
                {
                    position += EntrySize;
                }
            }

            if (header == LastSection)
            {
                return null;
            }
        }

        return "the last section header is missing";
    }

    private static BootEntry Entry(ReadOnlySpan<byte> entry, string platform) => new()
    {
        Platform = platform,
        Bootable = entry[0] == Bootable,
        Emulation = (entry[1] & 0x0F) switch
        {
            0 => "no emulation",
            1 => "1.2 MB floppy emulation",
            2 => "1.44 MB floppy emulation",
            3 => "2.88 MB floppy emulation",
            4 => "hard disk emulation",
            var other => $"unknown emulation {other}",
        },
        LoadSegment = BinaryPrimitives.ReadUInt16LittleEndian(entry[2..]),
        SectorCount = BinaryPrimitives.ReadUInt16LittleEndian(entry[6..]),
        LoadRba = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]),
    };

    /// <summary>The 16-bit little-endian words of the validation entry must add up to zero.</summary>
    private static string? ChecksumProblem(ReadOnlySpan<byte> validation)
    {
        var sum = 0;
        for (var i = 0; i < EntrySize; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16LittleEndian(validation[i..]);
        }

        return (sum & 0xFFFF) == 0 ? null : "the validation entry's checksum is wrong";
    }

    private static string PlatformName(byte id) => id switch
    {
        0x00 => "x86 BIOS",
        0x01 => "PowerPC",
        0x02 => "Mac",
        0xEF => "UEFI",
        _ => $"0x{id:X2}",
    };
}
