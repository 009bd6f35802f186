using XenBundle.Tree;

namespace XenBundle.Media;

/// <summary>
/// One entry of a medium, as <c>ls -l</c> would show it: path (relative, '/' separated),
/// kind, permission bits, size, modification time and symlink target.
/// </summary>
public sealed record MediaEntry
{
    public required string Path { get; init; }

    public required EntryKind Kind { get; init; }

    public required int Mode { get; init; }

    public long Size { get; init; }

    public DateTimeOffset ModifiedTime { get; init; }

    public string? SymlinkTarget { get; init; }

    /// <summary>Where the medium keeps the bytes (a file path, an extent list); private to the source.</summary>
    internal object? Locator { get; init; }
}
