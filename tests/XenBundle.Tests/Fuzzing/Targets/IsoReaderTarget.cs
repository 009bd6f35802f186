using System.Text;
using XenBundle.Media;
using XenBundle.Media.Iso;
using XenBundle.Pipeline;
using XenBundle.Tree;

namespace XenBundle.Tests.Fuzzing.Targets;

/// <summary>
/// The ISO 9660 reader as the pipeline uses it: open an image, list it, read every file
/// through its extents, describe the boot catalog, and lay it into a merged tree (which
/// refuses symlinks that leave it, alone or through each other). Every file must read back exactly its listed size.
/// </summary>
internal sealed class IsoReaderTarget : FuzzTarget
{
    private const int DescriptorStart = 16 * IsoImage.SectorSize;

    private static readonly string[] SuspSignatures = ["SP", "CE", "ER", "ST", "PD", "PX", "PN", "SL", "NM", "CL", "PL", "RE", "TF", "RR", "ZF", "SF"];

    public override string Name => "iso";

    public override IReadOnlyList<byte[]> Dictionary { get; } = Tokens("CD001", "RRIP_1991A", "IEEE_P1282", "rr_moved", "..", "/", ".", "\0", "/etc/shadow", "../../..", "EL TORITO SPECIFICATION");

    public override void Run(byte[] input)
    {
        using var iso = IsoMediaSource.Open(new MemoryStream(input, writable: false), "fuzz.iso");
        var buffer = new byte[64 << 10];
        foreach (var entry in iso.Entries)
        {
            _ = iso.LocationOf(entry);
            if (entry.Kind != EntryKind.File)
            {
                continue;
            }

            using var content = iso.OpenRead(entry);
            long read = 0;
            int count;
            while ((count = content.Read(buffer)) > 0)
            {
                read += count;
            }

            if (read != entry.Size)
            {
                throw new FuzzPropertyException($"'{entry.Path}' is listed with {entry.Size} bytes but {read} were read");
            }
        }

        _ = iso.BootCatalog?.Describe();
        var merger = new TreeMerger();
        merger.AddDisc(iso);
        SymlinkContainment.Check(merger.Tree);
    }

    /// <summary>
    /// The volume descriptors' sizes and root records, every directory record's lengths,
    /// extent, size and flags, and every System Use entry's length and first fields.
    /// </summary>
    public override IReadOnlyList<int> StructureOffsets(byte[] seed)
    {
        var offsets = new List<int>();
        for (var descriptor = DescriptorStart; descriptor + IsoImage.SectorSize <= seed.Length && seed[descriptor] != 0xFF; descriptor += IsoImage.SectorSize)
        {
            offsets.AddRange([descriptor, descriptor + 71, descriptor + 80, descriptor + 128, descriptor + 132, descriptor + 140, descriptor + 156, descriptor + 158, descriptor + 166]);
        }

        using (var iso = IsoMediaSource.Open(new MemoryStream(seed, writable: false), "seed.iso"))
        {
            foreach (var entry in iso.Entries)
            {
                var record = (int)((IsoLocation)entry.Locator!).RecordOffset;
                offsets.AddRange([record, record + 1, record + 2, record + 10, record + 25, record + 26, record + 32, record + 33]);
            }
        }

        // SUSP entries (in records and continuation areas alike): two capitals, a length, version 1.
        for (var i = 0; i + 4 < seed.Length; i++)
        {
            if (seed[i + 3] == 1 && seed[i + 2] >= 4 && SuspSignatures.Contains(Encoding.ASCII.GetString(seed, i, 2)))
            {
                offsets.AddRange([i + 2, i + 4, i + 5, i + 6, i + 12, i + 20]);
            }
        }

        return offsets;
    }
}
