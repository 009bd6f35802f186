using System.Collections.Concurrent;
using XenBundle.Media;
using XenBundle.Model;
using XenBundle.Rpm;
using XenBundle.Tree;

namespace XenBundle.Repository;

/// <summary>
/// Reads the packages: either whole, the headers parsed and the checksum computed in the same
/// sequential read (<see cref="Scan"/>, for a repository made on its own), or only their
/// headers (<see cref="ScanHeaders"/>, for a bundle, whose writer hashes every package as it
/// copies it, so that no package is read twice). Packages are independent, so several are
/// read at a time (bounded, as the machine and the media are shared); the result keeps the
/// input order whatever the order of completion.
/// </summary>
public sealed class PackageScanner(ChecksumType checksumType, int workers = 2, IChecksumCache? cache = null)
{
    public ChecksumType ChecksumType { get; } = checksumType;

    public int Workers { get; } = Math.Max(1, workers);

    /// <summary>Every <c>*.rpm</c> file of a tree outside <c>repodata/</c> directories, in path order.</summary>
    public static IReadOnlyList<PackageSource> FindPackages(VirtualTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return [.. tree.Entries
            .Where(e => e.Kind == EntryKind.File && e.Path.EndsWith(".rpm", StringComparison.Ordinal) && !RepodataLayout.IsInsideRepodata(e.Path))
            .Select(e => new PackageSource(e.Path, e.Content!, MediumOf(e.Content!)))];
    }

    public IReadOnlyList<ScannedPackage> Scan(IReadOnlyList<PackageSource> sources, IProgress<long>? progress = null) =>
        ScanAll(sources, progress, headersOnly: false);

    /// <summary>
    /// Every package's headers, and its checksum when the cache knows it (else null): the
    /// headers are the first few KiB of a package, so this reads a small part of the media.
    /// </summary>
    public IReadOnlyList<ScannedPackage> ScanHeaders(IReadOnlyList<PackageSource> sources, IProgress<long>? progress = null) =>
        ScanAll(sources, progress, headersOnly: true);

    /// <summary>A package's checksum, read whole (for the few packages that need it before the bundle is written).</summary>
    public ScannedPackage WithChecksum(ScannedPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return package.Checksum is not null ? package : cache is null ? ScanOne(package.Source, ChecksumType) : ScanCached(package.Source, ChecksumType, cache);
    }

    private IReadOnlyList<ScannedPackage> ScanAll(IReadOnlyList<PackageSource> sources, IProgress<long>? progress, bool headersOnly)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var results = new ScannedPackage[sources.Count];
        var failures = new Exception?[sources.Count];
        var gate = new object();
        // Largest first, so that a big package read last does not leave the other workers idle.
        var order = Enumerable.Range(0, sources.Count).OrderByDescending(i => sources[i].Content.Length).ToArray();
        Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { MaxDegreeOfParallelism = Workers }, i =>
        {
            try
            {
                results[i] = headersOnly ? ScanHeader(sources[i], ChecksumType, cache)
                    : cache is null ? ScanOne(sources[i], ChecksumType) : ScanCached(sources[i], ChecksumType, cache);
                if (progress is not null)
                {
                    lock (gate)
                    {
                        progress.Report(sources[i].Content.Length);
                    }
                }
            }
#pragma warning disable CA1031 // rethrown below, the first by input order, so that errors are deterministic
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failures[i] = exception;
            }
        });

        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return results;
    }

    /// <summary>Parses the headers and checksums the whole file in one read.</summary>
    public static ScannedPackage ScanOne(PackageSource source, ChecksumType checksumType)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var hash = checksumType.CreateHash();
        using var file = source.Content.OpenRead();
        using var reader = new HashingStream(file, hash);
        var package = RpmPackageReader.Read(reader, source.Content.Origin);
        reader.Drain();
        if (reader.BytesRead != source.Content.Length)
        {
            throw new XenBundleException(source.Content.Origin, $"read {reader.BytesRead} bytes but the medium lists {source.Content.Length} (changed while reading?)");
        }

        return new ScannedPackage(source, package, checksumType, Convert.ToHexStringLower(hash.GetHashAndReset()), reader.BytesRead);
    }

    /// <summary>The headers alone, with the checksum the cache remembers for the file, if any.</summary>
    public static ScannedPackage ScanHeader(PackageSource source, ChecksumType checksumType, IChecksumCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var file = source.Content.OpenRead();
        var package = RpmPackageReader.Read(file, source.Content.Origin);
        var known = cache is not null && source.Content is MediaContent media ? cache.Checksum(media.Source, media.Entry, checksumType.ToName()) : null;
        return new ScannedPackage(source, package, checksumType, known, source.Content.Length);
    }

    /// <summary>Remembers the checksums the bundle writer computed, for a later run that reads only the headers.</summary>
    public static void Remember(IEnumerable<ScannedPackage> packages, IChecksumCache cache)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(cache);
        foreach (var package in packages)
        {
            if (package is { Checksum: { } checksum, Source.Content: MediaContent media })
            {
                cache.RememberChecksum(media.Source, media.Entry, package.ChecksumType.ToName(), checksum);
            }
        }
    }

    /// <summary>
    /// A package whose checksum the cache knows (same medium, same path and size): only its
    /// headers are read. Otherwise the whole file is read and the checksum remembered.
    /// </summary>
    public static ScannedPackage ScanCached(PackageSource source, ChecksumType checksumType, IChecksumCache cache)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(cache);
        if (source.Content is not MediaContent media)
        {
            return ScanOne(source, checksumType);
        }

        if (cache.Checksum(media.Source, media.Entry, checksumType.ToName()) is { } known)
        {
            using var file = source.Content.OpenRead();
            var package = RpmPackageReader.Read(file, source.Content.Origin);
            return new ScannedPackage(source, package, checksumType, known, source.Content.Length);
        }

        var scanned = ScanOne(source, checksumType);
        cache.RememberChecksum(media.Source, media.Entry, checksumType.ToName(), scanned.KnownChecksum);
        return scanned;
    }

    /// <summary>The medium a content comes from, by name (the part before ":/" of its origin otherwise).</summary>
    public static string MediumOf(IContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content is MediaContent media)
        {
            return media.Source.Name;
        }

        var separator = content.Origin.IndexOf(":/", StringComparison.Ordinal);
        return separator < 0 ? content.Origin : content.Origin[..separator];
    }
}
