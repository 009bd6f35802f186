using System.Globalization;
using System.Security.Cryptography;
using XenBundle.Media;
using XenBundle.Tree;

namespace XenBundle.Tests.Media.Iso;

/// <summary>
/// A tree as comparable lines, one per entry: path, type, mode (when the source has
/// modes), size, symlink target, modification time in seconds, SHA-256 of the content.
/// Made alike from a medium and from a directory on disk (an oracle's extraction).
/// </summary>
internal static class TreeListing
{
    public static List<string> Of(IMediaSource source, bool withModes)
    {
        var lines = source.Entries.Select(e => Line(
            e.Path,
            e.Kind,
            e.Mode,
            e.Kind == EntryKind.File ? e.Size : 0,
            e.SymlinkTarget,
            e.ModifiedTime.ToUnixTimeSeconds(),
            e.Kind == EntryKind.File ? Hash(source.OpenRead(e)) : string.Empty,
            withModes)).ToList();
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    public static List<string> OfDirectory(string root, bool withModes)
    {
        var lines = new List<string>();
        Walk(new DirectoryInfo(root), root, withModes, lines);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Lists a directory without following symlinks (a link to a directory is a link).</summary>
    private static void Walk(DirectoryInfo directory, string root, bool withModes, List<string> lines)
    {
        foreach (var info in directory.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            var path = Path.GetRelativePath(root, info.FullName);
            var kind = info.LinkTarget is not null ? EntryKind.Symlink : info is DirectoryInfo ? EntryKind.Directory : EntryKind.File;
            var size = kind == EntryKind.File ? ((FileInfo)info).Length : 0;
            var hash = kind == EntryKind.File ? Hash(File.OpenRead(info.FullName)) : string.Empty;
            var time = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero).ToUnixTimeSeconds();
            lines.Add(Line(path, kind, (int)info.UnixFileMode, size, info.LinkTarget, time, hash, withModes));
            if (kind == EntryKind.Directory)
            {
                Walk((DirectoryInfo)info, root, withModes, lines);
            }
        }
    }

    // A symlink's own time is left out: extractors (xorriso -osirrox) do not restore it, so
    // the oracle's is the time of extraction.
    private static string Line(string path, EntryKind kind, int mode, long size, string? target, long time, string hash, bool withModes) =>
        string.Create(CultureInfo.InvariantCulture, $"{path} {kind.ToString().ToLowerInvariant()} {(withModes && kind != EntryKind.Symlink ? UnixMode.Format(mode) : "-")} {size} {target ?? "-"} {(kind == EntryKind.Symlink ? "-" : time)} {hash}");

    private static string Hash(Stream stream)
    {
        using (stream)
        {
            return Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
        }
    }
}
