using XenBundle.Model;
using XenBundle.Recipes;
using XenBundle.Reporting;
using XenBundle.Repository;
using XenBundle.Tree;

namespace XenBundle.Pipeline;

/// <summary>The MergeRepositories stage: the merged tree made one installable repository.</summary>
public sealed class MergeRepositoriesStage(StageContext context)
{
    /// <summary>The directory of the kickstart CD's own repository in a tree whose distribution repositories are kept (EL8, EL9).</summary>
    public const string PackageRepositoryDirectory = "xenbundle";

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
    /// kernel-xen on EL5) are checked before anything is packaged. The tree of
    /// <paramref name="extracted"/> is left as the media have it: the merged one is a copy
    /// (the entries' content shared, nothing read twice) returned in <see cref="MergedRepository.Tree"/>. The
    /// <paramref name="clock"/> is asked only when the repodata is written, so a bad
    /// SOURCE_DATE_EPOCH is reported after the media's own problems.
    /// </summary>
    public MergedRepository Run(ExtractedMedia extracted, OsRelease os, Func<BuildClock.Choice> clock)
    {
        ArgumentNullException.ThrowIfNull(extracted);
        ArgumentNullException.ThrowIfNull(clock);
        var (recipe, log) = (context.Recipe, context.Log);
        var tree = extracted.Tree.Copy();
        var media = extracted.Media;
        var treeName = media.Discs.Count > 0 ? media.Discs[0].Name : "install tree";
        var repositoryName = string.Join(" + ", media.All.Select(m => m.Name));

        var info = InstallTreeInfo.Of(tree);
        ThrowFirst(TreeChecks.BootImages(tree, os, recipe.Virt, treeName));
        var kept = VariantRepositories.Of(tree, info.TreeInfo, treeName);
        CheckKeptRepositories(tree, kept, media);

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

        // Headers only: the bundle writer hashes every package as it copies it, and the
        // metadata is written from those hashes (MergedRepository.Complete).
        var scanner = new PackageScanner(checksumType, Math.Min(2, Environment.ProcessorCount), context.Options.Cache);
        IReadOnlyList<ScannedPackage> scanned;
        using (var progress = log.Progress($"reading the headers of {sources.Count} packages", sources.Sum(s => s.Content.Length)))
        {
            scanned = scanner.ScanHeaders(sources, progress);
        }

        // Left out before the merge, so that no check counts a package the metadata will not list.
        var screened = ControlCharacterScreen.Screen(scanned);
        foreach (var warning in screened.Warnings)
        {
            context.Warn(warning);
        }

        var merge = PackageMerger.Merge(screened.Kept, [.. media.All.Select(m => m.Name)], scanner.WithChecksum);
        foreach (var duplicate in merge.Duplicates)
        {
            tree.Remove(TreePath.Combine(directoryName, duplicate.Dropped.Href));
            log.Verbose($"duplicate: {duplicate.Nevra}: kept {duplicate.Kept.Origin}, dropped {duplicate.Dropped.Origin}");
        }

        ThrowFirst(TreeChecks.Packages(merge.Packages.Select(p => p.Package), info.Arch, os, recipe.Virt, repositoryName));

        var writesRepodata = kept.Count == 0 || merge.Packages.Count > 0;
        if (writesRepodata)
        {
            // The new repodata/ takes the place of whatever a medium has there that is not a
            // directory of old metadata (a symlink, a file): nothing may stand in its way.
            tree.Remove(TreePath.Combine(directoryName, RepodataLayout.Directory));
        }

        var treeInfo = TreeMetadata.Rewrite(tree, info, media.Discs.Count);
        var plan = new RepositoryPlan(checksumType, clock().Time, writesRepodata ? directoryName : null, treeInfo is null ? null : (treeInfo, info), scanner);
        var merged = new MergedRepository(tree, merge, comps, checksumType)
        {
            Directory = kept.Count > 0 && merge.Packages.Count > 0 ? directoryName : string.Empty,
            Kept = kept,
            Plan = plan,
        };
        log.Information(kept.Count == 0
            ? $"repository: {merge.Packages.Count} packages ({merge.Duplicates.Count} duplicates merged), {comps?.Groups.Count() ?? 0} groups, checksum {checksumType.ToName()}"
            : $"repositories: {string.Join(", ", kept.Select(k => k.Directory + "/"))} kept as on the medium; {PackageRepositoryDirectory}/: {merge.Packages.Count} packages of the kickstart CD, checksum {checksumType.ToName()}");

        var report = context.Report;
        report.Section(ReportStage.MergeRepositories, "Merged tree", RepositoryReport.Tree(tree, plan.FileCount(comps is not null), extracted.SkippedPaths, extracted.Conflicts, replaced));
        if (kept.Count > 0)
        {
            report.Section(ReportStage.MergeRepositories, "Repositories", RepositoryReport.Kept(kept, merge.Packages.Count > 0 ? PackageRepositoryDirectory : null));
        }

        report.Section(ReportStage.MergeRepositories, "Packages per medium", RepositoryReport.PackagesPerMedium(media, merge));
        report.Section(ReportStage.MergeRepositories, "Duplicate packages", RepositoryReport.Duplicates(merge));
        report.Section(ReportStage.MergeRepositories, "Groups", RepositoryReport.Groups(comps, compsSources));
        return merged;
    }

    /// <summary>
    /// The kickstart CD must not put files into a kept repository: its metadata, kept as the
    /// medium has it, would not list a new package and would not match a replaced one.
    /// </summary>
    private static void CheckKeptRepositories(VirtualTree tree, IReadOnlyList<KeptRepository> kept, MediaSet media)
    {
        if (kept.Count == 0 || media.KickstartMedium is not { } medium)
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
}
