using System.Text.RegularExpressions;
using XenBundle.Kickstart.Rewriters;
using XenBundle.Kickstart.Syntax;
using XenBundle.Model;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Kickstart;

/// <summary>Rule 3, the copy: a first %post --nochroot brings the kickstart CD's files from the export.</summary>
public sealed class PostInstallFilesRewriterTests
{
    private static readonly PostInstallFilesRewriter Rule = new();

    [Category(TestCategories.Unit)]
    [Test]
    public void The_copy_stage_comes_before_the_first_post_and_its_comments()
    {
        var result = KickstartFixtures.Apply(Rule, "%packages\n@core\n\n# site files\n%post\necho hi\n", OsRelease.El5);
        var document = KickstartFixtures.Parse(result.Text(), OsRelease.El5);
        var sections = document.Sections.ToList();

        Assert.That(sections.Select(s => s.Header.Print().TrimEnd()), Is.EqualTo(new[]
        {
            "%packages", "%post --nochroot --erroronfail --log=/mnt/sysimage/root/xenbundle-postinstall-files.log", "%post", "%post",
        }));
        Assert.That(result.Text(), Does.Contain("exit \"$status\"\n\n# site files\n%post\necho hi\n"));
        Assert.That(result.Text(), Does.Not.Contain("%end"), "EL5 knows no %end");
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void The_script_copies_each_cd_item_from_the_installers_mount_else_mounts_the_export_read_only_without_locks()
    {
        var text = KickstartFixtures.Apply(Rule, "%post\necho\n%end\n", OsRelease.El7, files: ["postinstall", "RPMS", "it's odd"]).Text();

        Assert.That(text, Does.Contain("source=192.168.50.1:/var/xen/install\n"));
        Assert.That(text, Does.Contain("target=/mnt/sysimage/tmp/postinstall_files\n"));
        Assert.That(text, Does.Contain("set -- RPMS \"it's odd\" postinstall\n"));
        Assert.That(text, Does.Contain("from=/run/install/repo\nfor item in \"$@\"; do\n    [ -e \"/run/install/repo/$item\" ] || from=\ndone\n"));
        Assert.That(text, Does.Contain("    if ! mount -t nfs -o ro,nolock \"$source\" \"$mnt\"; then\n"));
        Assert.That(text, Does.Contain("if [ \"$mounted\" = yes ]; then\n    umount \"$mnt\" || status=1\nfi\nexit \"$status\"\n%end\n"));
    }

    [Category(TestCategories.Unit)]
    [TestCase(OsRelease.El5, "/mnt/source")]
    [TestCase(OsRelease.El6, null)]
    [TestCase(OsRelease.El7, "/run/install/repo")]
    [TestCase(OsRelease.El8, "/run/install/repo")]
    [TestCase(OsRelease.El9, "/run/install/repo")]
    public void Each_release_looks_where_its_installer_has_mounted_the_export(OsRelease os, string? tree)
    {
        var result = KickstartFixtures.Apply(Rule, os == OsRelease.El5 ? "%post\necho\n" : "%post\necho\n%end\n", os);
        var candidates = Regex.Matches(result.Text(), @"(?m)^from=(/\S+)$").Select(m => m.Groups[1].Value).ToList();

        Assert.That(candidates, Is.EqualTo(tree is null ? Array.Empty<string>() : new[] { tree }));
        Assert.That(result.Changes.First().Why, tree is null ? Does.Not.Contain("installer's mount") : Does.Contain($"the installer's mount {tree} when it holds them"));
    }

    // The copy holds the CD's kickstart (a root password hash) and site files: root's only, and
    // gone once the kickstart's own %post scripts have used it.
    [Category(TestCategories.Unit)]
    [TestCase(OsRelease.El5, "")]
    [TestCase(OsRelease.El7, "%end\n")]
    public void The_copy_is_roots_only_and_removed_after_the_last_post(OsRelease os, string end)
    {
        var result = KickstartFixtures.Apply(Rule, "%post\necho site\n" + end + "%post --nochroot\necho late\n" + end, os);

        Assert.That(result.Text(), Does.Contain("{ mkdir -p \"$target\" && chmod 0700 \"$target\"; } || exit 1\n"));
        Assert.That(result.Text(), Does.EndWith("echo late\n" + end + "\n# xenbundle: remove the copy of the kickstart CD's files\n%post\nrm -rf /tmp/postinstall_files\n" + end));
        Assert.That(result.Changes.Select(c => c.Why), Has.One.EqualTo("remove /tmp/postinstall_files after the last %post: it holds the CD's kickstart and site files"));
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void Without_a_post_the_stage_goes_at_the_end()
    {
        var text = KickstartFixtures.Apply(Rule, "install\n%packages\n@core\n%end", OsRelease.El7).Text();
        Assert.That(text, Does.StartWith("install\n%packages\n@core\n%end\n\n# xenbundle: the guest has no CD"));
        Assert.That(text, Does.EndWith("%end\n"));
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void Unknown_cd_files_mean_no_stage_and_a_warning_and_none_mean_no_stage()
    {
        var unknown = KickstartFixtures.Apply(Rule, "%post\necho\n%end\n", OsRelease.El7, filesUnknown: true);
        Assert.That(unknown.Changes, Is.Empty);
        Assert.That(unknown.Messages(), Is.EqualTo(new[] { "the kickstart CD's files are not known (its media were not read): no %post copies them to /tmp/postinstall_files" }));

        var none = KickstartFixtures.Apply(Rule, "%post\necho\n%end\n", OsRelease.El7, files: []);
        Assert.That(none.Changes, Is.Empty);
        Assert.That(none.Warnings, Is.Empty);
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void Names_a_script_cannot_carry_are_left_out_with_a_warning()
    {
        var result = KickstartFixtures.Apply(Rule, "%post\necho\n%end\n", OsRelease.El7, files: ["ok", "bad\nname", ".."]);
        Assert.That(result.Text(), Does.Contain("set -- ok\n"));
        Assert.That(result.Warnings, Has.Count.EqualTo(2));
    }

    [Category(TestCategories.Tool)]
    [TestCase(OsRelease.El5)]
    [TestCase(OsRelease.El6)]
    [TestCase(OsRelease.El9)]
    public void Every_script_the_rewrite_adds_passes_shellcheck(OsRelease os)
    {
        var source = os == OsRelease.El5 ? "%post\necho\n" : "%post\necho\n%end\n";
        var result = KickstartFixtures.Transform(source, os, files: ["RPMS", "ks.cfg", "post install", "$HOME", "a\"b"], allowInteractive: true);
        var added = KickstartFixtures.Parse(result.Text(), os).Sections
            .Where(s => s.Body.OfType<BodyLine>().Any(b => !b.Line.IsComment && (b.Line.Text.Contains("/tmp/xenbundle-nfs") || b.Line.Text.Contains("/etc/xenbundle-release"))))
            .ToList();

        Assert.That(added, Has.Count.EqualTo(2), "the copy stage and the release stamp");
        foreach (var section in added)
        {
            var script = "#!/bin/sh\n" + string.Concat(section.Body.OfType<BodyLine>().Select(b => b.Line.Text + "\n"));
            var check = Tool.Run("shellcheck", ["-s", "sh", "-"], input: script);
            Assert.That(check.ExitCode, Is.Zero, check.Output + check.Error + "\n" + script);
        }
    }

    private static readonly string[] CdItems = ["RPMS", "ks", "post install"];
    private static readonly string[] CdFiles = ["RPMS/acme-tools-1.0-1.noarch.rpm", "ks/hosts", "post install/run.sh"];

    /// <summary>The files in the new system's /tmp/postinstall_files, relative and sorted.</summary>
    private static List<string> Copied(InstallerSandbox sandbox)
    {
        var target = Path.Combine(sandbox.Sysimage, "tmp/postinstall_files");
        return Directory.Exists(target)
            ? [.. Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(target, f)).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>The copy stage's script as the guest's kickstart carries it.</summary>
    private static string CopyStage(OsRelease os)
    {
        var result = KickstartFixtures.Transform(os == OsRelease.El5 ? "%post\necho\n" : "%post\necho\n%end\n", os, files: CdItems, allowInteractive: true);
        var stage = KickstartFixtures.Parse(result.Text(), os).Sections.First(s => s.Keyword == KickstartSections.Post);
        Assert.That(stage.Header.Print(), Does.StartWith("%post --nochroot --erroronfail --log="));
        return string.Concat(stage.Body.OfType<BodyLine>().Select(b => b.Line.Text + "\n"));
    }

    [Category(TestCategories.Tool)]
    [TestCase(OsRelease.El5, "/mnt/source", "dash")]
    [TestCase(OsRelease.El5, "/mnt/source", "bash")]
    [TestCase(OsRelease.El7, "/run/install/repo", "dash")]
    [TestCase(OsRelease.El9, "/run/install/repo", "bash")]
    public void Run_the_installers_mount_holding_the_files_is_copied_from_without_any_mount(OsRelease os, string tree, string shell)
    {
        using var sandbox = new InstallerSandbox();
        InstallerSandbox.Populate(sandbox.InstallerTree, [.. CdFiles, "images/install.img", ".treeinfo"]);

        var run = sandbox.Run(shell, CopyStage(os), tree);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(sandbox.Calls, Is.Empty, "no mount and no umount: the installer's mount is used");
        Assert.That(Copied(sandbox), Is.EqualTo(CdFiles.Order(StringComparer.Ordinal)));
    }

    [Category(TestCategories.Tool)]
    [TestCase(OsRelease.El5, "/mnt/source", "dash")]
    [TestCase(OsRelease.El7, "/run/install/repo", "bash")]
    public void Run_another_tree_at_the_installers_mount_is_not_used_the_export_is_mounted_read_only_without_locks(OsRelease os, string tree, string shell)
    {
        using var sandbox = new InstallerSandbox { NfsWorks = true };
        InstallerSandbox.Populate(sandbox.InstallerTree, "RPMS/other.rpm", "ks/hosts");
        InstallerSandbox.Populate(sandbox.Export, [.. CdFiles, "repodata/repomd.xml"]);

        var run = sandbox.Run(shell, CopyStage(os), tree);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(sandbox.Calls, Is.EqualTo(new[] { $"mount -t nfs -o ro,nolock 192.168.50.1:/var/xen/install {sandbox.NfsMountPoint}", $"umount {sandbox.NfsMountPoint}" }));
        Assert.That(Copied(sandbox), Is.EqualTo(CdFiles.Order(StringComparer.Ordinal)));
    }

    [Category(TestCategories.Tool)]
    [TestCase(OsRelease.El5, "/mnt/source", "dash")]
    [TestCase(OsRelease.El6, null, "dash")]
    [TestCase(OsRelease.El9, "/run/install/repo", "bash")]
    public void Run_without_the_installers_mount_and_without_nfs_the_stage_fails_saying_why(OsRelease os, string? tree, string shell)
    {
        using var sandbox = new InstallerSandbox { NfsWorks = false };

        var run = sandbox.Run(shell, CopyStage(os), tree);

        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Error, Does.Contain("xenbundle: ").And.Contain("192.168.50.1:/var/xen/install").And.Contain("not copied"));
        Assert.That(sandbox.Calls, Is.EqualTo(new[] { $"mount -t nfs -o ro,nolock 192.168.50.1:/var/xen/install {sandbox.NfsMountPoint}" }));
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void Run_on_el6_the_export_is_mounted_over_nfs()
    {
        using var sandbox = new InstallerSandbox { NfsWorks = true };
        InstallerSandbox.Populate(sandbox.Export, CdFiles);

        var run = sandbox.Run("dash", CopyStage(OsRelease.El6), null);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(sandbox.Calls, Is.EqualTo(new[] { $"mount -t nfs -o ro,nolock 192.168.50.1:/var/xen/install {sandbox.NfsMountPoint}", $"umount {sandbox.NfsMountPoint}" }));
        Assert.That(Copied(sandbox), Is.EqualTo(CdFiles.Order(StringComparer.Ordinal)));
    }
}
