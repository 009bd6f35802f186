using XenBundle.Repository;
using XenBundle.Tree;

namespace XenBundle.Pipeline;

/// <summary>The tree's .discinfo and .treeinfo made right for one tree of one disc (<see cref="MergeRepositoriesStage"/>).</summary>
internal static class TreeMetadata
{
    /// <summary>
    /// .discinfo lists every disc; .treeinfo says one disc of one. A .treeinfo that names
    /// repomd.xml's checksum (EL6+) is taken out of the tree and returned: it is written again by
    /// <see cref="WithRepomd"/> once the new metadata exists, after the packages it describes.
    /// </summary>
    public static TreeEntry? Rewrite(VirtualTree tree, InstallTreeInfo info, int discs)
    {
        if (info.DiscInfo is { } discInfo)
        {
            Replace(tree, DiscInfo.FileName, discInfo.WithAllDiscs(discs).ToString());
        }

        if (info.TreeInfo is not { } treeInfo)
        {
            return null;
        }

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

        if (RepomdChecksumType(treeInfo) is not null)
        {
            var entry = tree[TreeInfo.FileName]!;
            tree.Remove(TreeInfo.FileName);
            return entry;
        }

        Replace(tree, TreeInfo.FileName, treeInfo.ToString());
        return null;
    }

    /// <summary>The .treeinfo taken out by <see cref="Rewrite"/>, with the new repomd.xml's checksum.</summary>
    public static TreeEntry WithRepomd(TreeEntry entry, InstallTreeInfo info, Repodata repodata)
    {
        var treeInfo = info.TreeInfo!;
        var (algorithm, type) = RepomdChecksumType(treeInfo)!.Value;
        treeInfo.Set("checksums", Repodata.RepomdPath, $"{algorithm}:{type.Hex(repodata.Repomd.Span)}");
        return entry with { Content = BytesContent.FromText(treeInfo.ToString(), $"{entry.Origin} (rewritten for the merged tree)") };
    }

    private static (string Algorithm, ChecksumType Type)? RepomdChecksumType(TreeInfo treeInfo)
    {
        if (treeInfo.Get("checksums", Repodata.RepomdPath) is { } old && old.Split(':', 2) is [var algorithm, _])
        {
            var type = algorithm == "sha256" ? ChecksumType.Sha256 : algorithm is "sha" or "sha1" ? ChecksumType.Sha1 : (ChecksumType?)null;
            return type is { } known ? (algorithm, known) : null;
        }

        return null;
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
