namespace XenBundle.Tree;

/// <summary>
/// Whether a symlink stays inside its tree once the tree's other symlinks are followed,
/// the way the kernel resolves it: <c>d/up -&gt; ..</c> is harmless alone, but
/// <c>d/out -&gt; up/..</c> climbs through it to above the tree, which a check of each
/// target as text (<see cref="TreePath.ResolveLink"/>) cannot see. Used wherever symlinks
/// from media are written out: an extracted tree and the merged install tree.
/// </summary>
public static class SymlinkContainment
{
    /// <summary>Symlinks followed for one path at most, as Linux does (MAXSYMLINKS).</summary>
    public const int MaxHops = 40;

    /// <summary>Path components walked for one symlink at most: with <see cref="MaxHops"/>, what bounds the work a hostile tree can ask for.</summary>
    public const int MaxSteps = 4096;

    /// <summary>
    /// Why the symlink at <paramref name="linkPath"/> leads outside the tree, or null when
    /// it does not. <paramref name="symlinkTargetOf"/> gives the target of a path that is a
    /// symlink of the tree, null for anything else (a directory, a file, nothing).
    /// </summary>
    public static string? Problem(string linkPath, string target, Func<string, string?> symlinkTargetOf)
    {
        ArgumentNullException.ThrowIfNull(linkPath);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(symlinkTargetOf);
        var resolved = new List<string>(TreePath.Parent(linkPath).Split('/', StringSplitOptions.RemoveEmptyEntries));
        var pending = new LinkedList<string>();
        if (Enqueue(pending, target) is { } unusable)
        {
            return $"the target is {unusable}";
        }

        var (hops, steps) = (0, 0);
        while (pending.First is { } next)
        {
            if (++steps > MaxSteps)
            {
                return $"it takes more than {MaxSteps} steps to resolve";
            }

            pending.RemoveFirst();
            var part = next.Value;
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count == 0)
                {
                    return "it climbs above the top of the tree";
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            var path = string.Join('/', resolved.Append(part));
            if (symlinkTargetOf(path) is not { } inner)
            {
                resolved.Add(part); // a directory, a file or nothing: what follows is resolved from here
                continue;
            }

            if (++hops > MaxHops)
            {
                return $"more than {MaxHops} symlinks lead on from one another (a loop)";
            }

            // A symlink on the way: its target takes its place, resolved from its directory.
            if (Enqueue(pending, inner) is { } problem)
            {
                return $"it leads through the symlink '{TreePath.Printable(path)}', whose target is {problem}";
            }
        }

        return null;
    }

    /// <summary>Fails on the first symlink of <paramref name="tree"/> that leads outside it, naming where it came from.</summary>
    public static void Check(VirtualTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        string? TargetOf(string path) => tree[path] is { Kind: EntryKind.Symlink } link ? link.SymlinkTarget ?? string.Empty : null;
        foreach (var link in tree.Entries.Where(e => e.Kind == EntryKind.Symlink))
        {
            var target = link.SymlinkTarget ?? string.Empty;
            if (Problem(link.Path, target, TargetOf) is { } problem)
            {
                throw new XenBundleException(link.Origin, $"symlink '{TreePath.Printable(link.Path)}' to '{TreePath.Printable(target)}' points outside the tree: {problem}");
            }
        }
    }

    /// <summary>Puts a target's components in front of what is left to resolve; for a target that cannot stay inside, says what it is.</summary>
    private static string? Enqueue(LinkedList<string> pending, string target)
    {
        if (target.Length == 0 || target[0] == '/' || target.Contains('\0', StringComparison.Ordinal))
        {
            return target.Length == 0 ? "empty" : target[0] == '/' ? "absolute" : "a name with a NUL";
        }

        var parts = target.Split('/');
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.AddFirst(parts[i]);
        }

        return null;
    }
}
