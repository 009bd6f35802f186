using System.IO.Compression;
using System.Text.Json;
using ICSharpCode.SharpZipLib.Tar;
using XenBundle.Bundling;

namespace XenBundle.Reporting;

/// <summary>
/// An earlier bundle to compare with (--previous): its manifest and, when the bundle itself
/// is at hand, its transformed kickstart. A manifest path finds the bundle beside it.
/// </summary>
public sealed record PreviousBundle(string Name, BundleManifest Manifest, byte[]? Kickstart)
{
    // A real DVD's manifest is a few MiB; a hostile one of many tiny entries costs about 12 bytes of
    // memory per byte once parsed and compared, so the limit keeps the build well under 512 MiB.
    private const long MaxMetadataSize = 16 << 20;
    private const string KickstartSuffix = "/install/ks/kickstart.cfg";

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
            var kickstart = path.EndsWith(".manifest.json", StringComparison.OrdinalIgnoreCase) && File.Exists(beside) ? FromTarball(beside).Kickstart : null;
            return new PreviousBundle(Path.GetFileName(path), manifest, kickstart);
        }

        var (fromTar, ks) = FromTarball(path);
        return new PreviousBundle(Path.GetFileName(path), fromTar ?? throw new XenBundleException(path, "no manifest.json in this bundle", ExitCode.BadUsage), ks);
    }

    /// <summary>A manifest file alone (no look for the bundle beside it).</summary>
    public static BundleManifest ReadManifest(string path) => Parse(ReadManifestFile(path), path);

    private static byte[] ReadManifestFile(string path) =>
        Media.BoundedInput.ReadFile(path, path, MaxMetadataSize, "manifest", ExitCode.BadUsage);

    private static (BundleManifest? Manifest, byte[]? Kickstart) FromTarball(string path)
    {
        BundleManifest? manifest = null;
        byte[]? kickstart = null;
        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarInputStream(gzip, System.Text.Encoding.UTF8);
            while (tar.GetNextEntry() is { } entry)
            {
                var name = entry.Name;
                var depth = name.Count(c => c == '/');
                if (depth == 1 && name.EndsWith("/" + BundleWriter.ManifestName, StringComparison.Ordinal))
                {
                    manifest = Parse(ReadEntry(tar, entry, path), path);
                }
                else if (name.EndsWith(KickstartSuffix, StringComparison.Ordinal) && depth == 3)
                {
                    kickstart = ReadEntry(tar, entry, path);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or TarException or UnauthorizedAccessException)
        {
            throw new XenBundleException(path, "not a readable bundle (.tar.gz) or manifest (.json)", ExitCode.BadUsage, ex);
        }

        return (manifest, kickstart);
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
