using XenBundle.Tree;

namespace XenBundle.Tests.Tree;

[Category(TestCategories.Unit)]
public sealed class VirtualTreeTests
{
    [Test]
    public void Adding_a_file_creates_its_parent_directories_and_copies_nothing()
    {
        var tree = new VirtualTree();
        var content = BytesContent.FromText("x", "test");
        tree.Set(TreeEntry.File("CentOS/base/comps.xml", content));

        Assert.That(tree.Entries.Select(e => e.Path), Is.EqualTo(new[] { "CentOS", "CentOS/base", "CentOS/base/comps.xml" }));
        Assert.That(tree["CentOS"]!.Kind, Is.EqualTo(EntryKind.Directory));
        Assert.That(tree["CentOS/base/comps.xml"]!.Content, Is.SameAs(content), "the tree holds a reference to the content");
    }

    [Test]
    public void Entries_come_out_in_ordinal_order()
    {
        var tree = new VirtualTree();
        foreach (var path in new[] { "b", "a/z", "B", "a.txt", "a/b" })
        {
            tree.Set(TreeEntry.File(path, BytesContent.FromText(path, "test")));
        }

        Assert.That(tree.Entries.Select(e => e.Path), Is.EqualTo(new[] { "B", "a", "a.txt", "a/b", "a/z", "b" }));
    }

    [TestCase("../etc/passwd")]
    [TestCase("/etc/passwd")]
    [TestCase("a/../../b")]
    [TestCase("a//b")]
    [TestCase("a/./b")]
    [TestCase("a\0b")]
    [TestCase("a\nb")]
    [TestCase("")]
    public void Unsafe_paths_are_refused(string path)
    {
        var tree = new VirtualTree();
        Assert.That(() => tree.Set(TreeEntry.File(path, BytesContent.FromText("x", "hostile.iso"))), Throws.InstanceOf<XenBundleException>());
        Assert.That(tree.Count, Is.Zero);
    }

    [Test]
    public void A_file_cannot_sit_below_a_file()
    {
        var tree = new VirtualTree();
        tree.Set(TreeEntry.File("a", BytesContent.FromText("x", "one")));
        Assert.That(() => tree.Set(TreeEntry.File("a/b", BytesContent.FromText("y", "two"))), Throws.InstanceOf<XenBundleException>().With.Message.Contains("needs 'a' to be a directory"));
    }

    [Test]
    public void Replacing_a_directory_by_a_file_drops_what_was_below_it()
    {
        var tree = new VirtualTree();
        tree.Set(TreeEntry.File("repodata/repomd.xml", BytesContent.FromText("x", "disc1")));
        tree.Set(TreeEntry.File("repodata", BytesContent.FromText("y", "disc2")));
        Assert.That(tree.Entries.Select(e => e.Path), Is.EqualTo(new[] { "repodata" }));
    }

    [TestCase("a/b/link", "../c", "a/c")]
    [TestCase("a/link", "../../etc", null)]
    [TestCase("link", "/etc/passwd", null)]
    [TestCase("a/link", "./b/../c", "a/c")]
    public void Symlink_targets_resolve_inside_the_tree_or_not_at_all(string link, string target, string? expected) =>
        Assert.That(TreePath.ResolveLink(link, target), Is.EqualTo(expected));

    [Test]
    public void Modes_print_as_sysadmins_write_them()
    {
        Assert.That(UnixMode.Format(UnixMode.Parse("0600")), Is.EqualTo("0600"));
        Assert.That(UnixMode.Format(UnixMode.Parse("4755")), Is.EqualTo("04755"));
        Assert.That(UnixMode.Format(UnixMode.Directory), Is.EqualTo("0755"));
    }
}
