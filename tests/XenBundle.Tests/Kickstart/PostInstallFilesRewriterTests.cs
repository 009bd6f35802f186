using XenBundle.Kickstart.Rewriters;
using XenBundle.Kickstart.Syntax;
using XenBundle.Recipes;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Kickstart;

/// <summary>Rule 3, the copy: a first %post --nochroot brings the kickstart CD's files from the export.</summary>
public sealed class PostInstallFilesRewriterTests
{
    private static readonly PostInstallFilesRewriter Rule = new();

    [Test]
    public void The_copy_stage_comes_before_the_first_post_and_its_comments()
    {
        var result = KickstartFixtures.Apply(Rule, "%packages\n@core\n\n# site files\n%post\necho hi\n", OsRelease.El5);
        var document = KickstartFixtures.Parse(result.Text(), OsRelease.El5);
        var sections = document.Sections.ToList();

        Assert.That(sections.Select(s => s.Header.Print().TrimEnd()), Is.EqualTo(new[]
        {
            "%packages", "%post --nochroot --log=/mnt/sysimage/root/xenbundle-postinstall-files.log", "%post",
        }));
        Assert.That(result.Text(), Does.EndWith("exit \"$status\"\n\n# site files\n%post\necho hi\n"));
        Assert.That(result.Text(), Does.Not.Contain("%end"), "EL5 knows no %end");
    }

    [Test]
    public void The_script_mounts_the_export_read_only_without_locks_and_copies_each_cd_item()
    {
        var text = KickstartFixtures.Apply(Rule, "%post\necho\n%end\n", OsRelease.El7, files: ["postinstall", "RPMS", "it's odd"]).Text();

        Assert.That(text, Does.Contain("source=192.168.50.1:/var/xen/install\n"));
        Assert.That(text, Does.Contain("if ! mount -t nfs -o ro,nolock \"$source\" \"$mnt\"; then\n"));
        Assert.That(text, Does.Contain("target=/mnt/sysimage/tmp/postinstall_files\n"));
        Assert.That(text, Does.Contain("for item in RPMS \"it's odd\" postinstall; do\n"));
        Assert.That(text, Does.Contain("umount \"$mnt\" || status=1\nexit \"$status\"\n%end\n"));
    }

    [Test]
    public void Without_a_post_the_stage_goes_at_the_end()
    {
        var text = KickstartFixtures.Apply(Rule, "install\n%packages\n@core\n%end", OsRelease.El7).Text();
        Assert.That(text, Does.StartWith("install\n%packages\n@core\n%end\n\n# xenbundle: the guest has no CD"));
        Assert.That(text, Does.EndWith("%end\n"));
    }

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

    [Test]
    public void Names_a_script_cannot_carry_are_left_out_with_a_warning()
    {
        var result = KickstartFixtures.Apply(Rule, "%post\necho\n%end\n", OsRelease.El7, files: ["ok", "bad\nname", ".."]);
        Assert.That(result.Text(), Does.Contain("for item in ok; do"));
        Assert.That(result.Warnings, Has.Count.EqualTo(2));
    }

    [TestCase(OsRelease.El5)]
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
}
