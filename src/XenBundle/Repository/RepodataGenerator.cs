using System.IO.Compression;
using XenBundle.Bundling;
using XenBundle.Tree;

namespace XenBundle.Repository;

/// <summary>How to write the metadata.</summary>
public sealed record RepodataOptions
{
    public ChecksumType ChecksumType { get; init; } = ChecksumType.Sha256;

    /// <summary>The time every record, the revision and every package's file time carry (the build clock: reproducible output).</summary>
    public required DateTimeOffset Time { get; init; }

    public int ChangelogLimit { get; init; } = Changelogs.DefaultLimit;

    /// <summary>How many packages are read at a time.</summary>
    public int Workers { get; init; } = 2;
}

/// <summary>
/// Writes a repository's metadata the way <c>createrepo_c --no-database</c> does: primary,
/// filelists and other (gzip), comps as <c>group</c> and <c>group_gz</c> when there is one,
/// repomd.xml; file names prefixed by their checksum; no <c>xml:base</c>. Packages are in
/// createrepo_c's order (by file name, then path); times are the given fixed time, so the
/// same packages give the same bytes.
/// </summary>
public static class RepodataGenerator
{
    /// <summary>Metadata for every package of a tree (its <c>*.rpm</c> files outside repodata/).</summary>
    public static Repodata Generate(VirtualTree tree, RepodataOptions options, byte[]? comps = null, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scanner = new PackageScanner(options.ChecksumType, options.Workers);
        return Generate(scanner.Scan(PackageScanner.FindPackages(tree), progress), options, comps);
    }

    /// <summary>
    /// Metadata for a directory of packages, written into its repodata/ (replacing what was
    /// there), as <c>createrepo_c DIR</c> does: the entry point for benchmarks and scripts.
    /// </summary>
    public static Repodata Generate(string directory, RepodataOptions options, byte[]? comps = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var root = Path.GetFullPath(directory);
        var tree = new VirtualTree();
        foreach (var file in Directory.EnumerateFiles(root, "*.rpm", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!RepodataLayout.IsInsideRepodata(relative))
            {
                tree.Set(TreeEntry.File(relative, new FileContent(file, new FileInfo(file).Length, relative)));
            }
        }

        var repodata = Generate(tree, options, comps);
        repodata.WriteTo(root);
        return repodata;
    }

    /// <summary>Metadata for packages already scanned (in any order).</summary>
    public static Repodata Generate(IReadOnlyList<ScannedPackage> packages, RepodataOptions options, byte[]? comps = null)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(options);
        var time = options.Time.ToUnixTimeSeconds();
        var screened = ControlCharacterScreen.Screen(packages);
        var ordered = screened.Kept
            .OrderBy(p => TreePath.FileName(p.Href), StringComparer.Ordinal)
            .ThenBy(p => p.Href, StringComparer.Ordinal)
            .ToList();
        var type = options.ChecksumType;
        var files = new List<RepodataFile>
        {
            Compressed("primary", "primary.xml", s => PrimaryXml.Write(s, ordered, time), type),
            Compressed("filelists", "filelists.xml", s => FilelistsXml.Write(s, ordered), type),
            Compressed("other", "other.xml", s => OtherXml.Write(s, ordered, options.ChangelogLimit), type),
        };
        if (comps is not null)
        {
            var checksum = type.Hex(comps);
            files.Add(new RepodataFile("group", $"{RepodataLayout.Directory}/{checksum}-comps.xml", comps, checksum, null, null));
            files.Add(Compressed("group_gz", "comps.xml", s => s.Write(comps), type));
        }

        using var repomd = new MemoryStream();
        RepomdXml.Write(repomd, files, type, time);
        return new Repodata(files, repomd.ToArray(), ordered) { Warnings = screened.Warnings };
    }

    private static RepodataFile Compressed(string type, string name, Action<Stream> write, ChecksumType checksumType)
    {
        using var compressed = new MemoryStream();
        using var openHash = checksumType.CreateHash();
        long openSize;
        using (var gzip = new DeterministicGzipStream(compressed, CompressionLevel.Optimal))
        using (var open = new HashingStream(gzip, openHash))
        {
            write(open);
            openSize = open.BytesRead;
        }

        var bytes = compressed.ToArray();
        var checksum = checksumType.Hex(bytes);
        return new RepodataFile(type, $"{RepodataLayout.Directory}/{checksum}-{name}.gz", bytes, checksum, Convert.ToHexStringLower(openHash.GetHashAndReset()), openSize);
    }
}

/// <summary>A generated repodata/ directory: its files, repomd.xml, and the packages it describes (in the metadata's order).</summary>
public sealed class Repodata(IReadOnlyList<RepodataFile> files, ReadOnlyMemory<byte> repomd, IReadOnlyList<ScannedPackage> packages)
{
    public const string RepomdPath = RepodataLayout.Directory + "/repomd.xml";

    public IReadOnlyList<RepodataFile> Files { get; } = files;

    public ReadOnlyMemory<byte> Repomd { get; } = repomd;

    public IReadOnlyList<ScannedPackage> Packages { get; } = packages;

    /// <summary>What was said about packages the metadata leaves out or shows changed (see <see cref="ControlCharacterScreen"/>).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// Puts the metadata into a tree as generated content, replacing any repodata/ it had:
    /// at the root, or in <paramref name="directory"/> for a repository below it.
    /// </summary>
    public void AddTo(VirtualTree tree, string directory = "")
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(directory);
        var repodata = TreePath.Combine(directory, RepodataLayout.Directory);
        tree.Remove(repodata);
        tree.Set(TreeEntry.Directory(repodata, UnixMode.Directory, "generated repodata"));
        foreach (var file in Files)
        {
            tree.Set(TreeEntry.File(TreePath.Combine(directory, file.Path), new BytesContent(file.Bytes, "generated " + file.Type), UnixMode.File));
        }

        tree.Set(TreeEntry.File(TreePath.Combine(directory, RepomdPath), new BytesContent(Repomd, "generated repomd.xml"), UnixMode.File));
    }

    /// <summary>Writes repodata/ into a directory, replacing the old one only when the new one is complete.</summary>
    public void WriteTo(string directory)
    {
        var target = Path.Combine(directory, RepodataLayout.Directory);
        var temporary = Path.Combine(directory, ".repodata.partial-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Directory.Exists(temporary))
        {
            Directory.Delete(temporary, recursive: true);
        }

        Directory.CreateDirectory(temporary);
        foreach (var file in Files)
        {
            File.WriteAllBytes(Path.Combine(temporary, TreePath.FileName(file.Path)), file.Bytes.Span);
        }

        File.WriteAllBytes(Path.Combine(temporary, "repomd.xml"), Repomd.Span);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(temporary, target);
    }
}
