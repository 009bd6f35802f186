using XenBundle.Repository;
using XenBundle.Tree;

namespace XenBundle.Pipeline;

/// <summary>The tree's .discinfo and .treeinfo made right for one tree of one disc (<see cref="MergeRepositoriesStage"/>).</summary>
internal static class TreeMetadata
{
    /// <summary>.discinfo lists every disc; .treeinfo says one disc of one, and its repomd.xml checksum (EL6+) is the new one.</summary>
    public static void Rewrite(VirtualTree tree, InstallTreeInfo info, int discs, Repodata repodata)
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
