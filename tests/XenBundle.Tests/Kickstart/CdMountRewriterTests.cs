using XenBundle.Kickstart.Rewriters;
using XenBundle.Kickstart.Syntax;
using XenBundle.Model;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Kickstart;

/// <summary>Rule 3, scripts: a script's CD mount finds the kickstart CD's files at the same mount point.</summary>
public sealed class CdMountRewriterTests
{
    private const string Nfs = "mount -t nfs -o ro,nolock 192.168.50.1:/var/xen/install";
    private const string Bind = "mount --bind /tmp/postinstall_files";
    private static readonly CdMountRewriter Rule = new();

    [Category(TestCategories.Unit)]
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
    public void Without_the_copied_files_a_cd_mount_becomes_the_nfs_export_at_the_same_mount_point(string line, string expected)
    {
        var result = KickstartFixtures.Apply(Rule, $"%post\n{line}\n", OsRelease.El5, filesUnknown: true);
        Assert.That(result.Text(), Is.EqualTo($"%post\n{expected}\n"));
        Assert.That(result.Changes.Single().Line.ToString(), Is.EqualTo("ks.cfg:2"));
    }

    [Category(TestCategories.Unit)]
    [TestCase("mount -t iso9660 /dev/cdrom /mnt/cdrom", Bind + " /mnt/cdrom")]
    [TestCase("mount -o ro /dev/hdc /media/cdrom", Bind + " /media/cdrom")]
    [TestCase("mount -t iso9660 -o ro $CDDEV $MNT", Bind + " $MNT")]
    [TestCase("mount LABEL=ACMEKS /mnt/ks", Bind + " /mnt/ks")]
    [TestCase("mount -L ACMEKS /mnt/ks", Bind + " /mnt/ks")]
    [TestCase("mount /dev/cdrom /tmp/postinstall_files", Bind + " /tmp/postinstall_files")]
    [TestCase("  mkdir -p /mnt/cd && mount /dev/cdrom /mnt/cd && cp /mnt/cd/ks/x /etc/ # copy", "  mkdir -p /mnt/cd && " + Bind + " /mnt/cd && cp /mnt/cd/ks/x /etc/ # copy")]
    [TestCase("if mount /dev/cdrom /mnt/cdrom 2>/dev/null; then", "if " + Bind + " /mnt/cdrom 2>/dev/null; then")]
    public void In_the_installed_system_a_cd_mount_becomes_a_bind_mount_of_the_copied_files(string line, string expected)
    {
        foreach (var os in new[] { OsRelease.El5, OsRelease.El6, OsRelease.El7, OsRelease.El9 })
        {
            var end = os == OsRelease.El5 ? string.Empty : "%end\n";
            var result = KickstartFixtures.Apply(Rule, $"%packages\n@core\n{end}%post\n{line}\ncp /mnt/cdrom/ks/x /etc\n{end}", os, files: ["RPMS", "ks", "postinstall"]);
            Assert.That(result.Text(), Is.EqualTo($"%packages\n@core\n{end}%post\n{expected}\ncp /mnt/cdrom/ks/x /etc\n{end}"), os.ToString());
            var change = result.Changes.Single();
            Assert.That(change.Line.ToString(), Is.EqualTo(os == OsRelease.El5 ? "ks.cfg:4" : "ks.cfg:5"));
            Assert.That(change.Why, Does.Contain("copied the kickstart CD's files to /tmp/postinstall_files").And.Contain("without NFS in the installed system"));
            Assert.That(result.Warnings, Is.Empty, "no NFS client is needed in the installed system, so no word about nfs-utils");
        }
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void A_path_under_the_bind_mount_that_was_not_copied_is_warned_about()
    {
        var text = "%post\nmount /dev/cdrom /mnt/cdrom\ncp -r /mnt/cdrom/ks /etc/acme\nrpm -ivh /mnt/cdrom/CentOS/acme-tools.rpm \"/mnt/cdrom/postinstall/a b\"\nrpm -ivh /mnt/cdrom/CentOS/acme-extra.rpm\ncd /mnt/cdrom && ls\n%end\n";
        var result = KickstartFixtures.Apply(Rule, text, OsRelease.El7, files: ["RPMS", "ks", "postinstall"]);

        Assert.That(result.Messages(), Is.EqualTo(new[]
        {
            "ks.cfg:4: %post reads /mnt/cdrom/CentOS, which is not one of the kickstart CD's own files copied to /tmp/postinstall_files (the distribution's are left out): it will not be found there",
        }));
    }

    [Category(TestCategories.Unit)]
    [TestCase(OsRelease.El5, "/mnt/source")]
    [TestCase(OsRelease.El7, "/run/install/repo")]
    [TestCase(OsRelease.El8, "/run/install/repo")]
    [TestCase(OsRelease.El9, "/run/install/repo")]
    public void Pre_and_nochroot_scripts_bind_the_installers_own_mount_of_the_export_else_mount_it(OsRelease os, string tree)
    {
        var end = os == OsRelease.El5 ? string.Empty : "%end\n";
        var text = $"%pre\nmount -t iso9660 /dev/cdrom /mnt/cdrom\n{end}%post --nochroot\n! mount /dev/cdrom /mnt/cd >/dev/null && exit 1\n{end}";
        var result = KickstartFixtures.Apply(Rule, text, os);

        var expected = $"%pre\nif [ -e {tree}/RPMS ]; then mount --bind {tree} /mnt/cdrom; else {Nfs} /mnt/cdrom; fi\n{end}"
            + $"%post --nochroot\n! if [ -e {tree}/RPMS ]; then mount --bind {tree} /mnt/cd; else {Nfs} /mnt/cd; fi >/dev/null && exit 1\n{end}";
        Assert.That(result.Text(), Is.EqualTo(expected));
        Assert.That(result.Changes.Select(c => c.Why).Distinct().Single(), Does.Contain($"which the installer has mounted at {tree}"));
        Assert.That(result.Warnings, Is.Empty);
    }

    [Category(TestCategories.Tool)]
    [TestCase(OsRelease.El5, "/mnt/source")]
    [TestCase(OsRelease.El9, "/run/install/repo")]
    public void Run_a_pre_script_binds_the_installers_mount_when_it_holds_the_cd_files_else_mounts_the_export(OsRelease os, string tree)
    {
        var end = os == OsRelease.El5 ? string.Empty : "%end\n";
        var result = KickstartFixtures.Apply(Rule, $"%pre\nmount -t iso9660 /dev/cdrom /mnt/cdrom || exit 1\necho mounted\n{end}", os);
        var script = string.Concat(KickstartFixtures.Parse(result.Text(), os).Sections.Single().Body.OfType<BodyLine>().Select(b => b.Line.Text + "\n"));

        using (var present = new InstallerSandbox())
        {
            InstallerSandbox.Populate(present.InstallerTree, "RPMS/acme-tools-1.0-1.noarch.rpm");
            var run = present.Run("dash", script, tree);
            Assert.That((run.ExitCode, run.Output), Is.EqualTo((0, "mounted\n")), run.Error);
            Assert.That(present.Calls, Is.EqualTo(new[] { $"mount --bind {present.InstallerTree} /mnt/cdrom" }));
        }

        using (var absent = new InstallerSandbox { NfsWorks = false })
        {
            var run = absent.Run("dash", script, tree);
            Assert.That(run.ExitCode, Is.EqualTo(1), "the script's own error handling sees the failed mount");
            Assert.That(absent.Calls, Is.EqualTo(new[] { $"{Nfs} /mnt/cdrom" }));
        }
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void On_el6_pre_and_nochroot_scripts_mount_the_export_over_nfs_the_installer_holds_no_mount_of_it()
    {
        var result = KickstartFixtures.Apply(Rule, "%pre\nmount /dev/cdrom /mnt/cdrom\n%end\n%post --nochroot\nmount /dev/cdrom /mnt/cdrom\n%end\n", OsRelease.El6);
        Assert.That(result.Text(), Is.EqualTo($"%pre\n{Nfs} /mnt/cdrom\n%end\n%post --nochroot\n{Nfs} /mnt/cdrom\n%end\n"));
        Assert.That(result.Warnings, Is.Empty, "the installer's own environment mounts NFS");
    }

    [Category(TestCategories.Unit)]
    [TestCase("/usr/bin/python")]
    [TestCase("/usr/bin/perl")]
    public void Scripts_for_another_interpreter_are_left_as_they_are_with_a_warning(string interpreter)
    {
        var text = $"%post --interpreter {interpreter}\nimport os\nos.system(\"mount /dev/cdrom /mnt/cdrom\")\n%end\n%post --interpreter=/bin/bash\nmount /dev/cdrom /mnt/cdrom\n%end\n";
        var result = KickstartFixtures.Apply(Rule, text, OsRelease.El7);

        Assert.That(result.Text(), Is.EqualTo(text.Replace("%post --interpreter=/bin/bash\nmount /dev/cdrom /mnt/cdrom", $"%post --interpreter=/bin/bash\n{Bind} /mnt/cdrom", StringComparison.Ordinal)));
        Assert.That(result.Messages(), Is.EqualTo(new[]
        {
            $"ks.cfg:3: %post --interpreter {interpreter} uses the CD (/dev/cdrom): the rewrite changes only sh scripts, so it is left as it is; the guest has no CD (the kickstart CD's files are in /tmp/postinstall_files of the installed system)",
        }));
    }

    [Category(TestCategories.Tool)]
    [TestCase(OsRelease.El5)]
    [TestCase(OsRelease.El6)]
    [TestCase(OsRelease.El7)]
    [TestCase(OsRelease.El9)]
    public void Rewritten_scripts_pass_shellcheck_and_the_kickstart_parses_again(OsRelease os)
    {
        var end = os == OsRelease.El5 ? string.Empty : "%end\n";
        var source = "install\ncdrom\nrootpw x\n"
            + $"%pre\nmkdir -p /mnt/cdrom\nif ! mount -t iso9660 /dev/cdrom /mnt/cdrom 2>/dev/null; then exit 1; fi\ncp /mnt/cdrom/ks/part /tmp/part-include\numount /dev/cdrom\n{end}"
            + $"%post --nochroot\nmkdir -p /mnt/ks && mount -L ACMEKS /mnt/ks && cp -a /mnt/ks/postinstall /mnt/sysimage/root/\numount /mnt/ks\n{end}"
            + $"%post\nmkdir -p /mnt/cdrom\nmount /dev/cdrom /mnt/cdrom || exit 1\ncp /mnt/cdrom/ks/x /etc/\numount /dev/cdrom\n{end}";

        // Transform prints and parses its result in the target's syntax (KickstartTransformer), and this parses it again.
        var result = KickstartFixtures.Transform(source, os, allowInteractive: true);
        var scripts = KickstartFixtures.Parse(result.Text(), os).Sections
            .Where(s => s.Keyword is "%pre" or "%post" && s.Body.OfType<BodyLine>().Any(b => b.Line.Text.Contains("mount", StringComparison.Ordinal)))
            .ToList();

        Assert.That(scripts, Has.Count.EqualTo(4), "the copy stage and the three scripts");
        Assert.That(result.Text(), Does.Not.Contain("/dev/cdrom").And.Not.Contain("ACMEKS"));
        foreach (var section in scripts)
        {
            var script = "#!/bin/sh\n" + string.Concat(section.Body.OfType<BodyLine>().Select(b => b.Line.Text + "\n"));
            var check = Tool.Run("shellcheck", ["-s", "sh", "-"], input: script);
            Assert.That(check.ExitCode, Is.Zero, check.Output + check.Error + "\n" + script);
        }
    }

    [Category(TestCategories.Unit)]
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

    [Category(TestCategories.Unit)]
    [Test]
    public void An_umount_of_the_cd_device_unmounts_the_mount_point()
    {
        var result = KickstartFixtures.Apply(Rule, "%post --nochroot\nmount -o ro /dev/hdc /media/cdrom\ncp -r /media/cdrom/x /mnt/sysimage/root/\numount /dev/hdc\n", OsRelease.El5);
        Assert.That(result.Text(), Does.EndWith("\numount /media/cdrom\n"));
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void Here_documents_are_data_and_stay()
    {
        var text = "%post\ncat > /etc/rc.d/rc.acme <<EOF\nmount /dev/cdrom /mnt/cdrom\nEOF\n";
        var result = KickstartFixtures.Apply(Rule, text, OsRelease.El5);
        Assert.That(result.Text(), Is.EqualTo(text));
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void Pre_scripts_are_rewritten_too_and_other_cd_uses_are_reported()
    {
        var result = KickstartFixtures.Apply(Rule, "%pre\nmount /dev/cdrom /tmp/cd\neject /dev/cdrom\n%end\n", OsRelease.El7);
        Assert.That(result.Text(), Is.EqualTo($"%pre\nif [ -e /run/install/repo/RPMS ]; then mount --bind /run/install/repo /tmp/cd; else {Nfs} /tmp/cd; fi\neject /dev/cdrom\n%end\n"));
        Assert.That(result.Messages(), Is.EqualTo(new[] { "ks.cfg:3: %pre uses the CD (/dev/cdrom) in a way the rewrite does not know: left as it is; the guest has no CD" }));
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void An_nfs_mount_left_in_the_installed_system_warns_unless_packages_bring_nfs_utils()
    {
        var without = KickstartFixtures.Apply(Rule, "%packages\n@core\n%end\n%post\nmount /dev/cdrom /mnt\n%end\n", OsRelease.El7, filesUnknown: true);
        Assert.That(without.Messages().Single(), Does.StartWith("ks.cfg:5: this %post runs in the installed system").And.Contain("nfs-utils"));

        var with = KickstartFixtures.Apply(Rule, "%packages\n@core\nnfs-utils\n%end\n%post\nmount /dev/cdrom /mnt\n%end\n", OsRelease.El7, filesUnknown: true);
        Assert.That(with.Warnings, Is.Empty);

        var nochroot = KickstartFixtures.Apply(Rule, "%post --nochroot\nmount /dev/cdrom /mnt\n%end\n", OsRelease.El7, filesUnknown: true);
        Assert.That(nochroot.Warnings, Is.Empty, "the installer's own environment mounts NFS");
    }
}
