using XenBundle.Media;
using XenBundle.Pipeline;
using XenBundle.Tests.Support;
using XenBundle.Tree;

namespace XenBundle.Tests.Pipeline;

[Category(TestCategories.Unit)]
public sealed class TreeMergerTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory("merge");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void The_same_file_on_two_discs_is_kept_once_without_a_conflict()
    {
        _temp.Write("d1/README", "same");
        _temp.Write("d2/README", "same");
        var merger = Merge(["d1", "d2"]);
        Assert.That(merger.Conflicts, Is.Empty);
        Assert.That(merger.Tree["README"]!.Origin, Is.EqualTo("d1:/README"));
    }

    [Test]
    public void Disc_one_wins_for_tree_metadata_and_the_kickstart_cd_for_the_rest()
    {
        _temp.Write("d1/.discinfo", "disc one");
        _temp.Write("d1/images/xen/vmlinuz", "disc one kernel");
        _temp.Write("d1/GPL", "disc one GPL");
        _temp.Write("d2/.discinfo", "disc two");
        _temp.Write("d2/GPL", "disc two GPL");
        _temp.Write("ks/.discinfo", "kickstart cd");
        _temp.Write("ks/images/xen/vmlinuz", "kickstart cd kernel");
        _temp.Write("ks/GPL", "site GPL");

        var merger = Merge(["d1", "d2"], "ks");

        Assert.Multiple(() =>
        {
            Assert.That(merger.Tree[".discinfo"]!.Origin, Is.EqualTo("d1:/.discinfo"));
            Assert.That(merger.Tree["images/xen/vmlinuz"]!.Origin, Is.EqualTo("d1:/images/xen/vmlinuz"));
            Assert.That(merger.Tree["GPL"]!.Origin, Is.EqualTo("ks:/GPL"));
            Assert.That(merger.Conflicts.Select(c => c.Path), Is.EquivalentTo(new[] { ".discinfo", ".discinfo", "images/xen/vmlinuz", "GPL", "GPL" }));
            Assert.That(merger.Conflicts.Single(c => c.Path == "GPL" && c.Dropped == "d2:/GPL").Kept, Is.EqualTo("d1:/GPL"), "among discs, the earlier wins");
        });
    }

    [Test]
    public void Media_clutter_is_left_out()
    {
        _temp.Write("d1/CentOS/TRANS.TBL", "x");
        _temp.Write("d1/isolinux/boot.cat", "x");
        _temp.Write("d1/isolinux/isolinux.cfg", "x");
        var merger = Merge(["d1"]);
        Assert.That(merger.Tree.Entries.Select(e => e.Path), Is.EqualTo(new[] { "CentOS", "isolinux", "isolinux/isolinux.cfg" }));
        Assert.That(merger.Skipped, Is.EquivalentTo(new[] { "d1:/CentOS/TRANS.TBL", "d1:/isolinux/boot.cat" }));
    }

    [Test]
    public void A_symlink_that_leaves_the_medium_is_an_error_naming_it()
    {
        Directory.CreateDirectory(_temp["d1"]);
        File.CreateSymbolicLink(_temp["d1/escape"], "../../etc/shadow");
        Assert.That(() => Merge(["d1"]), Throws.InstanceOf<XenBundleException>().With.Property("ErrorLine").EqualTo("error: d1:/escape: symlink to '../../etc/shadow' points outside the medium"));
    }

    [Test]
    public void A_file_on_one_medium_and_a_directory_on_another_is_an_error()
    {
        _temp.Write("d1/Server", "file");
        _temp.Write("d2/Server/x.rpm", "rpm");
        Assert.That(() => Merge(["d1", "d2"]), Throws.InstanceOf<XenBundleException>().With.Message.Contains("is a directory here but a file"));
    }

    private TreeMerger Merge(string[] discs, string? kickstart = null)
    {
        var merger = new TreeMerger();
        foreach (var disc in discs)
        {
            merger.AddDisc(new DirectoryMediaSource(_temp[disc]));
        }

        if (kickstart is not null)
        {
            merger.AddKickstartMedium(new DirectoryMediaSource(_temp[kickstart]));
        }

        return merger;
    }
}
