namespace XenBundle.Media;

/// <summary>
/// A read-only file tree: a directory or an ISO image. Entries are listed in ordinal
/// path order; content is read on demand, never loaded whole.
/// </summary>
public interface IMediaSource : IDisposable
{
    /// <summary>The medium's file name (no directory), as shown in reports and the manifest.</summary>
    string Name { get; }

    /// <summary>The full path on the build machine (for local error messages only).</summary>
    string Location { get; }

    IReadOnlyList<MediaEntry> Entries { get; }

    /// <summary>
    /// The newest time the medium's content records, for the build clock when neither
    /// SOURCE_DATE_EPOCH nor git gives one: an image's volume dates (written into the image,
    /// so a copy of the file keeps them), a directory's newest entry. Never the image file's
    /// own modification time, which a download or a plain <c>cp</c> sets to "now".
    /// </summary>
    DateTimeOffset RecordedTime { get; }

    MediaEntry? Find(string path);

    Stream OpenRead(MediaEntry entry);

    /// <summary>
    /// What identifies the stored bytes of a file: entries with equal keys are names of one
    /// file (hard links). Null when the medium cannot tell, which makes every name a file of its own.
    /// </summary>
    object? StorageOf(MediaEntry entry) => null;

    /// <summary>
    /// What the medium holds but does not list, one description each (an image's device
    /// nodes): whoever writes the tree out says so, as bsdtar reports what it cannot create.
    /// </summary>
    IReadOnlyList<string> Skipped => [];

    /// <summary>Where an entry is on the medium, for error messages: <c>disc1.iso: offset 59004</c>, <c>ks:/ks.cfg</c>.</summary>
    string LocationOf(MediaEntry entry) => $"{Name}:/{entry.Path}";
}
