using System.Text;
using XenBundle.Tree;

namespace XenBundle.Media.Iso;

/// <summary>
/// Walks an image's directory tree into the entries of a medium: Rock Ridge names,
/// modes, symlinks and times when the image has Rock Ridge, else Joliet, else plain
/// ISO 9660 names. Relocated deep directories (CL/RE) are put back where they belong
/// and the relocation directory is hidden; multi-extent pieces become one file. The
/// walk is bounded: depth, record count, path length, and no directory read twice.
/// Device nodes, FIFOs and sockets are not entries: they are collected to be reported.
/// </summary>
internal sealed class IsoTreeBuilder
{
    public const int MaxDepth = 256;
    public const int MaxRecords = 1_000_000;
    public const int MaxPathBytes = 4095;

    private const uint TypeMask = 0xF000;
    private const uint TypeDirectory = 0x4000;
    private const uint TypeRegular = 0x8000;
    private const uint TypeSymlink = 0xA000;
    private const uint TypeFifo = 0x1000;
    private const uint TypeCharacterDevice = 0x2000;
    private const uint TypeBlockDevice = 0x6000;
    private const uint TypeSocket = 0xC000;

    private static readonly string[] RockRidgeIds = ["RRIP_1991A", "IEEE_P1282", "IEEE_1282"];

    private readonly IsoImage _image;
    private readonly List<MediaEntry> _entries = [];
    private readonly HashSet<long> _visited = [];
    private readonly HashSet<string> _hidden = new(StringComparer.Ordinal);
    private readonly Stack<PendingDirectory> _pending = new();
    /// <summary>How many left-out entries are named one by one; the rest are counted in one line.</summary>
    public const int SkippedNamed = 20;

    private readonly List<string> _skipped = [];
    private long _skippedUnnamed;
    private int _records;
    private int _skip;

    private IsoTreeBuilder(IsoImage image) => _image = image;

    public IsoNaming Naming { get; private set; }

    public static (List<MediaEntry> Entries, IsoNaming Naming, List<string> Skipped) Build(IsoImage image, VolumeDescriptors volumes)
    {
        var builder = new IsoTreeBuilder(image);
        var root = volumes.PrimaryRoot;
        if (builder.DetectRockRidge(root))
        {
            builder.Naming = IsoNaming.RockRidge;
        }
        else if (volumes.JolietRoot is { } joliet)
        {
            builder.Naming = IsoNaming.Joliet;
            root = joliet;
        }
        else
        {
            builder.Naming = IsoNaming.Iso9660;
        }

        var entries = builder.Walk(root);
        if (builder._skippedUnnamed > 0)
        {
            builder._skipped.Add($"{image.Name}: {builder._skippedUnnamed} more device nodes, FIFOs or sockets are not extracted");
        }

        return (entries, builder.Naming, builder._skipped);
    }

    /// <summary>
    /// Rock Ridge is there when the root's <c>.</c> record starts with SP and either an ER
    /// names Rock Ridge or Rock Ridge entries are present. genisoimage and xorriso put ER
    /// in a continuation area, so CE is followed before deciding.
    /// </summary>
    private bool DetectRockRidge(DirectoryRecord root)
    {
        var self = DirectoryReader.Read(_image, root.DataOffset, root.DataLength).FirstOrDefault();
        if (self is null || !self.IsSelf)
        {
            throw new IsoFormatException(_image.Name, root.DataOffset, "the root directory does not start with its '.' record");
        }

        var area = self.SystemUse;
        if (area.Length < 7 || !area.StartsWith("SP"u8))
        {
            return false;
        }

        var attributes = RockRidgeParser.Parse(SuspReader.Read(_image, area, self.Offset + self.SystemUseStart, skip: 0), _image.Name);
        if (attributes.SharingSkip is not { } skip)
        {
            return false;
        }

        _skip = skip;
        return attributes.HasRockRidgeEntries || attributes.Extensions.Any(id => RockRidgeIds.Contains(id, StringComparer.Ordinal));
    }

    private List<MediaEntry> Walk(DirectoryRecord root)
    {
        _pending.Push(new PendingDirectory(string.Empty, root.DataOffset, root.DataLength, 0, root.Offset));
        while (_pending.TryPop(out var directory))
        {
            ReadDirectory(directory);
        }

        var entries = _hidden.Count == 0 ? _entries : _entries.Where(e => !_hidden.Contains(e.Path)).ToList();
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].Path == entries[i - 1].Path)
            {
                throw new IsoFormatException(_image.Name, RecordOffset(entries[i]), $"two entries are named '{TreePath.Printable(entries[i].Path)}'");
            }
        }

        return entries;
    }

    private void ReadDirectory(PendingDirectory directory)
    {
        if (directory.Depth > MaxDepth)
        {
            throw new IsoFormatException(_image.Name, directory.RecordOffset, $"directories nested more than {MaxDepth} deep");
        }

        if (!_visited.Add(directory.Start))
        {
            throw new IsoFormatException(_image.Name, directory.RecordOffset, $"directory '{TreePath.Printable(directory.Path)}' is its own ancestor or shares its records with another directory: the directories form a loop");
        }

        var relocated = 0;
        var listed = 0;
        var seen = 0;
        MultiExtentFile? pieces = null;
        foreach (var record in DirectoryReader.Read(_image, directory.Start, directory.Length))
        {
            if (++_records > MaxRecords)
            {
                throw new IsoFormatException(_image.Name, record.Offset, $"more than {MaxRecords} directory records");
            }

            if (seen++ == 0 && !record.IsSelf)
            {
                throw NotADirectory(directory);
            }

            if (record.IsSelf || record.IsParent || record.IsAssociated)
            {
                continue;
            }

            var attributes = Naming == IsoNaming.RockRidge
                ? RockRidgeParser.Parse(SuspReader.Read(_image, record.SystemUse, record.Offset + record.SystemUseStart, _skip), _image.Name)
                : null;
            if (attributes?.SelfOrParentName is { } selfOrParent)
            {
                throw new IsoFormatException(_image.Name, selfOrParent, "Rock Ridge name (NM) is '.' or '..'");
            }

            if (attributes?.IsRelocated == true)
            {
                relocated++;
                continue;
            }

            listed++;
            var path = PathOf(directory, record, attributes);
            if (record.FileUnitSize != 0 || record.InterleaveGap != 0)
            {
                throw new IsoFormatException(_image.Name, record.Offset, $"'{TreePath.Printable(path)}' is an interleaved file (unit size {record.FileUnitSize}, gap {record.InterleaveGap}), which no current tool writes and this reader does not support");
            }

            if (pieces is not null || record.IsMultiExtent)
            {
                pieces = AddPiece(pieces, path, record, attributes);
                continue;
            }

            Add(directory, path, record, attributes, [record]);
        }

        if (seen == 0)
        {
            throw NotADirectory(directory);
        }

        if (pieces is not null)
        {
            throw new IsoFormatException(_image.Name, pieces.Records[^1].Offset, $"the last piece of multi-extent file '{TreePath.Printable(pieces.Path)}' is missing");
        }

        if (relocated > 0 && listed == 0 && directory.Path.Length > 0)
        {
            _hidden.Add(directory.Path); // the relocation directory (rr_moved): its directories are listed where they belong
        }
    }

    /// <summary>
    /// Every directory starts with its '.' record. One that does not (an extent of 0 bytes,
    /// or one that lies past the end of what was written, as in libarchive's
    /// test_read_format_iso_rockridge_zf_overflow) would otherwise come out as an empty
    /// directory: bsdtar refuses it as "beyond end-of-media", and so do we.
    /// </summary>
    private IsoFormatException NotADirectory(PendingDirectory directory) =>
        new(_image.Name, directory.RecordOffset, $"directory '/{TreePath.Printable(directory.Path)}' ({directory.Length} bytes at byte {directory.Start}) does not start with its '.' record: it is beyond the end of the media or corrupt");

    /// <summary>Collects the pieces of a file stored in several extents: records of the same name, all but the last flagged.</summary>
    private MultiExtentFile? AddPiece(MultiExtentFile? pieces, string path, DirectoryRecord record, RockRidgeAttributes? attributes)
    {
        pieces ??= new MultiExtentFile(path, attributes);
        if (pieces.Path != path)
        {
            throw new IsoFormatException(_image.Name, record.Offset, $"multi-extent file '{TreePath.Printable(pieces.Path)}' is followed by '{TreePath.Printable(path)}' instead of its next piece");
        }

        if (record.IsDirectory)
        {
            throw new IsoFormatException(_image.Name, record.Offset, $"directory '{TreePath.Printable(path)}' is flagged as a multi-extent file");
        }

        pieces.Records.Add(record);
        if (record.IsMultiExtent)
        {
            return pieces;
        }

        AddFile(pieces.Path, pieces.Records, pieces.Attributes);
        return null;
    }

    private void Add(PendingDirectory parent, string path, DirectoryRecord record, RockRidgeAttributes? attributes, List<DirectoryRecord> records)
    {
        var type = attributes?.Mode is { } mode ? mode & TypeMask : 0;
        if (attributes?.ChildLink is { } relocatedTo)
        {
            var start = (long)relocatedTo * IsoImage.SectorSize;
            var self = DirectoryReader.Read(_image, start, IsoImage.SectorSize).FirstOrDefault();
            if (self is null || !self.IsSelf)
            {
                throw new IsoFormatException(_image.Name, record.Offset, $"relocated directory '{TreePath.Printable(path)}' (CL) points at sector {relocatedTo}, which holds no directory");
            }

            AddDirectory(parent, path, record, attributes, start, self.DataLength);
        }
        else if (record.IsDirectory)
        {
            AddDirectory(parent, path, record, attributes, record.DataOffset, record.DataLength);
        }
        else if (type == TypeSymlink || (type == 0 && attributes?.SymlinkTarget is not null))
        {
            var target = attributes!.SymlinkTarget
                ?? throw new IsoFormatException(_image.Name, record.Offset, $"symlink '{TreePath.Printable(path)}' has no target (SL)");
            _entries.Add(new MediaEntry
            {
                Path = path,
                Kind = EntryKind.Symlink,
                Mode = UnixMode.Symlink,
                ModifiedTime = TimeOf(record, attributes),
                SymlinkTarget = target,
                Locator = new IsoLocation(record.Offset, []),
            });
        }
        else if (type is 0 or TypeRegular)
        {
            AddFile(path, records, attributes);
        }
        else if (SpecialKind(type) is not { } special)
        {
            var what = type == TypeDirectory ? "a directory whose record is not flagged as one" : $"of unknown file type 0{Convert.ToString(type >> 12, 8)} (Rock Ridge PX)";
            throw new IsoFormatException(_image.Name, record.Offset, $"'{TreePath.Printable(path)}' is {what}");
        }
        else
        {
            // A device node, FIFO or socket has no bytes to copy, and an unprivileged build could not
            // create one: it is left out and named, as bsdtar extracts the rest and reports it.
            // Only the first ones are named: an image of a million device nodes is one line more, not a million.
            if (_skipped.Count < SkippedNamed)
            {
                _skipped.Add($"{_image.Name}: offset {record.Offset}: '{TreePath.Printable(path)}' is {special}, which is not extracted");
            }
            else
            {
                _skippedUnnamed++;
            }
        }
    }

    private void AddDirectory(PendingDirectory parent, string path, DirectoryRecord record, RockRidgeAttributes? attributes, long start, uint length)
    {
        _entries.Add(new MediaEntry
        {
            Path = path,
            Kind = EntryKind.Directory,
            Mode = ModeOf(attributes, IsoModes.Directory),
            ModifiedTime = TimeOf(record, attributes),
            Locator = new IsoLocation(record.Offset, []),
        });
        _pending.Push(new PendingDirectory(path, start, length, parent.Depth + 1, record.Offset));
    }

    private void AddFile(string path, List<DirectoryRecord> records, RockRidgeAttributes? attributes)
    {
        var first = records[0];
        if (attributes?.UnsupportedStorage is { } storage)
        {
            var form = storage.Signature == "ZF" ? "zisofs-compressed (ZF)" : "sparse (SF)";
            throw new IsoFormatException(_image.Name, storage.Offset, $"'{TreePath.Printable(path)}' is stored {form}, which this reader does not decode");
        }

        var extents = new List<IsoExtent>(records.Count);
        foreach (var piece in records)
        {
            if (piece.DataLength == 0)
            {
                continue; // an empty file's extent number means nothing (genisoimage gives it a neighbour's)
            }

            _image.CheckInside(piece.DataOffset, piece.DataLength, $"the content of '{TreePath.Printable(path)}' (directory record at byte {piece.Offset})");
            extents.Add(new IsoExtent(piece.DataOffset, piece.DataLength));
        }

        _entries.Add(new MediaEntry
        {
            Path = path,
            Kind = EntryKind.File,
            Mode = ModeOf(attributes, IsoModes.File),
            Size = extents.Sum(e => e.Length),
            ModifiedTime = TimeOf(first, attributes),
            Locator = new IsoLocation(first.Offset, extents),
        });
    }

    private string PathOf(PendingDirectory directory, DirectoryRecord record, RockRidgeAttributes? attributes)
    {
        var name = attributes?.Name is { } posix ? IsoFileName.Decode(posix)
            : Naming == IsoNaming.Joliet ? IsoFileName.Joliet(record.Identifier)
            : IsoFileName.Plain(record.Identifier);
        var problem = TreePath.NameProblem(name);
        if (problem is not null)
        {
            throw new IsoFormatException(_image.Name, record.Offset, $"unsafe name in directory '/{TreePath.Printable(directory.Path)}': {problem}");
        }

        var path = TreePath.Combine(directory.Path, name);
        if (Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
        {
            throw new IsoFormatException(_image.Name, record.Offset, $"path longer than {MaxPathBytes} bytes: '{TreePath.Printable(path[..80])}...'");
        }

        return path;
    }

    private static string? SpecialKind(uint type) => type switch
    {
        TypeBlockDevice => "a block device",
        TypeCharacterDevice => "a character device",
        TypeFifo => "a FIFO",
        TypeSocket => "a socket",
        _ => null,
    };

    private static int ModeOf(RockRidgeAttributes? attributes, int fallback) =>
        attributes?.Mode is { } mode ? (int)(mode & UnixMode.Permissions) : fallback;

    private static DateTimeOffset TimeOf(DirectoryRecord record, RockRidgeAttributes? attributes) =>
        attributes?.Modified ?? record.RecordedAt ?? DateTimeOffset.UnixEpoch;

    private static long RecordOffset(MediaEntry entry) => entry.Locator is IsoLocation location ? location.RecordOffset : 0;

    private sealed record PendingDirectory(string Path, long Start, uint Length, int Depth, long RecordOffset);

    private sealed record MultiExtentFile(string Path, RockRidgeAttributes? Attributes)
    {
        public List<DirectoryRecord> Records { get; } = [];
    }
}
