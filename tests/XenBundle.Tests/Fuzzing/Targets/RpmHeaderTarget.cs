using System.Buffers.Binary;
using XenBundle.Repository;
using XenBundle.Rpm;
using XenBundle.Tree;

namespace XenBundle.Tests.Fuzzing.Targets;

/// <summary>
/// The RPM header reader as the repository stage uses it: scan a package (headers and
/// checksum in one read) and write its primary, filelists and other records the way
/// createrepo_c does.
/// </summary>
internal sealed class RpmHeaderTarget : FuzzTarget
{
    private const int IntroLength = 16;
    private const int IndexEntryLength = 16;

    public override string Name => "rpm";

    public override IReadOnlyList<byte[]> Dictionary { get; } = Tokens("libc.so.6(GLIBC_2.0)", "rpmlib(", "/etc/", "bin/", "0:", ":", "-", "(", ")");

    public override void Run(byte[] input)
    {
        var source = new PackageSource("Packages/fuzz.rpm", new BytesContent(input, "fuzz.rpm"), "fuzz");
        var scanned = PackageScanner.ScanOne(source, ChecksumType.Sha256);
        IReadOnlyCollection<ScannedPackage> packages = [scanned];
        PrimaryXml.Write(Stream.Null, packages, 0);
        FilelistsXml.Write(Stream.Null, packages);
        OtherXml.Write(Stream.Null, packages, Changelogs.DefaultLimit);
    }

    /// <summary>The lead's version, both headers' counts and sizes, and every index entry's tag, type, offset and count.</summary>
    public override IReadOnlyList<int> StructureOffsets(byte[] seed)
    {
        var offsets = new List<int> { 4, 5, 6, 7 };
        var header = RpmHeaderReader.LeadSize;
        for (var which = 0; which < 2 && header + IntroLength <= seed.Length; which++)
        {
            var count = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(seed.AsSpan(header + 8)), 4096);
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(seed.AsSpan(header + 12)), int.MaxValue / 2);
            offsets.AddRange([header, header + 8, header + 12]);
            for (var i = 0; i < count; i++)
            {
                var entry = header + IntroLength + (i * IndexEntryLength);
                offsets.AddRange([entry, entry + 3, entry + 4, entry + 7, entry + 8, entry + 11, entry + 12, entry + 15]);
            }

            header += IntroLength + (count * IndexEntryLength) + size;
            header += which == 0 ? (8 - (header % 8)) % 8 : 0;
        }

        return offsets;
    }
}
