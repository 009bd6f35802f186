using XenBundle.Kickstart.Rewriters;
using XenBundle.Model;

namespace XenBundle.Tests.Kickstart;

/// <summary>Rule 2: sdX and hdX become xvdX (vdX for KVM) wherever a command names a disk.</summary>
[Category(TestCategories.Unit)]
public sealed class DiskNameRewriterTests
{
    private static readonly DiskNameRewriter Rule = new();

    [TestCase("part /boot --size=100 --ondisk=sda", "part /boot --size=100 --ondisk=xvda")]
    [TestCase("part /boot --size=100 --ondrive sdb", "part /boot --size=100 --ondrive xvdb")]
    [TestCase("part / --onpart=sda2", "part / --onpart=xvda2")]
    [TestCase("part / --usepart=/dev/hda3", "part / --usepart=/dev/xvda3")]
    [TestCase("part / --ondisk=\"sda\" --fstype \"ext3\"", "part / --ondisk=\"xvda\" --fstype \"ext3\"")]
    [TestCase("part / --ondisk 'sdc'", "part / --ondisk 'xvdc'")]
    [TestCase("clearpart --all --drives=sda,sdb,hdc", "clearpart --all --drives=xvda,xvdb,xvdc")]
    [TestCase("clearpart --list=sda1,sda2", "clearpart --list=xvda1,xvda2")]
    [TestCase("ignoredisk --drives=sdb", "ignoredisk --drives=xvdb")]
    [TestCase("ignoredisk --only-use=sda", "ignoredisk --only-use=xvda")]
    [TestCase("bootloader --location=mbr --driveorder=sda,sdb", "bootloader --location=mbr --driveorder=xvda,xvdb")]
    [TestCase("bootloader --boot-drive=sda", "bootloader --boot-drive=xvda")]
    [TestCase("raid / --level=1 --device=md0 raid.01 sdb2", "raid / --level=1 --device=md0 raid.01 xvdb2")]
    [TestCase("harddrive --partition=sdb1 --dir=/isos", "harddrive --partition=xvdb1 --dir=/isos")]
    [TestCase("upgrade --root-device=sda2", "upgrade --root-device=xvda2")]
    [TestCase("driverdisk sdb1 --type=ext2", "driverdisk xvdb1 --type=ext2")]
    [TestCase("dmraid --name=pdc --dev=sda", "dmraid --name=pdc --dev=xvda")]
    public void Every_option_that_names_a_disk_is_renamed_in_place(string line, string expected)
    {
        var os = line.StartsWith("bootloader --boot-drive", StringComparison.Ordinal) ? OsRelease.El7 : OsRelease.El6;
        var result = KickstartFixtures.Apply(Rule, line + "\n", os);
        Assert.That(result.Text(), Is.EqualTo(expected + "\n"));
        Assert.That(result.Changes.Single().Line.ToString(), Is.EqualTo("ks.cfg:1"));
    }

    [Test]
    public void El9s_mount_command_names_a_partition()
    {
        var result = KickstartFixtures.Apply(Rule, "mount /dev/sdb1 /srv/data --mountoptions=noatime\n", OsRelease.El9);
        Assert.That(result.Text(), Is.EqualTo("mount /dev/xvdb1 /srv/data --mountoptions=noatime\n"));
    }

    // A Xen HVM guest's disk is emulated IDE: EL5's installer sees hda (no PV drivers);
    // from EL6 the PV-on-HVM drivers unplug it and show it as xvda.
    [TestCase(OsRelease.El5, "clearpart --all --drives=sda,hdb\npart / --ondisk=hda\n", "clearpart --all --drives=hda,hdb\npart / --ondisk=hda\n", 1)]
    [TestCase(OsRelease.El6, "clearpart --all --drives=sda\npart / --ondisk=hda\n", "clearpart --all --drives=xvda\npart / --ondisk=xvda\n", 2)]
    [TestCase(OsRelease.El9, "ignoredisk --only-use=sda\n", "ignoredisk --only-use=xvda\n", 1)]
    public void Xen_hvm_guests_see_hd_on_el5_and_xvd_later(OsRelease os, string text, string expected, int changes)
    {
        var result = KickstartFixtures.Apply(Rule, text, os, VirtType.XenHvm);
        Assert.That(result.Text(), Is.EqualTo(expected));
        Assert.That(result.Changes, Has.Count.EqualTo(changes), "a name that stays the same is no change");
    }

    [Test]
    public void Kvm_guests_get_virtio_names()
    {
        var result = KickstartFixtures.Apply(Rule, "part / --ondisk=sda\nclearpart --drives=hda,sdb\n", OsRelease.El7, VirtType.Kvm);
        Assert.That(result.Text(), Is.EqualTo("part / --ondisk=vda\nclearpart --drives=vda,vdb\n"));
    }

    [Test]
    public void Names_that_are_not_host_disks_stay_and_labels_are_not_disks()
    {
        var text = "part /home --onpart=LABEL=home\npart raid.01 --ondisk=xvda\nraid /data --device=md0 raid.01 raid.02\nvolgroup sda_vg pv.01\nlogvol / --vgname=sda_vg --name=sdb\n";
        var result = KickstartFixtures.Apply(Rule, text, OsRelease.El6);
        Assert.That(result.Text(), Is.EqualTo(text));
        Assert.That(result.Changes, Is.Empty);
    }

    [Test]
    public void Disks_named_by_id_or_on_a_raid_controller_are_reported()
    {
        var result = KickstartFixtures.Apply(Rule, "part / --ondisk=/dev/disk/by-id/ata-ST500_1234\nclearpart --drives=cciss/c0d0\n", OsRelease.El6);
        Assert.That(result.Changes, Is.Empty);
        Assert.That(result.Messages(), Is.EqualTo(new[]
        {
            "ks.cfg:1: part names /dev/disk/by-id/ata-ST500_1234, which the guest does not have (its disk is xvda): left as it is",
            "ks.cfg:2: clearpart names cciss/c0d0, which the guest does not have (its disk is xvda): left as it is",
        }));
    }

    [Test]
    public void Disk_names_in_scripts_are_reported_not_changed()
    {
        var text = "%pre\nif [ -b /dev/sda ]; then echo sda; fi\n# sdb in a comment is not reported\n%post\nmdadm --detail /dev/md0\n";
        var result = KickstartFixtures.Apply(Rule, text, OsRelease.El5);
        Assert.That(result.Text(), Is.EqualTo(text));
        Assert.That(result.Messages(), Is.EqualTo(new[] { "ks.cfg:2: %pre names /dev/sda, sda: scripts are not rewritten; in the guest that is /dev/xvda, xvda" }));
    }

    [Test]
    public void A_second_disk_and_a_clash_of_sda_and_hda_are_reported()
    {
        var result = KickstartFixtures.Apply(Rule, "part / --ondisk=sda\npart /boot --ondisk=hda\npart /data --ondisk=sdb\n", OsRelease.El5);
        Assert.That(result.Messages(), Is.EqualTo(new[]
        {
            "hda and sda both become xvda: check the partitioning",
            "the kickstart names more than one disk (xvdb); the guest gets one disk (domu.disk) unless you add more",
        }));
    }

    [Test]
    public void A_continued_line_keeps_its_layout()
    {
        var text = "part /boot --fstype=xfs \\\n     --ondisk=sda \\\n     --size=500\n";
        var result = KickstartFixtures.Apply(Rule, text, OsRelease.El7);
        Assert.That(result.Text(), Is.EqualTo("part /boot --fstype=xfs \\\n     --ondisk=xvda \\\n     --size=500\n"));
        Assert.That(result.Changes.Single().Before.Split('\n'), Has.Length.EqualTo(3));
    }
}
