namespace XenBundle.Tree;

/// <summary>
/// A sorted map from relative path to entry whose content is a reference, not a copy.
/// Parent directories are created implicitly; paths are checked on the way in.
/// </summary>
public sealed class VirtualTree
{
    private readonly SortedDictionary<string, TreeEntry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>Every entry in ordinal path order (parents before children).</summary>
    public IEnumerable<TreeEntry> Entries => _entries.Values;

    public TreeEntry? this[string path] => _entries.GetValueOrDefault(path);

    public bool Contains(string path) => _entries.ContainsKey(path);

    /// <summary>Adds or replaces an entry, creating missing parent directories.</summary>
    public void Set(TreeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var problem = TreePath.Problem(entry.Path);
        if (problem is not null)
        {
            throw new XenBundleException(entry.Origin, problem);
        }

        EnsureParents(entry.Path, entry.Origin);
        if (_entries.TryGetValue(entry.Path, out var existing) && existing.Kind == EntryKind.Directory && entry.Kind != EntryKind.Directory)
        {
            RemoveBelow(entry.Path);
        }

        _entries[entry.Path] = entry;
    }

    public bool Remove(string path)
    {
        RemoveBelow(path);
        return _entries.Remove(path);
    }

    /// <summary>Entries whose path starts with <paramref name="directory"/>/ (not the directory itself).</summary>
    public IEnumerable<TreeEntry> Below(string directory)
    {
        var prefix = directory.Length == 0 ? string.Empty : directory + "/";
        return _entries.Values.Where(e => e.Path.StartsWith(prefix, StringComparison.Ordinal) && e.Path.Length > prefix.Length);
    }

    /// <summary>A tree with the same entries (their content shared, not read), to change without changing this one.</summary>
    public VirtualTree Copy()
    {
        var copy = new VirtualTree();
        foreach (var (path, entry) in _entries)
        {
            copy._entries.Add(path, entry);
        }

        return copy;
    }

    /// <summary>Copies this tree below <paramref name="prefix"/> of <paramref name="target"/>.</summary>
    public void CopyTo(VirtualTree target, string prefix)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var entry in _entries.Values)
        {
            target.Set(entry with { Path = TreePath.Combine(prefix, entry.Path) });
        }
    }

    private void EnsureParents(string path, string origin)
    {
        var parent = TreePath.Parent(path);
        while (parent.Length > 0)
        {
            if (_entries.TryGetValue(parent, out var existing))
            {
                if (existing.Kind != EntryKind.Directory)
                {
                    throw new XenBundleException(origin, $"'{path}' needs '{parent}' to be a directory, but it is a {existing.Kind.ToString().ToLowerInvariant()}");
                }

                return;
            }

            _entries[parent] = TreeEntry.Directory(parent, UnixMode.Directory, origin);
            parent = TreePath.Parent(parent);
        }
    }

    private void RemoveBelow(string path)
    {
        foreach (var below in Below(path).Select(e => e.Path).ToList())
        {
            _entries.Remove(below);
        }
    }
}
