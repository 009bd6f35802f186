using XenBundle.Recipes;
using XenBundle.Tests.Provisioning;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Recipes;

/// <summary>
/// dom0.export is where setup.sh copies the tree as root and what teardown.sh --remove-tree
/// deletes: a recipe that names a system directory, a top-level one, or another spelling of
/// a path is refused when it is loaded, with the line of the key, before any file is made.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class ExportDirectoryTests
{
    [TestCase("/root", "is a system directory", TestName = "{m}(root's home: its .ssh would be replaced and exported)")]
    [TestCase("/etc/xen/install", "lies inside /etc, a system directory", TestName = "{m}(inside /etc)")]
    [TestCase("/home/admin/tree", "lies inside /home, a system directory", TestName = "{m}(inside a user's home)")]
    [TestCase("/usr/local/xen", "lies inside /usr, a system directory", TestName = "{m}(inside /usr)")]
    [TestCase("/var/lib/nfs/tree", "lies inside /var/lib/nfs, a system directory", TestName = "{m}(the NFS server's state)")]
    [TestCase("/var/lib/xen/images/tree", "lies inside /var/lib/xen/images", TestName = "{m}(beside other guests' disks)")]
    [TestCase("/var/lib", "holds /var/lib/containers, a system directory", TestName = "{m}(a directory that holds the NFS server's state)")]
    [TestCase("/var/lib/xen", "holds /var/lib/xen/images, a system directory", TestName = "{m}(a directory that holds other guests' disks)")]
    [TestCase("/var/lib/mysql", "is a system directory", TestName = "{m}(a service's data)")]
    [TestCase("/tmp/xen/install", "lies inside /tmp, which every local user may write", TestName = "{m}(a directory any local user can prepare)")]
    [TestCase("/srv", "at least two levels deep", TestName = "{m}(a top-level directory)")]
    [TestCase("/", "at least two levels deep", TestName = "{m}(the root directory: an empty --dir= before)")]
    [TestCase("/var/xen/install/", "write it as /var/xen/install", TestName = "{m}(a trailing slash)")]
    [TestCase("/var//xen/install", "write it as /var/xen/install", TestName = "{m}(a double slash)")]
    [TestCase("/var/xen/./install", "write it as /var/xen/install", TestName = "{m}(a dot)")]
    [TestCase("/srv/xen/../../root", "write it as /root", TestName = "{m}(dot-dot climbing into /root)")]
    [TestCase("var/xen/install", "is not an absolute path", TestName = "{m}(a relative path)")]
    public void A_recipe_exporting_a_directory_that_is_not_its_own_is_refused_with_the_line(string export, string problem)
    {
        using var directory = new TempDirectory("export-dir");
        var yaml = GuestRecipes.Yaml(export: $"\"{export}\"");

        var error = Assert.Throws<RecipeException>(() => GuestRecipes.Load(directory, yaml))!;

        Assert.That(error.ErrorLine, Does.StartWith($"error: {directory[RecipeLoader.FileName]}:{GuestRecipes.LineOf(yaml, "export:")}: dom0.export: '{export}' "));
        Assert.That(error.Message, Does.Contain(problem));
        Assert.That(error.ErrorLine, Does.Not.Contain('\n'));
        Assert.That(error.ExitCodeValue, Is.EqualTo(ExitCode.BadUsage));
    }

    [TestCase("/var/xen/install")]
    [TestCase("/srv/xen")]
    [TestCase("/opt/trees/el5")]
    [TestCase("/var/lib/xen/install")]
    [TestCase("/srv/trees/el8+x_y")]
    [TestCase("/var/www/html/centos5")]
    public void A_directory_of_its_own_is_accepted(string export)
    {
        using var directory = new TempDirectory("export-dir");

        var recipe = GuestRecipes.Load(directory, GuestRecipes.Yaml(export: export));

        Assert.That(recipe.Dom0.Export, Is.EqualTo(export));
    }

    [Test]
    public void A_guest_disk_inside_the_export_is_refused_since_setup_sh_would_delete_it_on_a_rerun()
    {
        using var directory = new TempDirectory("export-dir");
        var yaml = GuestRecipes.Yaml(export: "/srv/xen", disk: "/srv/xen/web01.img");

        var error = Assert.Throws<RecipeException>(() => GuestRecipes.Load(directory, yaml))!;

        Assert.That(error.ErrorLine, Does.StartWith($"error: {directory[RecipeLoader.FileName]}:{GuestRecipes.LineOf(yaml, "path:")}: domu.disk.path: '/srv/xen/web01.img' lies inside dom0.export /srv/xen: "));
        Assert.That(GuestRecipes.Load(directory, GuestRecipes.Yaml(export: "/srv/xen", disk: "/srv/xen-disks/web01.img")).DomU.DiskPath, Is.EqualTo("/srv/xen-disks/web01.img"));
    }

    [TestCase("/srv//xen/web01.img", TestName = "{m}(a doubled slash before the export's last part)")]
    [TestCase("//srv/xen/images/web01.img", TestName = "{m}(a doubled leading slash)")]
    [TestCase("/srv/xen/", TestName = "{m}(the export itself, with a trailing slash)")]
    public void A_guest_disk_inside_the_export_is_refused_however_it_is_spelt(string disk)
    {
        using var directory = new TempDirectory("export-dir");
        var yaml = GuestRecipes.Yaml(export: "/srv/xen", disk: disk);

        var error = Assert.Throws<RecipeException>(() => GuestRecipes.Load(directory, yaml))!;

        Assert.That(error.ErrorLine, Does.Contain($"domu.disk.path: '{disk}' lies inside dom0.export /srv/xen: "));
    }

    [Test]
    public void The_demo_recipe_and_the_default_export_pass_the_rule()
    {
        Assert.That(ExportDirectory.Problem("/var/xen/install"), Is.Null);
        Assert.That(RecipeLoader.Load(Repository.Demo).Dom0.Export, Is.EqualTo("/var/xen/install"));
    }
}
