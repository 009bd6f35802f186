using XenBundle.Repository;
using XenBundle.Tree;

namespace XenBundle.Pipeline;

/// <summary>What <see cref="BundlePipeline.MergeRepositories"/> made of the media.</summary>
public sealed record MergedRepository(
    Repodata Repodata,
    PackageMerge Packages,
    Comps? Comps,
    IReadOnlyList<string> CompsSources,
    IReadOnlyList<string> ReplacedMetadata,
    ChecksumType ChecksumType);

public sealed partial class BundlePipeline
{
    /// <summary>The merged repository, once <see cref="MergeRepositories"/> has run.</summary>
    public MergedRepository? MergedRepository { get; private set; }

    /// <summary>
    /// Makes the merged tree one installable repository: every medium's old metadata goes,
    /// each package is listed once (the same package on several media is kept once; two
    /// different packages with one NEVRA are an error), the comps of all media are merged,
    /// new repodata is written into the tree, .discinfo and .treeinfo are made right for
    /// one tree, and the guest's needs (Xen boot images, kernel-xen on EL5) are checked
    /// before anything is packaged.
    /// </summary>
    public void MergeRepositories()
    {
        var tree = InstallTree ?? throw StageMissing(nameof(MergeRepositories), nameof(ExtractMedia));
        var media = Media!;
        var treeName = media.Discs.Count > 0 ? media.Discs[0].Name : "install tree";
        var repositoryName = string.Join(" + ", media.All.Select(m => m.Name));

        var info = InstallTreeInfo.Of(tree);
        var os = Os;
        ThrowFirst(TreeChecks.BootImages(tree, os, Recipe.Virt, treeName));

        var replaced = RepodataLayout.OldMetadata(tree);
        foreach (var directory in replaced)
        {
            tree.Remove(directory);
        }

        var (comps, compsSources) = MergeComps(media);
        var checksumType = ChecksumTypes.For(os);
        var sources = PackageScanner.FindPackages(tree);
        IReadOnlyList<ScannedPackage> scanned;
        using (var progress = Log.Progress($"reading {sources.Count} packages", sources.Sum(s => s.Content.Length)))
        {
            scanned = new PackageScanner(checksumType, Math.Min(2, Environment.ProcessorCount)).Scan(sources, progress);
        }

        var merge = PackageMerger.Merge(scanned, [.. media.All.Select(m => m.Name)]);
        foreach (var duplicate in merge.Duplicates)
        {
            tree.Remove(duplicate.Dropped.Href);
            Log.Verbose($"duplicate: {duplicate.Nevra}: kept {duplicate.Kept.Origin}, dropped {duplicate.Dropped.Origin}");
        }

        ThrowFirst(TreeChecks.Packages(merge.Packages.Select(p => p.Package), info.Arch, os, Recipe.Virt, repositoryName));

        var repodata = RepodataGenerator.Generate(merge.Packages, new RepodataOptions { ChecksumType = checksumType, Time = Clock.Time }, comps?.ToBytes());
        repodata.AddTo(tree);
        RewriteTreeMetadata(tree, info, media.Discs.Count, repodata);
        MergedRepository = new MergedRepository(repodata, merge, comps, compsSources, replaced, checksumType);
        Log.Information($"repository: {repodata.Packages.Count} packages ({merge.Duplicates.Count} duplicates merged), {comps?.Groups.Count() ?? 0} groups, checksum {checksumType.ToName()}");

        Report.Section("Merged tree", RepositoryReport.Tree(tree, SkippedPaths, Conflicts, replaced));
        Report.Section("Packages per medium", RepositoryReport.PackagesPerMedium(media, merge));
        Report.Section("Duplicate packages", RepositoryReport.Duplicates(merge));
        Report.Section("Groups", RepositoryReport.Groups(comps, compsSources));
    }

    private static void ThrowFirst(IReadOnlyList<XenBundleException> problems)
    {
        if (problems.Count > 0)
        {
            throw problems[0];
        }
    }

    /// <summary>
    /// The release the media are (ExtractMedia calls this). A recipe that says otherwise is
    /// a bad recipe for these media: the kickstart, the repository checksums and the boot
    /// arguments would all be for the wrong installer, so it stops here, naming the key.
    /// </summary>
    private void DetectOs(InstallTreeInfo info)
    {
        DetectedOs = info.Os;
        if (info.Os is { } detected)
        {
            Log.Verbose($"media: {Recipes.RecipeNames.ToName(detected)} (version {info.Version} in {info.Source})");
            if (Recipe.Os is { } wanted && wanted != detected)
            {
                var where = Recipe.OsLocation.Length > 0 ? Recipe.OsLocation : Recipe.FileName;
                throw new XenBundleException(where, $"os: {Recipes.RecipeNames.ToName(wanted)} contradicts the media, which are {Recipes.RecipeNames.ToName(detected)} (version {info.Version} in {info.Source} of {Media!.Discs[0].Name}); set os: {Recipes.RecipeNames.ToName(detected)} or leave it out", ExitCode.BadUsage);
            }
        }
    }

    private static (Comps? Comps, IReadOnlyList<string> Sources) MergeComps(MediaSet media)
    {
        var merger = new CompsMerger();
        foreach (var medium in media.All)
        {
            foreach (var (origin, comps) in MediumComps.Read(medium))
            {
                merger.Add(comps, origin);
            }
        }

        return (merger.IsEmpty ? null : merger.Result(), merger.Sources);
    }

    /// <summary>.discinfo lists every disc; .treeinfo says one disc of one, and its repomd.xml checksum (EL6+) is the new one.</summary>
    private static void RewriteTreeMetadata(VirtualTree tree, InstallTreeInfo info, int discs, Repodata repodata)
    {
        if (info.DiscInfo is { } discInfo)
        {
            Replace(tree, DiscInfo.FileName, discInfo.WithAllDiscs(discs).ToString());
        }

        if (info.TreeInfo is { } treeInfo)
        {
            foreach (var section in new[] { "general", "media" })
            {
                if (treeInfo.Get(section, "totaldiscs") is not null)
                {
                    treeInfo.Set(section, "totaldiscs", "1");
                }

                if (treeInfo.Get(section, "discnum") is not null)
                {
                    treeInfo.Set(section, "discnum", "1");
                }
            }

            if (treeInfo.Get("checksums", Repodata.RepomdPath) is { } old && old.Split(':', 2) is [var algorithm, _])
            {
                var type = algorithm == "sha256" ? ChecksumType.Sha256 : algorithm is "sha" or "sha1" ? ChecksumType.Sha1 : (ChecksumType?)null;
                if (type is { } known)
                {
                    treeInfo.Set("checksums", Repodata.RepomdPath, $"{algorithm}:{known.Hex(repodata.Repomd.Span)}");
                }
            }

            Replace(tree, TreeInfo.FileName, treeInfo.ToString());
        }
    }

    private static void Replace(VirtualTree tree, string path, string text)
    {
        var existing = tree[path]!;
        if (InstallTreeInfo.ReadText(tree, path) == text)
        {
            return;
        }

        tree.Set(existing with { Content = BytesContent.FromText(text, $"{existing.Origin} (rewritten for the merged tree)") });
    }
}
