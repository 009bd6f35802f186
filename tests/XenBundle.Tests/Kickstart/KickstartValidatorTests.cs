using XenBundle.Kickstart.Transform;
using XenBundle.Model;

namespace XenBundle.Tests.Kickstart;

/// <summary>The finished kickstart read as the target's installer would: what it rejects or ignores is reported.</summary>
[Category(TestCategories.Unit)]
public sealed class KickstartValidatorTests
{
    [TestCase("upgrade\n", OsRelease.El8, "ks.cfg:1: upgrade: not a kickstart command on el8; the installer stops on it")]
    [TestCase("install\n", OsRelease.El9, "ks.cfg:1: install: not a kickstart command on el9; the installer stops on it")]
    [TestCase("mouse generic3ps/2\n", OsRelease.El5, "ks.cfg:1: mouse is deprecated on el5: the installer ignores it")]
    [TestCase("bootloader --boot-drive=xvda\n", OsRelease.El6, "ks.cfg:1: bootloader --boot-drive: no such option on el6; the installer rejects it")]
    [TestCase("bootloader --append\n", OsRelease.El8, "ks.cfg:1: bootloader --append needs a value")]
    [TestCase("%pre --nochroot\necho\n", OsRelease.El6, "ks.cfg:1: %pre does not take --nochroot (only %post does): the installer rejects it")]
    public void What_the_installer_rejects_or_ignores_is_reported(string text, OsRelease os, string warning)
    {
        var warnings = KickstartValidator.Check(KickstartFixtures.Parse(text, os)).Select(w => w.ToString());
        Assert.That(warnings, Is.EqualTo(new[] { warning }));
    }

    [Test]
    public void A_clean_kickstart_gives_no_warning()
    {
        var text = "install\nnfs --server=1.2.3.4 --dir=/x\nbootloader --location=mbr --driveorder=xvda --append=\"console=xvc0\"\nkey --skip\n%post --nochroot\necho\n";
        Assert.That(KickstartValidator.Check(KickstartFixtures.Parse(text, OsRelease.El5)), Is.Empty);
    }
}
