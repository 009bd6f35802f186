using System.Text;
using XenBundle.Repository;
using XenBundle.Tree;

namespace XenBundle.Tests.Fuzzing.Targets;

/// <summary>
/// The .treeinfo and .discinfo readers as the pipeline uses them: each input is read as
/// both, the release and architecture are detected, and the files are rewritten for one
/// tree. A .treeinfo that is not changed must print back exactly as it was read.
/// </summary>
internal sealed class TreeMetadataTarget : FuzzTarget
{
    public override string Name => "tree-metadata";

    public override bool Refuses => false;

    public override IReadOnlyList<byte[]> Dictionary { get; } = Tokens(
        "[general]", "[release]", "[media]", "[checksums]", "[tree]", "version = ", "arch = ", "totaldiscs = ", "discnum = ",
        "repodata/repomd.xml = sha256:", "\r\n", "\n", "=", "[", "]", ";", "#");

    public override void Run(byte[] input)
    {
        var text = new StreamReader(new MemoryStream(input), Encoding.UTF8).ReadToEnd();
        var tree = new VirtualTree();
        tree.Set(TreeEntry.File(TreeInfo.FileName, new BytesContent(input, TreeInfo.FileName)));
        tree.Set(TreeEntry.File(DiscInfo.FileName, new BytesContent(input, DiscInfo.FileName)));
        var info = InstallTreeInfo.Of(tree);
        _ = (info.Os, info.Version, info.Arch, info.Source);

        var treeInfo = TreeInfo.Parse(text);
        if (treeInfo.ToString() != text)
        {
            throw new FuzzPropertyException(".treeinfo does not print back as it was read");
        }

        foreach (var section in treeInfo.Sections.ToList())
        {
            treeInfo.Set(section, "discnum", "1");
        }

        treeInfo.Set("checksums", "repodata/repomd.xml", "sha256:00");
        _ = treeInfo.ToString();
        _ = DiscInfo.Parse(text).WithAllDiscs(3).ToString();
    }
}
