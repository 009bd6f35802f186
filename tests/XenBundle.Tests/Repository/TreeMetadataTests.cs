using XenBundle.Model;
using XenBundle.Repository;
using XenBundle.Tree;

namespace XenBundle.Tests.RepositoryMerge;

/// <summary>.treeinfo and .discinfo: reading the release and arch, rewriting for one merged tree.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
public sealed class TreeMetadataTests
{
    [Test]
    public void Treeinfo_values_change_in_place_and_everything_else_is_kept()
    {
        const string text = "[general]\nfamily = CentOS\n# a comment\ntotaldiscs = 2\ndiscnum=1\n\n[checksums]\nimages/boot.iso = sha256:abc\n";
        var info = TreeInfo.Parse(text);

        info.Set("general", "totaldiscs", "1");
        info.Set("general", "discnum", "1");
        info.Set("general", "arch", "x86_64");

        Assert.That(info.ToString(), Is.EqualTo("[general]\nfamily = CentOS\n# a comment\ntotaldiscs = 1\ndiscnum=1\narch = x86_64\n\n[checksums]\nimages/boot.iso = sha256:abc\n"));
        Assert.That(info.Get("checksums", "images/boot.iso"), Is.EqualTo("sha256:abc"));
        Assert.That(info.Set("nosuch", "key", "v"), Is.False);
    }

    [Test]
    public void Discinfo_line_4_lists_every_disc()
    {
        var info = DiscInfo.Parse("1412018839.383785\nCentOS 5.11\ni386\n2\nCentOS/base\nCentOS\nCentOS/pixmaps\n");

        Assert.That(info.WithAllDiscs(3).ToString(), Is.EqualTo("1412018839.383785\nCentOS 5.11\ni386\n1,2,3\nCentOS/base\nCentOS\nCentOS/pixmaps\n"));
        Assert.That(DiscInfo.Parse("1\nCentOS 6.10\nx86_64\nALL\n").WithAllDiscs(1).ToString(), Is.EqualTo("1\nCentOS 6.10\nx86_64\nALL\n"));
    }

    [TestCase(".treeinfo", "[general]\nversion = 5.11\narch = i386\n", OsRelease.El5, "i386")]
    [TestCase(".treeinfo", "[header]\ntype = productmd.treeinfo\n[release]\nname = Rocky Linux\nversion = 9.3\n[tree]\narch = x86_64\n", OsRelease.El9, "x86_64")]
    [TestCase(".discinfo", "1700000000.0\nCentOS 6.10\nx86_64\nALL\n", OsRelease.El6, "x86_64")]
    [TestCase(".discinfo", "1700000000.0\nRed Hat Enterprise Linux Server 5.11\ni386\n1\n", OsRelease.El5, "i386")]
    public void The_release_and_arch_come_from_the_tree(string file, string text, OsRelease os, string arch)
    {
        var tree = new VirtualTree();
        tree.Set(TreeEntry.File(file, BytesContent.FromText(text, "disc1")));

        var info = InstallTreeInfo.Of(tree);

        Assert.That(info.Os, Is.EqualTo(os));
        Assert.That(info.Arch, Is.EqualTo(arch));
        Assert.That(info.Source, Is.EqualTo(file));
    }

    [Test]
    public void A_tree_of_another_release_is_not_detected_as_one()
    {
        var tree = new VirtualTree();
        tree.Set(TreeEntry.File(".discinfo", BytesContent.FromText("1\nFedora 40\nx86_64\n", "disc1")));

        Assert.That(InstallTreeInfo.Of(tree).Os, Is.Null);
    }

    [Test]
    public void Every_old_metadata_directory_is_found_once()
    {
        var tree = new VirtualTree();
        foreach (var path in new[] { "repodata/repomd.xml", "Server/repodata/repomd.xml", "Server/repodata/x/y.xml", "repoview/index.html", "Server/pkg.rpm" })
        {
            tree.Set(TreeEntry.File(path, BytesContent.FromText("x", "d")));
        }

        Assert.That(RepodataLayout.OldMetadata(tree), Is.EquivalentTo(new[] { "repodata", "Server/repodata", "repoview" }));
        Assert.That(RepodataLayout.IsInsideRepodata("Server/repodata/x/y.xml"), Is.True);
        Assert.That(RepodataLayout.IsInsideRepodata("Server/repodata-old.rpm"), Is.False);
    }
}
