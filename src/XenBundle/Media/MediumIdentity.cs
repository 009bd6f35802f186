using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using XenBundle.Tree;

namespace XenBundle.Media;

/// <summary>
/// A key that changes whenever a medium's content may have changed, computed without
/// reading the content: for an image file its path, device, inode, size and times (as
/// git's index tells a changed file); for a directory the same facts of every entry.
/// Caches of checksums and header parses are keyed by it.
/// </summary>
public static class MediumIdentity
{
    public static string Of(IMediaSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var medium = source.Unshared();
        var text = new StringBuilder();
        if (File.Exists(medium.Location))
        {
            text.Append(OfImage(medium.Location));
        }
        else
        {
            text.Append("directory ").Append(medium.Location).Append('\n');
            foreach (var entry in medium.Entries)
            {
                var version = entry.Kind == EntryKind.File ? FileVersion.Of(Path.Combine(medium.Location, entry.Path)) : entry.SymlinkTarget;
                text.Append(CultureInfo.InvariantCulture, $"{entry.Path}\0{entry.Kind}\0{entry.Mode}\0{version}\n");
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>What identifies an image file: its path and its version as the file system tells it.</summary>
    public static string OfImage(string path) => $"image {path} {FileVersion.Of(path)}";
}

/// <summary>A file's version as the file system tells it (inode, size, times), without reading it.</summary>
public static class FileVersion
{
    public static string Of(string path) =>
        UnixFileType.Identity(path)
        ?? string.Create(CultureInfo.InvariantCulture, $"{new FileInfo(path).Length}/{File.GetLastWriteTimeUtc(path).Ticks}");
}
