namespace XenBundle.Tree;

/// <summary>
/// One entry of a virtual tree: a path relative to the tree root ('/' separated, no
/// leading slash), its kind and permission bits, and a reference to its content.
/// </summary>
public sealed record TreeEntry
{
    public required string Path { get; init; }

    public required EntryKind Kind { get; init; }

    /// <summary>Permission bits, 07777 at most (file type bits are in <see cref="Kind"/>).</summary>
    public required int Mode { get; init; }

    /// <summary>The bytes of a file; null for directories and symlinks.</summary>
    public IContent? Content { get; init; }

    public string? SymlinkTarget { get; init; }

    /// <summary>Which medium or generator the entry comes from (for the report).</summary>
    public string Origin { get; init; } = string.Empty;

    public long Size => Content?.Length ?? 0;

    public static TreeEntry Directory(string path, int mode = 0x1ED /* 0755 */, string origin = "") =>
        new() { Path = path, Kind = EntryKind.Directory, Mode = mode, Origin = origin };

    public static TreeEntry File(string path, IContent content, int mode = 0x1A4 /* 0644 */) =>
        new() { Path = path, Kind = EntryKind.File, Mode = mode, Content = content, Origin = content.Origin };

    public static TreeEntry Symlink(string path, string target, string origin) =>
        new() { Path = path, Kind = EntryKind.Symlink, Mode = 0x1FF /* 0777 */, SymlinkTarget = target, Origin = origin };
}
