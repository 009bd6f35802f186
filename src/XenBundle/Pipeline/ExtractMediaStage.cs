using System.Globalization;
using XenBundle.Bundling;
using XenBundle.Media;
using XenBundle.Model;
using XenBundle.Recipes;
using XenBundle.Reporting;
using XenBundle.Repository;
using XenBundle.Tree;

namespace XenBundle.Pipeline;

/// <summary>What <see cref="ExtractMediaStage"/> made of the media: one tree and the kickstart to rewrite.</summary>
/// <param name="Media">The opened media; the tree's entries read from them.</param>
/// <param name="Tree">The merged install tree (what becomes <c>install/</c>); <see cref="MergeRepositoriesStage"/> returns a copy with its metadata made anew and leaves this one as the media have it.</param>
/// <param name="SourceKickstart">The source kickstart, as read from the kickstart CD or disk.</param>
/// <param name="SourceKickstartMode">Its permission bits (the transformed one keeps them when narrower, see <see cref="BundleLayout.KickstartMode"/>).</param>
/// <param name="DetectedOs">The OS release read from the media (.treeinfo/.discinfo), if they say.</param>
/// <param name="Conflicts">Paths with different content on several media, and which one was kept.</param>
/// <param name="SkippedPaths">Media-only files the merge left out (TRANS.TBL, boot catalogs), as <c>medium:/path</c>.</param>
public sealed record ExtractedMedia(
    MediaSet Media,
    VirtualTree Tree,
    byte[] SourceKickstart,
    int SourceKickstartMode,
    OsRelease? DetectedOs,
    IReadOnlyList<PathConflict> Conflicts,
    IReadOnlyList<string> SkippedPaths);

/// <summary>The ExtractMedia stage: lays the media over each other and reads the source kickstart.</summary>
public sealed class ExtractMediaStage(StageContext context)
{
    public ExtractedMedia Run(MediaSet media)
    {
        ArgumentNullException.ThrowIfNull(media);
        foreach (var skipped in media.All.SelectMany(m => m.Skipped))
        {
            // An image's device nodes are left out of the tree, as bsdtar leaves out what it cannot create.
            context.Warn(skipped);
        }

        var merger = new TreeMerger();
        foreach (var disc in media.Discs)
        {
            context.Log.Information($"{disc.Name}: {disc.Entries.Count} entries");
            merger.AddDisc(disc);
        }

        if (media.KickstartMedium is { } ks)
        {
            context.Log.Information($"{ks.Name} (kickstart CD): {ks.Entries.Count} entries");
            merger.AddKickstartMedium(ks);
        }

        var tree = merger.Tree;
        SymlinkContainment.Check(tree); // each medium's links may be fine alone and lead out through another's
        foreach (var conflict in merger.Conflicts)
        {
            context.Log.Verbose($"conflict: {conflict.Path}: kept {conflict.Kept}, dropped {conflict.Dropped} ({conflict.Reason})");
        }

        var detected = DetectOs(InstallTreeInfo.Of(tree), media);
        var recipe = context.Recipe;
        var extracted = new ExtractedMedia(
            media,
            tree,
            KickstartSourceReader.Read(recipe, media),
            KickstartSourceReader.ModeOf(recipe, media),
            detected,
            merger.Conflicts,
            merger.Skipped);
        context.Report.Section(ReportStage.ExtractMedia, "Inputs", DescribeInputs(media));
        context.Report.Section(ReportStage.ExtractMedia, "Merged tree", DescribeTree(merger));
        if (merger.Narrowed.Count > 0)
        {
            context.Report.Section(ReportStage.ExtractMedia, "Modes narrowed", DescribeNarrowed(merger.Narrowed));
        }

        return extracted;
    }

    /// <summary>
    /// The release the media are. A recipe that says otherwise is a bad recipe for these
    /// media: the kickstart, the repository checksums and the boot arguments would all be
    /// for the wrong installer, so it stops here, naming the key.
    /// </summary>
    private OsRelease? DetectOs(InstallTreeInfo info, MediaSet media)
    {
        if (info.Os is { } detected)
        {
            var recipe = context.Recipe;
            context.Log.Verbose($"media: {RecipeNames.ToName(detected)} (version {info.Version} in {info.Source})");
            if (recipe.Os is { } wanted && wanted != detected)
            {
                var where = recipe.OsLocation.Length > 0 ? recipe.OsLocation : recipe.FileName;
                throw new XenBundleException(where, $"os: {RecipeNames.ToName(wanted)} contradicts the media, which are {RecipeNames.ToName(detected)} (version {info.Version} in {info.Source} of {media.Discs[0].Name}); set os: {RecipeNames.ToName(detected)} or leave it out", ExitCode.BadUsage);
            }
        }

        return info.Os;
    }

    private string DescribeInputs(MediaSet media)
    {
        var recipe = context.Recipe;
        var rows = media.Discs.Select((d, i) => (IReadOnlyList<string>)[$"disc {i + 1}", d.Name, d.Entries.Count(e => e.Kind == EntryKind.File).ToString(CultureInfo.InvariantCulture)]).ToList();
        if (media.KickstartMedium is { } ks)
        {
            rows.Add(["kickstart CD", ks.Name, ks.Entries.Count(e => e.Kind == EntryKind.File).ToString(CultureInfo.InvariantCulture)]);
        }

        var text = $"Recipe {Markdown.Text(recipe.FileName)}, version {recipe.Version}, virt {recipe.Virt.ToName()}.\n\n" + Markdown.Table(["role", "medium", "files"], rows);
        foreach (var medium in media.All.Select(m => m.Unshared()))
        {
            if (medium is Media.Iso.IsoMediaSource { BootCatalog: { } boot })
            {
                text += "\n" + Markdown.Line($"{medium.Name}: {boot.Describe()}");
            }
        }

        return text;
    }

    private static string DescribeTree(TreeMerger merger)
    {
        var text = $"{merger.Tree.Entries.Count(e => e.Kind == EntryKind.File)} files; {merger.Skipped.Count} media-only files left out (TRANS.TBL, boot catalogs).\n\n";
        if (merger.Conflicts.Count == 0)
        {
            return text + "No conflicting paths.\n";
        }

        return text + "Paths with different content on several media:\n\n"
            + Markdown.Table(["path", "kept", "dropped", "why"], merger.Conflicts.Select(c => (IReadOnlyList<string>)[c.Path, c.Kept, c.Dropped, c.Reason]));
    }

    private static string DescribeNarrowed(IReadOnlyList<NarrowedMode> narrowed) =>
        "The bundle carries no setuid, setgid, sticky or world-write bit, and no directory wider than 0755 (it is unpacked and exported by root); these entries of the media had more:\n\n"
        + Markdown.Table(["path", "medium", "mode on the medium", "mode in the bundle"], narrowed.Select(n => (IReadOnlyList<string>)[n.Path, n.Origin, UnixMode.Format(n.Old), UnixMode.Format(n.New)]));
}
