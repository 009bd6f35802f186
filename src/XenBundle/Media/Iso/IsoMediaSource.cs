using XenBundle.Tree;

namespace XenBundle.Media.Iso;

/// <summary>
/// An ISO 9660 image as a read-only file tree, read straight from the file: no mount, no
/// root. Rock Ridge when the image has it (names, modes, symlinks, times), else Joliet,
/// else plain ISO 9660 names. Content is read from the image's extents when a file is
/// opened. Symlinks are listed as the image has them, absolute ones included: whoever
/// writes the tree out (MediaExtractor, TreeMerger) decides what may leave it.
/// </summary>
public sealed class IsoMediaSource : IMediaSource, ISequentialMedium
{
    private readonly IsoImage _image;
    private readonly Dictionary<string, MediaEntry> _byPath;

    private IsoMediaSource(IsoImage image, string location)
    {
        _image = image;
        Location = location;
        var volumes = VolumeDescriptors.Read(image);
        VolumeId = volumes.VolumeId;
        VolumeRecordedAt = volumes.RecordedAt;
        (var entries, Naming, var skipped) = IsoTreeBuilder.Build(image, volumes);
        Skipped = skipped;
        SharedExtents.Check(entries, image.Name);
        Entries = entries;
        _byPath = entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        BootCatalog = volumes.BootCatalogSector is { } sector ? ElToritoCatalog.Read(image, sector) : null;
    }

    public string Name => _image.Name;

    public string Location { get; }

    /// <summary>The volume identifier of the primary descriptor (the disc label).</summary>
    public string VolumeId { get; }

    /// <summary>Which names the entries carry: Rock Ridge, Joliet or plain ISO 9660.</summary>
    public IsoNaming Naming { get; }

    /// <summary>The El Torito boot catalog, when the image is bootable.</summary>
    public ElToritoCatalog? BootCatalog { get; }

    public IReadOnlyList<MediaEntry> Entries { get; }

    /// <summary>The primary volume descriptor's newest date (creation or modification), when it records one.</summary>
    public DateTimeOffset? VolumeRecordedAt { get; }

    /// <summary>The volume's dates; an image that records none (zeros, as some tools write) gives its newest entry's recorded date.</summary>
    public DateTimeOffset RecordedTime =>
        VolumeRecordedAt ?? Entries.Select(e => e.ModifiedTime).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();

    /// <summary>Device nodes, FIFOs and sockets of the image: not entries, named here so that they are reported.</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>Opens an image file; a broken or hostile image fails with an <see cref="IsoFormatException"/>.</summary>
    public static IsoMediaSource Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        IsoImage image;
        try
        {
            image = IsoImage.OpenFile(path);
        }
        catch (FileNotFoundException e)
        {
            throw new XenBundleException(path, "no such image file", innerException: e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new XenBundleException(path, $"cannot read the image: {e.Message}", innerException: e);
        }

        return Open(image, Path.GetFullPath(path));
    }

    /// <summary>Reads an image from a seekable stream, which the source then owns.</summary>
    public static IsoMediaSource Open(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        return Open(IsoImage.OverStream(stream, name), name);
    }

    public MediaEntry? Find(string path) => _byPath.GetValueOrDefault(path);

    public Stream OpenRead(MediaEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new ExtentStream(_image, Locate(entry, EntryKind.File).Extents);
    }

    /// <summary>The runs of the image that hold a file's bytes, in order.</summary>
    public IReadOnlyList<IsoExtent> ExtentsOf(MediaEntry entry) => Locate(entry, EntryKind.File).Extents;

    /// <summary>The image and the runs of it that hold the file: records of one extent are hard links (genisoimage writes them so).</summary>
    public object? StorageOf(MediaEntry entry) =>
        entry.Kind == EntryKind.File ? new StoredExtents(this, string.Join(';', ExtentsOf(entry).Select(e => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{e.Offset}+{e.Length}")))) : null;

    /// <summary><c>NAME.iso: offset N</c>, N being where the entry's directory record is.</summary>
    public string LocationOf(MediaEntry entry) => $"{Name}: offset {Locate(entry, entry.Kind).RecordOffset}";

    long ISequentialMedium.PositionOf(MediaEntry entry) =>
        entry.Locator is IsoLocation { Extents: [var first, ..] } ? first.Offset : 0;

    public void Dispose() => _image.Dispose();

    private static IsoMediaSource Open(IsoImage image, string location)
    {
        try
        {
            return new IsoMediaSource(image, location);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private sealed record StoredExtents(IsoMediaSource Image, string Extents);

    private IsoLocation Locate(MediaEntry entry, EntryKind kind)
    {
        if (entry.Kind != kind || entry.Locator is not IsoLocation location || !Equals(Find(entry.Path), entry))
        {
            throw new InvalidOperationException($"{entry.Path} is not a {kind.ToString().ToLowerInvariant()} of {Name}");
        }

        return location;
    }
}
