using XenBundle.Tree;

namespace XenBundle.Tests.Tree;

/// <summary>Symlinks resolved through the tree's other symlinks, as the kernel resolves them.</summary>
[Category(TestCategories.Unit)]
public sealed class SymlinkContainmentTests
{
    [TestCase("a/b/link", "../c")]
    [TestCase("a/link", "./b/../c")]
    [TestCase("link", "a/up/b")]
    [TestCase("a/loop-free", "../a/up/a/b")]
    public void Links_that_stay_inside_are_accepted(string link, string target) =>
        Assert.That(SymlinkContainment.Problem(link, target, Tree(("a/up", ".."))), Is.Null);

    [Test]
    public void A_link_that_climbs_through_a_harmless_link_to_above_the_tree_is_refused()
    {
        // d/up alone points at the top of the tree; d/out goes one further, through it.
        var targets = Tree(("d/up", ".."));

        Assert.That(SymlinkContainment.Problem("d/up", "..", targets), Is.Null);
        Assert.That(TreePath.ResolveLink("d/out", "up/.."), Is.EqualTo("d"), "read as text, the target stays inside");
        Assert.That(SymlinkContainment.Problem("d/out", "up/..", targets), Is.EqualTo("it climbs above the top of the tree"));
    }

    [Test]
    public void A_link_to_a_link_with_an_absolute_target_is_refused_naming_it()
    {
        var problem = SymlinkContainment.Problem("start", "middle/passwd", Tree(("middle", "/etc")));

        Assert.That(problem, Is.EqualTo("it leads through the symlink 'middle', whose target is absolute"));
    }

    [TestCase("/etc/shadow", "the target is absolute")]
    [TestCase("", "the target is empty")]
    [TestCase("../x", "it climbs above the top of the tree")]
    public void Direct_escapes_are_refused(string target, string problem) =>
        Assert.That(SymlinkContainment.Problem("link", target, Tree()), Is.EqualTo(problem));

    [Test]
    public void Links_that_lead_to_each_other_forever_are_a_loop()
    {
        var problem = SymlinkContainment.Problem("start", "a/x", Tree(("a", "b"), ("b", "a")));

        Assert.That(problem, Does.Contain($"more than {SymlinkContainment.MaxHops} symlinks"));
    }

    [Test]
    public void A_target_that_takes_too_many_steps_is_refused_instead_of_walked()
    {
        // Each hop through "a" adds a thousand steps back to it: bounded work, not a slow walk.
        var target = string.Concat(Enumerable.Repeat("d/../", 1000)) + "x";

        var problem = SymlinkContainment.Problem("start", "a", Tree(("a", target + "/../a")));

        Assert.That(problem, Is.EqualTo($"it takes more than {SymlinkContainment.MaxSteps} steps to resolve"));
    }

    [Test]
    public void A_tree_whose_links_each_look_fine_but_lead_out_together_is_refused_naming_the_medium()
    {
        var tree = new VirtualTree();
        tree.Set(TreeEntry.Symlink("d/up", "..", "disc1.iso:/d/up"));
        tree.Set(TreeEntry.Symlink("d/out", "up/../etc/shadow", "ks.iso:/d/out"));

        var error = Assert.Throws<XenBundleException>(() => SymlinkContainment.Check(tree));

        Assert.That(error!.ErrorLine, Is.EqualTo("error: ks.iso:/d/out: symlink 'd/out' to 'up/../etc/shadow' points outside the tree: it climbs above the top of the tree"));
    }

    private static Func<string, string?> Tree(params (string Path, string Target)[] links) =>
        path => links.FirstOrDefault(l => l.Path == path).Target;
}
