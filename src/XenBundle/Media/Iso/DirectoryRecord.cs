namespace XenBundle.Media.Iso;

/// <summary>
/// One directory record (ECMA-119 9.1): where a file or directory's data lies, how long
/// it is, its date and flags, its identifier and its System Use area (Rock Ridge).
/// </summary>
internal sealed class DirectoryRecord
{
    public const int FixedLength = 33;

    /// <summary>The root record in a volume descriptor: the fixed part and the one-byte name 0x00.</summary>
    public const int RootLength = FixedLength + 1;

    private const int MaxRootLength = 68;

    private const byte DirectoryFlag = 0x02;
    private const byte AssociatedFlag = 0x04;
    private const byte MultiExtentFlag = 0x80;

    private DirectoryRecord(long offset, byte[] bytes)
    {
        Offset = offset;
        Bytes = bytes;
    }

    /// <summary>Where the record starts in the image.</summary>
    public long Offset { get; }

    public int Length => Bytes.Length;

    public uint Extent => BothEndian.U32(Bytes.AsSpan(2));

    public uint DataLength => BothEndian.U32(Bytes.AsSpan(10));

    public byte ExtendedAttributeLength => Bytes[1];

    public DateTimeOffset? RecordedAt => IsoDate.Short(Bytes.AsSpan(18, IsoDate.ShortLength));

    public byte Flags => Bytes[25];

    public byte FileUnitSize => Bytes[26];

    public byte InterleaveGap => Bytes[27];

    public bool IsDirectory => (Flags & DirectoryFlag) != 0;

    /// <summary>An associated file (a Macintosh resource fork and the like): not part of the tree.</summary>
    public bool IsAssociated => (Flags & AssociatedFlag) != 0;

    /// <summary>Not the last piece of a file stored in several extents.</summary>
    public bool IsMultiExtent => (Flags & MultiExtentFlag) != 0;

    public ReadOnlySpan<byte> Identifier => Bytes.AsSpan(FixedLength, Bytes[32]);

    /// <summary>The <c>.</c> entry of a directory (identifier 0x00).</summary>
    public bool IsSelf => Identifier is [0];

    /// <summary>The <c>..</c> entry of a directory (identifier 0x01).</summary>
    public bool IsParent => Identifier is [1];

    /// <summary>Where the System Use area starts: after the identifier and its padding byte.</summary>
    public int SystemUseStart => FixedLength + Bytes[32] + ((Bytes[32] & 1) == 0 ? 1 : 0);

    public ReadOnlySpan<byte> SystemUse => SystemUseStart < Bytes.Length ? Bytes.AsSpan(SystemUseStart) : [];

    /// <summary>Where the file's data starts in the image (after any extended attribute record).</summary>
    public long DataOffset => ((long)Extent + ExtendedAttributeLength) * IsoImage.SectorSize;

    private byte[] Bytes { get; }

    /// <summary>
    /// Parses the root directory record of a volume descriptor: a 34-byte field. Old images
    /// (CSRG CDs, libarchive's test_read_format_iso_3) say it is longer, up to 68 bytes, as
    /// libarchive accepts; only the 34 bytes of the field are read, the rest belongs to the
    /// descriptor's next fields.
    /// </summary>
    public static DirectoryRecord ParseRoot(ReadOnlySpan<byte> field, long offset, string image)
    {
        var length = field[0];
        if (length < RootLength || length > MaxRootLength)
        {
            throw new IsoFormatException(image, offset, $"root directory record of {length} bytes is malformed (34, or up to {MaxRootLength} on old images)");
        }

        var bytes = field[..RootLength].ToArray();
        bytes[0] = RootLength;
        return Parse(bytes, offset, image);
    }

    /// <summary>Parses the record at the start of <paramref name="bytes"/>, or fails naming the image and offset.</summary>
    public static DirectoryRecord Parse(ReadOnlySpan<byte> bytes, long offset, string image)
    {
        var length = bytes.Length == 0 ? 0 : bytes[0];
        if (length < FixedLength + 1 || length > bytes.Length)
        {
            throw new IsoFormatException(image, offset, $"directory record of {length} bytes is malformed (at least 34, at most the {bytes.Length} bytes left in its sector)");
        }

        var identifierLength = bytes[32];
        if (identifierLength == 0 || FixedLength + identifierLength > length)
        {
            throw new IsoFormatException(image, offset, $"directory record has a {identifierLength}-byte name that does not fit its {length} bytes");
        }

        return new DirectoryRecord(offset, bytes[..length].ToArray());
    }
}
