using XenBundle.Tree;

namespace XenBundle.Bundling;

/// <summary>
/// Which files of a bundle are names of one stored file (hard links on the medium): the
/// first in path order is written with its bytes, each later one as a tar hard link to it,
/// so a thousand names of one file cost a thousand headers, not a thousand copies. A link
/// only ever names an earlier entry of the same bundle. The names of one file share one
/// mode on the Dom0 (one inode), so they get the narrowest: the bits every name has.
/// </summary>
internal sealed class HardLinks
{
    private readonly Dictionary<TreeEntry, TreeEntry> _first = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TreeEntry, int> _mode = new(ReferenceEqualityComparer.Instance);

    public HardLinks(IEnumerable<TreeEntry> entries)
    {
        var groups = new Dictionary<(object Storage, long Length), List<TreeEntry>>();
        foreach (var entry in entries)
        {
            // Empty files hold no bytes to share; a medium may give them all one place.
            if (entry is { Kind: EntryKind.File, Content: { Length: > 0, Storage: { } storage } content })
            {
                var key = (storage, content.Length);
                if (!groups.TryGetValue(key, out var names))
                {
                    groups[key] = names = [];
                }

                names.Add(entry);
            }
        }

        foreach (var names in groups.Values.Where(n => n.Count > 1))
        {
            var mode = names.Aggregate(UnixMode.Permissions, (bits, name) => bits & BundleMode.Of(EntryKind.File, name.Mode));
            foreach (var name in names)
            {
                _first[name] = names[0];
                _mode[name] = mode;
            }
        }
    }

    /// <summary>The earlier entry this one is a link to; null when it is written with its bytes.</summary>
    public TreeEntry? TargetOf(TreeEntry entry) =>
        _first.TryGetValue(entry, out var first) && !ReferenceEquals(first, entry) ? first : null;

    /// <summary>The entry as it goes into the bundle: its mode narrowed, and shared with the other names of its file.</summary>
    public TreeEntry Narrow(TreeEntry entry)
    {
        var narrowed = BundleMode.Narrow(entry);
        return _mode.TryGetValue(entry, out var mode) && mode != narrowed.Mode ? narrowed with { Mode = mode } : narrowed;
    }
}
