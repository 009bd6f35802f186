using System.Text;

namespace XenBundle.Media.Iso;

/// <summary>
/// The volume descriptor set from sector 16 to the terminator: the primary descriptor
/// (the ISO 9660 and Rock Ridge tree), a Joliet supplementary descriptor if any, and the
/// El Torito boot record if any. Other descriptors (partitions, non-Joliet
/// supplementary ones, enhanced descriptors) are passed over.
/// </summary>
internal sealed class VolumeDescriptors
{
    public const int FirstSector = 16;

    /// <summary>Descriptors read at most before the terminator (real images have 2 to 5).</summary>
    public const int MaxDescriptors = 64;

    private const byte BootRecordType = 0;
    private const byte PrimaryType = 1;
    private const byte SupplementaryType = 2;
    private const byte TerminatorType = 255;
    private const int RootRecordOffset = 156;

    // ECMA-119 8.4.26 and 8.4.27: the volume creation and modification dates, 17-byte ASCII form.
    private const int CreationDateOffset = 813;
    private const int ModificationDateOffset = 830;

    private VolumeDescriptors(DirectoryRecord primaryRoot, string volumeId)
    {
        PrimaryRoot = primaryRoot;
        VolumeId = volumeId;
    }

    public DirectoryRecord PrimaryRoot { get; }

    public string VolumeId { get; }

    /// <summary>The newer of the primary descriptor's creation and modification dates; null when neither is set.</summary>
    public DateTimeOffset? RecordedAt { get; private init; }

    public DirectoryRecord? JolietRoot { get; private set; }

    /// <summary>The sector of the El Torito boot catalog, when the image has a boot record.</summary>
    public uint? BootCatalogSector { get; private set; }

    public static VolumeDescriptors Read(IsoImage image)
    {
        var sector = new byte[IsoImage.SectorSize];
        VolumeDescriptors? found = null;
        DirectoryRecord? joliet = null;
        uint? boot = null;
        for (var index = 0; index < MaxDescriptors; index++)
        {
            var offset = (long)(FirstSector + index) * IsoImage.SectorSize;
            if (offset + IsoImage.SectorSize > image.Length && index == 0)
            {
                throw new IsoFormatException(image.Name, offset, $"not an ISO 9660 image: it is {image.Length} bytes long, too short to hold a volume descriptor");
            }

            image.ReadExactly(offset, sector, "volume descriptor");
            if (!sector.AsSpan(1, 6).SequenceEqual("CD001\u0001"u8))
            {
                throw new IsoFormatException(image.Name, offset, index == 0
                    ? NotIso9660(sector)
                    : "volume descriptor without the CD001 signature before the set terminator");
            }

            switch (sector[0])
            {
                case TerminatorType:
                    return found?.With(joliet, boot)
                        ?? throw new IsoFormatException(image.Name, offset, "the image has no primary volume descriptor");
                case PrimaryType when found is null:
                    CheckBlockSize(image, sector, offset);
                    found = new VolumeDescriptors(Root(image, sector, offset), Encoding.ASCII.GetString(sector, 40, 32).TrimEnd(' ', '\0'))
                    {
                        RecordedAt = Newer(IsoDate.Long(sector.AsSpan(CreationDateOffset, IsoDate.LongLength)), IsoDate.Long(sector.AsSpan(ModificationDateOffset, IsoDate.LongLength))),
                    };
                    break;
                case SupplementaryType when joliet is null && IsJoliet(sector):
                    CheckBlockSize(image, sector, offset);
                    joliet = Root(image, sector, offset);
                    break;
                case BootRecordType when boot is null && sector.AsSpan(7).StartsWith("EL TORITO SPECIFICATION"u8):
                    boot = BothEndian.U32(sector.AsSpan(0x47));
                    break;
            }
        }

        throw new IsoFormatException(image.Name, (long)(FirstSector + MaxDescriptors) * IsoImage.SectorSize, $"no volume descriptor set terminator in the first {MaxDescriptors} descriptors");
    }

    private static DateTimeOffset? Newer(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>
    /// A UDF-only image (no ISO 9660 bridge) starts its descriptors with BEA01: say so, since
    /// a UDF image is a disc image all the same and "not ISO 9660" alone would puzzle.
    /// </summary>
    private static string NotIso9660(byte[] sector) =>
        sector.AsSpan(1, 5).SequenceEqual("BEA01"u8)
            ? "a UDF image without ISO 9660 descriptors (BEA01 at sector 16): this reader reads ISO 9660, with Rock Ridge or Joliet, not UDF; write the image with ISO 9660 (genisoimage, xorriso -as mkisofs) or a UDF bridge"
            : "not an ISO 9660 image: no CD001 volume descriptor at sector 16";

    /// <summary>Joliet is a supplementary descriptor with a UCS-2 escape sequence, not just any supplementary descriptor.</summary>
    private static bool IsJoliet(byte[] sector) =>
        sector[88] == '%' && sector[89] == '/' && sector[90] is (byte)'@' or (byte)'C' or (byte)'E' && (sector[7] & 1) == 0;

    private static void CheckBlockSize(IsoImage image, byte[] sector, long offset)
    {
        var blockSize = BothEndian.U16(sector.AsSpan(128));
        if (blockSize != IsoImage.SectorSize)
        {
            throw new IsoFormatException(image.Name, offset + 128, $"logical block size {blockSize} is not supported (only 2048)");
        }
    }

    private static DirectoryRecord Root(IsoImage image, byte[] sector, long offset) =>
        DirectoryRecord.ParseRoot(sector.AsSpan(RootRecordOffset, DirectoryRecord.RootLength), offset + RootRecordOffset, image.Name);

    private VolumeDescriptors With(DirectoryRecord? joliet, uint? boot)
    {
        JolietRoot = joliet;
        BootCatalogSector = boot;
        return this;
    }
}
