using XenBundle.Media;
using XenBundle.Tree;

namespace XenBundle.Pipeline;

/// <summary>
/// Lays the media over each other into one install tree: the distribution discs in
/// order, then the kickstart CD. A path held by several media with the same content is
/// kept once. With different content, the first disc that has it wins for the tree's
/// own metadata (.discinfo, .treeinfo, images/, isolinux/: anaconda checks that they
/// belong together), the kickstart CD wins for everything else, and among discs the
/// earlier one wins. Every such conflict is recorded for the report, and so is every mode
/// narrowed on the way in (see <see cref="BundleMode"/>).
/// </summary>
public sealed class TreeMerger
{
    private static readonly string[] MetadataPrefixes = ["images/", "isolinux/"];
    private static readonly string[] MetadataFiles = [".discinfo", ".treeinfo", "images", "isolinux"];

    private readonly VirtualTree _tree = new();
    private readonly List<PathConflict> _conflicts = [];
    private readonly List<NarrowedMode> _narrowed = [];
    private readonly List<string> _skipped = [];
    private readonly Func<string, bool> _skip;

    /// <param name="skip">Paths left out of the tree (TRANS.TBL, old repodata, ...).</param>
    public TreeMerger(Func<string, bool>? skip = null)
    {
        _skip = skip ?? IsMediaClutter;
    }

    public VirtualTree Tree => _tree;

    public IReadOnlyList<PathConflict> Conflicts => _conflicts;

    /// <summary>Entries whose mode from the medium was too wide for a bundle, as they are in the tree.</summary>
    public IReadOnlyList<NarrowedMode> Narrowed => _narrowed;

    /// <summary>What was left out, as <c>medium:/path</c>.</summary>
    public IReadOnlyList<string> Skipped => _skipped;

    /// <summary>Files every medium carries for its own sake and a merged tree must not keep.</summary>
    public static bool IsMediaClutter(string path) =>
        TreePath.FileName(path) == "TRANS.TBL" || path is "isolinux/boot.cat" or "boot.catalog";

    public static bool IsTreeMetadata(string path) =>
        MetadataFiles.Contains(path) || MetadataPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Adds a distribution disc; call in disc order.</summary>
    public void AddDisc(IMediaSource disc) => Add(disc, isKickstartMedium: false);

    /// <summary>Adds the custom kickstart CD, after every disc.</summary>
    public void AddKickstartMedium(IMediaSource medium) => Add(medium, isKickstartMedium: true);

    private void Add(IMediaSource medium, bool isKickstartMedium)
    {
        foreach (var entry in medium.Entries)
        {
            if (_skip(entry.Path) || IsBelowSkipped(entry.Path))
            {
                _skipped.Add($"{medium.Name}:/{entry.Path}");
                continue;
            }

            var candidate = ToTreeEntry(medium, entry);
            var existing = _tree[entry.Path];
            if (existing is null)
            {
                Place(candidate);
                continue;
            }

            if (existing.Kind == EntryKind.Directory && candidate.Kind == EntryKind.Directory)
            {
                continue;
            }

            if (existing.Kind == EntryKind.Directory || candidate.Kind == EntryKind.Directory)
            {
                throw new XenBundleException($"{medium.Name}:/{entry.Path}", $"is a {Describe(candidate)} here but a {Describe(existing)} on {existing.Origin}");
            }

            if (SameThing(existing, candidate))
            {
                continue;
            }

            var newWins = isKickstartMedium && !IsTreeMetadata(entry.Path);
            var reason = IsTreeMetadata(entry.Path)
                ? "tree metadata: the first disc's is kept"
                : isKickstartMedium ? "the kickstart CD overrides the discs" : "the earlier disc is kept";
            var (kept, dropped) = newWins ? (candidate, existing) : (existing, candidate);
            _conflicts.Add(new PathConflict(entry.Path, kept.Origin, dropped.Origin, reason));
            if (newWins)
            {
                Place(candidate);
            }
        }
    }

    private void Place(TreeEntry candidate)
    {
        var narrowed = BundleMode.Narrow(candidate);
        if (!ReferenceEquals(narrowed, candidate))
        {
            _narrowed.Add(new NarrowedMode(candidate.Path, candidate.Origin, candidate.Mode, narrowed.Mode));
        }

        _tree.Set(narrowed);
    }

    private bool IsBelowSkipped(string path)
    {
        var parent = TreePath.Parent(path);
        while (parent.Length > 0)
        {
            if (_skip(parent))
            {
                return true;
            }

            parent = TreePath.Parent(parent);
        }

        return false;
    }

    private static bool SameThing(TreeEntry a, TreeEntry b) =>
        a.Kind == b.Kind
        && (a.Kind == EntryKind.Symlink
            ? a.SymlinkTarget == b.SymlinkTarget
            : ContentComparer.Same(a.Content!, b.Content!));

    private static TreeEntry ToTreeEntry(IMediaSource medium, MediaEntry entry)
    {
        var origin = $"{medium.Name}:/{entry.Path}";
        switch (entry.Kind)
        {
            case EntryKind.Directory:
                return TreeEntry.Directory(entry.Path, entry.Mode, origin);
            case EntryKind.Symlink:
                var target = entry.SymlinkTarget ?? string.Empty;
                if (TreePath.ResolveLink(entry.Path, target) is null)
                {
                    throw new XenBundleException(origin, $"symlink to '{TreePath.Printable(target)}' points outside the medium");
                }

                return TreeEntry.Symlink(entry.Path, target, origin);
            default:
                return TreeEntry.File(entry.Path, new MediaContent(medium, entry), entry.Mode);
        }
    }

    private static string Describe(TreeEntry entry) => entry.Kind.ToString().ToLowerInvariant();
}
