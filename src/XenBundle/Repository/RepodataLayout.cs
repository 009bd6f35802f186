using XenBundle.Tree;

namespace XenBundle.Repository;

/// <summary>Where repository metadata lives in a tree, and what of a medium's old metadata must go.</summary>
public static class RepodataLayout
{
    public const string Directory = "repodata";

    /// <summary>Directories that hold metadata generated for one medium: its repodata and the HTML browsers made from it.</summary>
    private static readonly string[] OldMetadataDirectories = [Directory, "repoview"];

    /// <summary>Whether a path lies in (or is) a <c>repodata</c> directory anywhere in the tree.</summary>
    public static bool IsInsideRepodata(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Split('/').Contains(Directory, StringComparer.Ordinal);
    }

    /// <summary>The top directories of every medium's old metadata in a tree (repodata/, Server/repodata/, repoview/...).</summary>
    public static IReadOnlyList<string> OldMetadata(VirtualTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var found = new List<string>();
        foreach (var entry in tree.Entries)
        {
            if (entry.Kind == EntryKind.Directory
                && OldMetadataDirectories.Contains(TreePath.FileName(entry.Path), StringComparer.Ordinal)
                && !found.Any(f => entry.Path.StartsWith(f + "/", StringComparison.Ordinal)))
            {
                found.Add(entry.Path);
            }
        }

        return found;
    }
}
