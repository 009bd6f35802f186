using XenBundle.Kickstart;
using XenBundle.Kickstart.Transform;
using XenBundle.Model;

namespace XenBundle.Tests.Kickstart;

/// <summary>
/// A kickstart that leaves the installer something to ask stops an unattended install: it is
/// an error naming every item, or with --allow-interactive a warning. What each release asks
/// for is read from its anaconda (see UnattendedCheck's comment for file and line).
/// </summary>
[Category(TestCategories.Unit)]
public sealed class UnattendedCheckTests
{
    private const string CompleteEl5 = "install\ncdrom\nlang en_US.UTF-8\nkeyboard us\ntimezone UTC\nrootpw --iscrypted $1$x$y\nbootloader --location=mbr\npart / --size=1024 --grow\nreboot\n%packages\n@core\n";

    [Test]
    public void An_empty_kickstart_is_an_error_naming_every_item_on_one_line_and_the_rewrite_adds_reboot()
    {
        var error = Assert.Throws<XenBundleException>(() => KickstartFixtures.Transform(string.Empty, OsRelease.El5));

        Assert.That(error!.ErrorLine, Is.EqualTo("error: ks.cfg: the install would stop to ask for a language (lang), a keyboard (keyboard), the partitions (autopart, or part/logvol/raid for /), the boot loader (bootloader), a time zone (timezone), a root password (rootpw) and the packages (%packages)"));
        Assert.That(error.ExitCodeValue, Is.EqualTo(ExitCode.BuildFailed));
    }

    [Test]
    public void A_complete_el5_kickstart_passes()
    {
        var result = KickstartFixtures.Transform(CompleteEl5, OsRelease.El5);

        Assert.That(result.Warnings.Select(w => w.Message), Has.None.Contains("stop to ask"));
    }

    // EL5: the rootpw handler takes the accounts screen out (kickstart.py:666-672@anaconda-11.1.2.263-2),
    // and every partitioning command the partition screen (kickstart.py:583); without them text.py:45,63 show them.
    [TestCase("rootpw --iscrypted $1$x$y\n", "a root password (rootpw)")]
    [TestCase("part / --size=1024 --grow\n", "the partitions (autopart, or part/logvol/raid for /)")]
    [TestCase("reboot\n%packages\n@core\n", "the packages (%packages)")]
    public void Each_missing_item_is_named(string line, string item)
    {
        var error = Assert.Throws<XenBundleException>(() => KickstartFixtures.Transform(CompleteEl5.Replace(line, string.Empty, StringComparison.Ordinal), OsRelease.El5));

        Assert.That(error!.Message, Is.EqualTo("the install would stop to ask for " + item));
    }

    [Test]
    public void Partitions_without_a_root_file_system_do_not_count()
    {
        var text = CompleteEl5.Replace("part / --size=1024 --grow\n", "part /boot --size=100\npart swap --size=512\n", StringComparison.Ordinal);

        Assert.That(UnattendedCheck.Missing(KickstartFixtures.Parse(text, OsRelease.El5)), Is.EqualTo(new[] { "the partitions (autopart, or part/logvol/raid for /)" }));
    }

    // EL7+: the text hub waits for the mandatory spokes (summary.py:97-114@anaconda-21.48.22.159-1):
    // time zone, root password, storage, software; language and keyboard are not asked (no spoke),
    // nor the boot loader. The progress spoke waits for Enter after a halt (progress.py:132-141).
    [TestCase(OsRelease.El7)]
    [TestCase(OsRelease.El8)]
    [TestCase(OsRelease.El9)]
    public void From_el7_the_mandatory_spokes_count_not_lang_keyboard_or_bootloader(OsRelease os)
    {
        var document = KickstartFixtures.Parse("install\nhalt\n", os);

        Assert.That(UnattendedCheck.Missing(document), Is.EqualTo(new[]
        {
            "the partitions (autopart, or part/logvol/raid for /)",
            "a time zone (timezone)",
            "a root password (rootpw, or a user --groups=wheel)",
            "the packages (%packages)",
            "a key press at the end (reboot; halt waits)",
        }));
    }

    // EL8/EL9: an unlocked user in group wheel is an administrator, and then no root password is asked
    // (modules/users/users.py:387-399@anaconda-34.25.7.19); the mount command gives a root device.
    [Test]
    public void From_el7_a_wheel_user_stands_for_rootpw_and_mount_for_partitions()
    {
        var document = KickstartFixtures.Parse("timezone UTC\nuser --name=admin --groups=adm,wheel --iscrypted --password=$6$x\nmount /dev/vda2 /\npoweroff\n%packages\n@core\n%end\n", OsRelease.El9);

        Assert.That(UnattendedCheck.Missing(document), Is.Empty);
    }

    // EL6 text mode stops with "missing required information" without clearpart once there are
    // partitions (cleardiskssel, kickstart.py:369 and :1769-1784@anaconda-13.21.263-1).
    [Test]
    public void El6_asks_for_the_disks_to_clear_when_the_rewrite_could_not_add_clearpart()
    {
        var document = KickstartFixtures.Parse("lang C\nkeyboard us\ntimezone UTC\nrootpw x\nbootloader\nautopart\nhalt\n%packages\n", OsRelease.El6);

        Assert.That(UnattendedCheck.Missing(document), Is.EqualTo(new[] { "the disks to clear (clearpart)" }));
    }

    [Test]
    public void With_allow_interactive_it_is_a_warning_and_the_kickstart_is_written()
    {
        var result = KickstartFixtures.Transform(CompleteEl5.Replace("rootpw --iscrypted $1$x$y\n", string.Empty, StringComparison.Ordinal), OsRelease.El5, allowInteractive: true);

        Assert.That(result.Warnings.Select(KickstartReport.Describe), Does.Contain("ks.cfg: the install would stop to ask for a root password (rootpw) (--allow-interactive)"));
        Assert.That(result.Kickstart, Is.Not.Empty);
    }

    // A file made by %pre cannot be read before the install: what it gives is unknown, so the
    // items it may hold are a warning at its line, not an error.
    [Test]
    public void An_include_made_during_the_install_turns_the_error_into_a_warning_at_its_line()
    {
        var text = CompleteEl5.Replace("part / --size=1024 --grow\n", "%include /tmp/part-include\n", StringComparison.Ordinal);

        var result = KickstartFixtures.Transform(text, OsRelease.El5);

        Assert.That(result.Warnings.Select(w => w.ToString()), Does.Contain("ks.cfg:8: %include /tmp/part-include is read only during the install: unless it gives them, the install would stop to ask for the partitions (autopart, or part/logvol/raid for /)"));
    }
}
