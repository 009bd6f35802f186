using XenBundle.Model;
using XenBundle.Repository;
using XenBundle.Tree;

namespace XenBundle.Tests.RepositoryMerge;

/// <summary>The boot files each guest type needs from the tree, before anything is packaged.</summary>
[Category(TestCategories.Unit)]
public sealed class TreeChecksTests
{
    private const string El6TreeInfo = """
        [general]
        family = CentOS
        version = 6.10
        arch = x86_64

        [images-x86_64]
        kernel = images/pxeboot/vmlinuz
        initrd = images/pxeboot/initrd.img

        [images-xen]
        kernel = images/pxeboot/vmlinuz
        initrd = images/pxeboot/initrd.img

        [stage2]
        mainimage = images/install.img
        """;

    [TestCase(VirtType.XenPv)]
    [TestCase(VirtType.XenHvm)]
    [TestCase(VirtType.Kvm)]
    public void An_el6_tree_with_its_pxeboot_images_and_install_img_serves_every_guest_type(VirtType virt)
    {
        Assert.That(TreeChecks.BootImages(Tree(El6TreeInfo, "images/pxeboot/vmlinuz", "images/pxeboot/initrd.img", "images/install.img"), OsRelease.El6, virt, "dvd"), Is.Empty);
    }

    [TestCase(VirtType.XenHvm, "images-x86_64")]
    [TestCase(VirtType.Kvm, "images-x86_64")]
    [TestCase(VirtType.XenPv, "images-xen")]
    public void A_guest_needs_the_section_virt_install_boots_from(VirtType virt, string section)
    {
        var tree = Tree(El6TreeInfo.Replace($"[{section}]", "[images-other]", StringComparison.Ordinal), "images/pxeboot/vmlinuz", "images/pxeboot/initrd.img", "images/install.img");

        var problem = TreeChecks.BootImages(tree, OsRelease.El6, virt, "dvd").Single();

        Assert.That(problem.Location, Is.EqualTo("dvd:/.treeinfo"));
        Assert.That(problem.Message, Does.StartWith($"no [{section}] section").And.Contain("images/pxeboot/vmlinuz"));
    }

    [Test]
    public void A_missing_kernel_for_hvm_and_a_missing_stage2_are_both_named()
    {
        var problems = TreeChecks.BootImages(Tree(El6TreeInfo, "images/pxeboot/initrd.img"), OsRelease.El6, VirtType.XenHvm, "dvd");

        Assert.That(problems.Select(p => p.ErrorLine), Is.EqualTo(new[]
        {
            "error: dvd:/images/pxeboot/vmlinuz: missing: .treeinfo [images-x86_64] names it as the kernel a xen-hvm guest boots",
            "error: dvd:/images/install.img: missing: .treeinfo [stage2] names it as the installer's second stage, which it fetches from the NFS tree",
        }));
    }

    private static VirtualTree Tree(string treeInfo, params string[] files)
    {
        var tree = new VirtualTree();
        tree.Set(TreeEntry.File(".treeinfo", BytesContent.FromText(treeInfo + "\n", "dvd:/.treeinfo")));
        foreach (var file in files)
        {
            tree.Set(TreeEntry.File(file, BytesContent.FromText("stand-in\n", "dvd:/" + file)));
        }

        return tree;
    }
}
