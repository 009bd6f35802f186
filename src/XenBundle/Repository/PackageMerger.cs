namespace XenBundle.Repository;

/// <summary>A package found on several media, and which copy the tree keeps.</summary>
public sealed record DuplicatePackage(string Nevra, ScannedPackage Kept, ScannedPackage Dropped);

/// <summary>The packages of the merged repository, each once, and the copies left out.</summary>
public sealed record PackageMerge(IReadOnlyList<ScannedPackage> Packages, IReadOnlyList<DuplicatePackage> Duplicates);

/// <summary>
/// One repository holds one package per name, epoch, version, release and arch. The same
/// package (same checksum) on several media is kept once, from the first medium in media
/// order; two different packages that claim the same NEVRA cannot both be offered, and
/// which one the guest should get is not ours to guess: that is an error naming both.
/// </summary>
public static class PackageMerger
{
    /// <param name="mediaOrder">Media names, distribution discs first in disc order, then the kickstart CD.</param>
    /// <param name="withChecksum">
    /// The package with its checksum, read when the scan took only its headers: asked only of
    /// packages that share a NEVRA with another, whose bytes must be compared before either is kept.
    /// </param>
    public static PackageMerge Merge(IReadOnlyList<ScannedPackage> scanned, IReadOnlyList<string> mediaOrder, Func<ScannedPackage, ScannedPackage>? withChecksum = null)
    {
        withChecksum ??= p => p;
        ArgumentNullException.ThrowIfNull(scanned);
        ArgumentNullException.ThrowIfNull(mediaOrder);
        int Rank(ScannedPackage p) => mediaOrder.IndexOf(p.Source.Medium) is var i and >= 0 ? i : mediaOrder.Count;
        var kept = new List<ScannedPackage>();
        var duplicates = new List<DuplicatePackage>();
        var ordered = scanned.OrderBy(Rank).ThenBy(p => p.Href, StringComparer.Ordinal);
        foreach (var group in ordered.GroupBy(p => Identity(p.Package)))
        {
            var first = group.First();
            if (group.Skip(1).Any())
            {
                first = withChecksum(first);
            }

            kept.Add(first);
            foreach (var other in group.Skip(1).Select(withChecksum))
            {
                if (other.Checksum != first.Checksum)
                {
                    throw new XenBundleException(other.Origin, $"{other.Package.Nevra} differs from the package of the same name, version and architecture on {first.Origin}: one repository cannot offer both; remove one of them from its medium");
                }

                duplicates.Add(new DuplicatePackage(first.Package.Nevra, first, other));
            }
        }

        return new PackageMerge(kept, duplicates);
    }

    private static (string, uint, string, string, string) Identity(Rpm.RpmPackage p) => (p.Name, p.Epoch ?? 0, p.Version, p.Release, p.Arch);

    private static int IndexOf(this IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == item)
            {
                return i;
            }
        }

        return -1;
    }
}
