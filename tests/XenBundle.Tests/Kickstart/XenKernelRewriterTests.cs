using XenBundle.Kickstart.Rewriters;
using XenBundle.Model;

namespace XenBundle.Tests.Kickstart;

/// <summary>Rule 5: an EL5 Xen PV guest gets kernel-xen (and kernel-xen-devel), not a second bare-metal kernel.</summary>
[Category(TestCategories.Unit)]
public sealed class XenKernelRewriterTests
{
    private static readonly XenKernelRewriter Rule = new();

    [Test]
    public void Bare_metal_kernels_become_kernel_xen_on_el5_pv()
    {
        var result = KickstartFixtures.Apply(Rule, "%packages\n@core\nkernel\n  kernel-PAE   # big memory\nkernel-smp\nkernel-devel\nkernel-PAE-devel\nkernel-headers\n-kernel-xen-devel\n", OsRelease.El5);
        Assert.That(result.Text(), Is.EqualTo("%packages\n@core\nkernel-xen\n  kernel-xen   # big memory\nkernel-xen\nkernel-xen-devel\nkernel-xen-devel\nkernel-headers\n-kernel-xen-devel\n"));
        Assert.That(result.Changes.Select(c => c.Line.Number), Is.EqualTo(new[] { 3, 4, 5, 6, 7 }));
        Assert.That(result.Changes[3].Why, Does.Contain("modules are built against kernel-xen-devel"));
    }

    [TestCase(OsRelease.El6, VirtType.XenPv)]
    [TestCase(OsRelease.El5, VirtType.XenHvm)]
    [TestCase(OsRelease.El5, VirtType.Kvm)]
    public void Other_guests_keep_their_kernel(OsRelease os, VirtType virt)
    {
        var text = "%packages\nkernel\n";
        Assert.That(KickstartFixtures.Apply(Rule, os >= OsRelease.El7 ? text + "%end\n" : text, os, virt).Changes, Is.Empty);
    }

    [Test]
    public void Kernel_lines_in_scripts_are_not_packages()
    {
        var text = "%post\nkernel\n";
        Assert.That(KickstartFixtures.Apply(Rule, text, OsRelease.El5).Changes, Is.Empty);
    }
}
