using XenBundle.Tree;

namespace XenBundle.Media;

/// <summary>
/// A medium given as a directory (an unpacked DVD, a checkout of the kickstart CD).
/// Symlinks are listed as symlinks and never followed; special files are refused.
/// </summary>
public sealed class DirectoryMediaSource : IMediaSource
{
    private readonly Dictionary<string, MediaEntry> _byPath;

    public DirectoryMediaSource(string directory)
    {
        Location = System.IO.Path.GetFullPath(directory);
        if (!Directory.Exists(Location))
        {
            throw new XenBundleException(directory, "no such directory");
        }

        Name = System.IO.Path.GetFileName(Location.TrimEnd('/'));
        var entries = new List<MediaEntry>();
        try
        {
            Walk(Location, string.Empty, entries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A directory that cannot be listed (mode 0000, another owner) or that changed while listed.
            throw new XenBundleException(Location, $"cannot list the medium: {e.Message}", innerException: e);
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        Entries = entries;
        _byPath = entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
    }

    public string Name { get; }

    public string Location { get; }

    public IReadOnlyList<MediaEntry> Entries { get; }

    /// <summary>The newest modification time inside the directory (the directory's own time is not its content).</summary>
    public DateTimeOffset RecordedTime => Entries.Select(e => e.ModifiedTime).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();

    public MediaEntry? Find(string path) => _byPath.GetValueOrDefault(path);

    public Stream OpenRead(MediaEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Kind != EntryKind.File || entry.Locator is not string fullPath)
        {
            throw new InvalidOperationException($"{entry.Path} is not a file of {Name}");
        }

        try
        {
            return new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable file (mode 0000, another owner) or one removed since the listing.
            throw new XenBundleException(fullPath, $"cannot read {entry.Path} of the medium {Name}: {e.Message}", innerException: e);
        }
    }

    /// <summary>The file's device and inode (with its size and times), as the kernel keeps them for all its names.</summary>
    public object? StorageOf(MediaEntry entry) =>
        entry is { Kind: EntryKind.File, Locator: string fullPath } ? UnixFileType.Identity(fullPath) : null;

    public void Dispose()
    {
    }

    private void Walk(string directory, string relative, List<MediaEntry> entries)
    {
        foreach (var info in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            var path = TreePath.Combine(relative, info.Name);
            var problem = TreePath.Problem(path);
            if (problem is not null)
            {
                throw new XenBundleException(System.IO.Path.Combine(Location, relative), problem);
            }

            var mode = (int)info.UnixFileMode & UnixMode.Permissions;
            var time = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
            if (info.LinkTarget is { } target)
            {
                entries.Add(new MediaEntry { Path = path, Kind = EntryKind.Symlink, Mode = UnixMode.Symlink, ModifiedTime = time, SymlinkTarget = target });
            }
            else if (info is DirectoryInfo)
            {
                entries.Add(new MediaEntry { Path = path, Kind = EntryKind.Directory, Mode = mode, ModifiedTime = time });
                Walk(info.FullName, path, entries);
            }
            else if (info is FileInfo file && IsRegular(file))
            {
                entries.Add(new MediaEntry { Path = path, Kind = EntryKind.File, Mode = mode, Size = file.Length, ModifiedTime = time, Locator = file.FullName });
            }
            else
            {
                throw new XenBundleException(info.FullName, "not a regular file, directory or symlink (devices, sockets and FIFOs are not install media)");
            }
        }
    }

    // .NET reports FIFOs, sockets and devices as plain files; opening a FIFO would hang.
    private static bool IsRegular(FileInfo file) => UnixFileType.Of(file.FullName) is UnixFileType.Kind.Regular or UnixFileType.Kind.Unknown;
}
