using XenBundle.Kickstart.Rewriters;
using XenBundle.Recipes;

namespace XenBundle.Tests.Kickstart;

/// <summary>Rule 3, scripts: a script's CD mount becomes the NFS export at the same mount point.</summary>
public sealed class CdMountRewriterTests
{
    private const string Nfs = "mount -t nfs -o ro,nolock 192.168.50.1:/var/xen/install";
    private static readonly CdMountRewriter Rule = new();

    [TestCase("mount -t iso9660 /dev/cdrom /mnt/cdrom", Nfs + " /mnt/cdrom")]
    [TestCase("mount /dev/cdrom /mnt/cdrom", Nfs + " /mnt/cdrom")]
    [TestCase("mount -o ro /dev/hdc /media/cdrom", Nfs + " /media/cdrom")]
    [TestCase("mount /dev/scd0 /mnt/cd", Nfs + " /mnt/cd")]
    [TestCase("mount -r /dev/sr0 /run/acme-cd", Nfs + " /run/acme-cd")]
    [TestCase("mount -t iso9660 -o ro $CDDEV $MNT", Nfs + " $MNT")]
    [TestCase("mount LABEL=ACMEKS /mnt/ks", Nfs + " /mnt/ks")]
    [TestCase("mount -L ACMEKS /mnt/ks", Nfs + " /mnt/ks")]
    [TestCase("/bin/mount -tiso9660 /dev/cdrom1 \"/mnt/cd rom\"", Nfs + " \"/mnt/cd rom\"")]
    [TestCase("  mkdir -p /mnt/cd && mount /dev/cdrom /mnt/cd && cp /mnt/cd/x /etc/ # copy", "  mkdir -p /mnt/cd && " + Nfs + " /mnt/cd && cp /mnt/cd/x /etc/ # copy")]
    [TestCase("if mount /dev/cdrom /mnt 2>/dev/null; then", "if " + Nfs + " /mnt 2>/dev/null; then")]
    public void A_cd_mount_becomes_the_nfs_export_at_the_same_mount_point(string line, string expected)
    {
        var result = KickstartFixtures.Apply(Rule, $"%post\n{line}\n", OsRelease.El5);
        Assert.That(result.Text(), Is.EqualTo($"%post\n{expected}\n"));
        Assert.That(result.Changes.Single().Line.ToString(), Is.EqualTo("ks.cfg:2"));
    }

    [TestCase("mount -o loop -t iso9660 /tmp/extra.iso /mnt/iso")]
    [TestCase("mount /dev/sda1 /mnt/old")]
    [TestCase("mount --bind /dev /mnt/sysimage/dev")]
    [TestCase("mount -t proc proc /proc")]
    [TestCase("echo mount /dev/cdrom /mnt")]
    [TestCase("# mount /dev/cdrom /mnt")]
    public void Other_mounts_and_mere_mentions_stay(string line)
    {
        var result = KickstartFixtures.Apply(Rule, $"%post --nochroot\n{line}\n", OsRelease.El5);
        Assert.That(result.Changes, Is.Empty);
    }

    [Test]
    public void An_umount_of_the_cd_device_unmounts_the_mount_point()
    {
        var result = KickstartFixtures.Apply(Rule, "%post --nochroot\nmount -o ro /dev/hdc /media/cdrom\ncp -r /media/cdrom/x /mnt/sysimage/root/\numount /dev/hdc\n", OsRelease.El5);
        Assert.That(result.Text(), Does.EndWith("\numount /media/cdrom\n"));
    }

    [Test]
    public void Here_documents_are_data_and_stay()
    {
        var text = "%post\ncat > /etc/rc.d/rc.acme <<EOF\nmount /dev/cdrom /mnt/cdrom\nEOF\n";
        var result = KickstartFixtures.Apply(Rule, text, OsRelease.El5);
        Assert.That(result.Text(), Is.EqualTo(text));
    }

    [Test]
    public void Pre_scripts_are_rewritten_too_and_other_cd_uses_are_reported()
    {
        var result = KickstartFixtures.Apply(Rule, "%pre\nmount /dev/cdrom /tmp/cd\neject /dev/cdrom\n%end\n", OsRelease.El7);
        Assert.That(result.Text(), Is.EqualTo($"%pre\n{Nfs} /tmp/cd\neject /dev/cdrom\n%end\n"));
        Assert.That(result.Messages(), Is.EqualTo(new[] { "ks.cfg:3: %pre uses the CD (/dev/cdrom) in a way the rewrite does not know: left as it is; the guest has no CD" }));
    }

    [Test]
    public void A_mount_in_the_installed_system_warns_unless_packages_bring_nfs_utils()
    {
        var without = KickstartFixtures.Apply(Rule, "%packages\n@core\n%end\n%post\nmount /dev/cdrom /mnt\n%end\n", OsRelease.El7);
        Assert.That(without.Messages().Single(), Does.StartWith("ks.cfg:5: this %post runs in the installed system").And.Contain("nfs-utils"));

        var with = KickstartFixtures.Apply(Rule, "%packages\n@core\nnfs-utils\n%end\n%post\nmount /dev/cdrom /mnt\n%end\n", OsRelease.El7);
        Assert.That(with.Warnings, Is.Empty);

        var nochroot = KickstartFixtures.Apply(Rule, "%post --nochroot\nmount /dev/cdrom /mnt\n%end\n", OsRelease.El7);
        Assert.That(nochroot.Warnings, Is.Empty, "the installer's own environment mounts NFS");
    }
}
