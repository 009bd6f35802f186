using XenBundle.Repository;
using XenBundle.Tree;

namespace XenBundle.Pipeline;

/// <summary>What <see cref="BundlePipeline.MergeRepositories"/> made of the media.</summary>
/// <param name="Repodata">The repository written anew: the tree's root repository, or the kickstart CD's own.</param>
/// <param name="Directory">Where that repository is in the tree: empty for the root, else <see cref="BundlePipeline.PackageRepositoryDirectory"/>.</param>
/// <param name="Kept">The distribution's repositories kept as the medium has them (EL8, EL9: BaseOS, AppStream).</param>
public sealed record MergedRepository(
    Repodata Repodata,
    PackageMerge Packages,
    Comps? Comps,
    ChecksumType ChecksumType)
{
    public string Directory { get; init; } = string.Empty;

    public IReadOnlyList<KeptRepository> Kept { get; init; } = [];

    /// <summary>A package's path in the tree.</summary>
    public string PathOf(ScannedPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return XenBundle.Tree.TreePath.Combine(Directory, package.Href);
    }
}

public sealed partial class BundlePipeline
{
    /// <summary>The directory of the kickstart CD's own repository in a tree whose distribution repositories are kept (EL8, EL9).</summary>
    public const string PackageRepositoryDirectory = "xenbundle";

    /// <summary>The merged repository, once <see cref="MergeRepositories"/> has run.</summary>
    public MergedRepository? MergedRepository { get; private set; }

    /// <summary>
    /// Makes the merged tree installable. EL5 to EL7 trees get one repository at the root:
    /// every medium's old metadata goes, each package is listed once (the same package on
    /// several media is kept once; two different packages with one NEVRA are an error), the
    /// comps of all media are merged, and .discinfo and .treeinfo are made right for one
    /// tree. An EL8 or EL9 tree keeps the BaseOS and AppStream repositories its .treeinfo
    /// declares as the DVD has them (their modular metadata cannot be made anew from the
    /// packages), and the packages outside them (the kickstart CD's) become a repository of
    /// their own in <see cref="PackageRepositoryDirectory"/>/, which the kickstart names with
    /// a <c>repo</c> line; .treeinfo is left as it is. The guest's needs (boot images,
    /// kernel-xen on EL5) are checked before anything is packaged.
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
        var kept = VariantRepositories.Of(tree, info.TreeInfo, treeName);
        CheckKeptRepositories(tree, kept);

        var replaced = RepodataLayout.OldMetadata(tree).Where(d => !VariantRepositories.Contains(kept, d)).ToList();
        foreach (var directory in replaced)
        {
            tree.Remove(directory);
        }

        var (comps, compsSources) = MergeComps(media, kept);
        var checksumType = ChecksumTypes.For(os);
        var sources = PackageScanner.FindPackages(tree).Where(s => !VariantRepositories.Contains(kept, s.Href)).ToList();
        var directoryName = kept.Count == 0 ? string.Empty : PackageRepositoryDirectory;
        if (directoryName.Length > 0)
        {
            CopyPackagesIntoRepository(tree, sources, directoryName);
        }

        IReadOnlyList<ScannedPackage> scanned;
        using (var progress = Log.Progress($"reading {sources.Count} packages", sources.Sum(s => s.Content.Length)))
        {
            scanned = new PackageScanner(checksumType, Math.Min(2, Environment.ProcessorCount), Options.Cache).Scan(sources, progress);
        }

        // Left out before the merge, so that no check counts a package the metadata will not list.
        var screened = ControlCharacterScreen.Screen(scanned);
        foreach (var warning in screened.Warnings)
        {
            Log.Warning(warning);
            Report.Warn(warning);
        }

        var merge = PackageMerger.Merge(screened.Kept, [.. media.All.Select(m => m.Name)]);
        foreach (var duplicate in merge.Duplicates)
        {
            tree.Remove(TreePath.Combine(directoryName, duplicate.Dropped.Href));
            Log.Verbose($"duplicate: {duplicate.Nevra}: kept {duplicate.Kept.Origin}, dropped {duplicate.Dropped.Origin}");
        }

        ThrowFirst(TreeChecks.Packages(merge.Packages.Select(p => p.Package), info.Arch, os, Recipe.Virt, repositoryName));

        var repodata = RepodataGenerator.Generate(merge.Packages, new RepodataOptions { ChecksumType = checksumType, Time = Clock.Time }, comps?.ToBytes());
        if (kept.Count == 0 || merge.Packages.Count > 0)
        {
            repodata.AddTo(tree, directoryName);
        }

        RewriteTreeMetadata(tree, info, media.Discs.Count, repodata);
        MergedRepository = new MergedRepository(repodata, merge, comps, checksumType)
        {
            Directory = kept.Count > 0 && merge.Packages.Count > 0 ? directoryName : string.Empty,
            Kept = kept,
        };
        Log.Information(kept.Count == 0
            ? $"repository: {repodata.Packages.Count} packages ({merge.Duplicates.Count} duplicates merged), {comps?.Groups.Count() ?? 0} groups, checksum {checksumType.ToName()}"
            : $"repositories: {string.Join(", ", kept.Select(k => k.Directory + "/"))} kept as on the medium; {PackageRepositoryDirectory}/: {repodata.Packages.Count} packages of the kickstart CD, checksum {checksumType.ToName()}");

        Report.Section("Merged tree", RepositoryReport.Tree(tree, SkippedPaths, Conflicts, replaced));
        if (kept.Count > 0)
        {
            Report.Section("Repositories", RepositoryReport.Kept(kept, merge.Packages.Count > 0 ? PackageRepositoryDirectory : null));
        }

        Report.Section("Packages per medium", RepositoryReport.PackagesPerMedium(media, merge));
        Report.Section("Duplicate packages", RepositoryReport.Duplicates(merge));
        Report.Section("Groups", RepositoryReport.Groups(comps, compsSources));
    }

    /// <summary>
    /// The kickstart CD must not put files into a kept repository: its metadata, kept as the
    /// medium has it, would not list a new package and would not match a replaced one.
    /// </summary>
    private void CheckKeptRepositories(VirtualTree tree, IReadOnlyList<KeptRepository> kept)
    {
        if (kept.Count == 0 || Media!.KickstartMedium is not { } medium)
        {
            return;
        }

        var prefix = medium.Name + ":/";
        if (tree.Entries.FirstOrDefault(e => e.Kind == EntryKind.File && e.Origin.StartsWith(prefix, StringComparison.Ordinal) && VariantRepositories.Contains(kept, e.Path)) is { } entry)
        {
            var repository = kept.First(k => VariantRepositories.Contains([k], entry.Path));
            throw new XenBundleException(entry.Origin, $"lands in the {repository.Variant} repository ({repository.Directory}/), whose metadata is kept as the distribution's medium has it: put the kickstart CD's files outside {string.Join(", ", kept.Select(k => k.Directory + "/"))}");
        }
    }

    /// <summary>
    /// Copies each package into the package repository's directory, at its own path there
    /// (RPMS/x.rpm becomes xenbundle/RPMS/x.rpm: a repository's packages lie below it). The
    /// copy is a second reference to the same content, read once; the original stays for
    /// the %post that copies the kickstart CD's files.
    /// </summary>
    private static void CopyPackagesIntoRepository(VirtualTree tree, IReadOnlyList<PackageSource> sources, string directory)
    {
        if (sources.Count > 0 && tree[directory] is { } existing)
        {
            throw new XenBundleException(existing.Origin, $"the tree already has '{directory}', where the kickstart CD's packages become a repository of their own: rename it on the kickstart CD");
        }

        foreach (var source in sources)
        {
            tree.Set(tree[source.Href]! with { Path = TreePath.Combine(directory, source.Href) });
        }
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

    private static (Comps? Comps, IReadOnlyList<string> Sources) MergeComps(MediaSet media, IReadOnlyList<KeptRepository> kept)
    {
        var merger = new CompsMerger();
        var budget = new XmlNodeBudget(MediaXml.MaxNodes, MediumComps.MaxSize); // all comps are held at once: together no more than one may be
        foreach (var medium in media.All)
        {
            // A kept repository keeps its own comps; the others' go into the new one.
            foreach (var (origin, comps) in MediumComps.Read(medium, root => VariantRepositories.Contains(kept, root), budget))
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
