using System.IO.Compression;
using System.Text.Json;
using ICSharpCode.SharpZipLib.Tar;
using XenBundle.Bundling;

namespace XenBundle.Reporting;

/// <summary>
/// An earlier bundle to compare with (--previous): its manifest and, when the bundle itself
/// is at hand, the text of the files XenBundle writes (<see cref="IsComparedText"/>), read
/// from the tarball in the one pass that finds its manifest. A manifest path finds the bundle
/// beside it. <see cref="Texts"/> is null when there is only a manifest: it lists files, it
/// does not hold them.
/// </summary>
public sealed record PreviousBundle(string Name, BundleManifest Manifest, IReadOnlyDictionary<string, byte[]>? Texts)
{
    // A real DVD's manifest is a few MiB; a hostile one of many tiny entries costs about 12 bytes of
    // memory per byte once parsed and compared, so the limit keeps the build well under 512 MiB.
    private const long MaxMetadataSize = 16 << 20;

    /// <summary>
    /// The largest compared file read from the earlier bundle: the scripts and README.txt are
    /// tens of KiB, a kickstart rarely more. A larger one is listed as changed, without a diff.
    /// </summary>
    public const long MaxTextSize = 1 << 20;

    /// <summary>All compared files read together stay under this (a hostile bundle may hold many).</summary>
    public const long MaxTextsSize = 16 << 20;

    /// <summary>
    /// The files whose diff the release notes show: those XenBundle writes from the recipe
    /// (README.txt, dom0/) and the transformed kickstart (its secrets masked in the notes).
    /// The media's own files are listed by path only: a kickstart CD may carry keys.
    /// </summary>
    public static bool IsComparedText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path is "README.txt" || path == "install/" + Bundling.BundleLayout.KickstartPath || (path.StartsWith("dom0/", StringComparison.Ordinal) && !path.EndsWith('/'));
    }

    /// <summary>The earlier bundle's text of <paramref name="path"/>, or null when it was not read (no tarball, too large).</summary>
    public byte[]? Text(string path) => Texts?.GetValueOrDefault(path);

    // The last bundle read, with the file's size and time: the host reads --previous before
    // the first stage (to fail early) and the report needs it again; a bundle is read once.
    private static (string Path, long Size, DateTime Time, PreviousBundle Bundle)? s_last;
    private static readonly Lock LastLock = new();

    public static PreviousBundle Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new FileInfo(path);
        lock (LastLock)
        {
            if (s_last is { } last && last.Path == file.FullName && file.Exists && last.Size == file.Length && last.Time == file.LastWriteTimeUtc)
            {
                return last.Bundle;
            }

            var bundle = ReadFile(path);
            s_last = (file.FullName, file.Length, file.LastWriteTimeUtc, bundle);
            return bundle;
        }
    }

    private static PreviousBundle ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new XenBundleException("--previous", $"'{path}' does not exist", ExitCode.BadUsage);
        }

        // Before it is opened: a FIFO would block the open, a device (/dev/zero) never end.
        if (Media.UnixFileType.Of(path, followSymlinks: true) is not (Media.UnixFileType.Kind.Regular or Media.UnixFileType.Kind.Unknown))
        {
            throw new XenBundleException("--previous", $"{path} is not a regular file (a device, FIFO or socket): give a bundle or its manifest", ExitCode.BadUsage);
        }

        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var manifest = Parse(ReadManifestFile(path), path);
            var beside = path[..^".manifest.json".Length] + ".tar.gz";
            var texts = path.EndsWith(".manifest.json", StringComparison.OrdinalIgnoreCase) && File.Exists(beside) ? FromTarball(beside).Texts : null;
            return new PreviousBundle(Path.GetFileName(path), manifest, texts);
        }

        var (fromTar, read) = FromTarball(path);
        return new PreviousBundle(Path.GetFileName(path), fromTar ?? throw new XenBundleException(path, "no manifest.json in this bundle", ExitCode.BadUsage), read);
    }

    /// <summary>A manifest file alone (no look for the bundle beside it).</summary>
    public static BundleManifest ReadManifest(string path) => Parse(ReadManifestFile(path), path);

    private static byte[] ReadManifestFile(string path) =>
        Media.BoundedInput.ReadFile(path, path, MaxMetadataSize, "manifest", ExitCode.BadUsage);

    // One pass over the tarball, as gzip allows: a DVD-sized bundle costs its decompression
    // once (its manifest comes last anyway); only the manifest and the compared texts are kept.
    private static (BundleManifest? Manifest, Dictionary<string, byte[]> Texts) FromTarball(string path)
    {
        BundleManifest? manifest = null;
        var texts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var budget = MaxTextsSize;
        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarInputStream(gzip, System.Text.Encoding.UTF8);
            while (tar.GetNextEntry() is { } entry)
            {
                var name = entry.Name;
                var slash = name.IndexOf('/', StringComparison.Ordinal);
                var inside = slash < 0 ? string.Empty : name[(slash + 1)..];
                if (inside == BundleWriter.ManifestName)
                {
                    manifest = Parse(ReadEntry(tar, entry, path), path);
                }
                else if (entry.TarHeader.TypeFlag is TarHeader.LF_NORMAL or TarHeader.LF_OLDNORM && IsComparedText(inside)
                    && entry.Size <= MaxTextSize && entry.Size <= budget && !texts.ContainsKey(inside))
                {
                    budget -= entry.Size;
                    texts[inside] = ReadEntry(tar, entry, path);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or TarException or UnauthorizedAccessException)
        {
            throw new XenBundleException(path, "not a readable bundle (.tar.gz) or manifest (.json)", ExitCode.BadUsage, ex);
        }

        return (manifest, texts);
    }

    private static byte[] ReadEntry(TarInputStream tar, TarEntry entry, string path)
    {
        if (entry.Size > MaxMetadataSize)
        {
            throw new XenBundleException(path, $"{entry.Name} is too large to be a bundle's metadata", ExitCode.BadUsage);
        }

        var bytes = new byte[entry.Size];
        tar.ReadExactly(bytes);
        return bytes;
    }

    private static BundleManifest Parse(byte[] json, string path)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ManifestJsonContext.Default.BundleManifest)
                ?? throw new XenBundleException(path, "empty manifest", ExitCode.BadUsage);
        }
        catch (JsonException ex)
        {
            throw new XenBundleException(path, $"not a XenBundle manifest: {ex.Message}", ExitCode.BadUsage);
        }
    }
}
