using XenBundle.Kickstart.Rewriters;
using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;
using XenBundle.Model;

namespace XenBundle.Tests.Kickstart;

/// <summary>The target's section syntax: no %end for EL5, whose sections run to the next header; %end after every section from EL7.</summary>
[Category(TestCategories.Unit)]
public sealed class TargetSyntaxRewriterTests
{
    private static readonly TargetSyntaxRewriter Rule = new();

    [Test]
    public void El5_loses_its_end_lines()
    {
        var result = KickstartFixtures.Apply(Rule, "%packages\n@core\n%end\n\n%post\necho\n%end  # done\n", OsRelease.El5);
        Assert.That(result.Text(), Is.EqualTo("%packages\n@core\n\n%post\necho\n"));
        Assert.That(result.Changes.Select(c => (c.Line.Number, c.Before, c.After)), Is.EqualTo(new[] { (3, "%end", string.Empty), (7, "%end  # done", string.Empty) }));
    }

    [Test]
    public void Commands_after_a_section_move_up_among_the_commands_on_el5()
    {
        var result = KickstartFixtures.Apply(Rule, "install\n%packages\n@core\n%end\n# reboot when done\nreboot\nfirewall --disabled", OsRelease.El5);
        Assert.That(result.Text(), Is.EqualTo("install\nreboot\nfirewall --disabled\n%packages\n@core\n# reboot when done\n"));
    }

    [TestCase(OsRelease.El6)]
    [TestCase(OsRelease.El7)]
    public void Later_releases_keep_their_sections_as_written(OsRelease os)
    {
        var text = "%packages\n@core\n%end\nreboot\n";
        Assert.That(KickstartFixtures.Apply(Rule, text, os).Text(), Is.EqualTo(text));
    }

    [TestCase(OsRelease.El7)]
    [TestCase(OsRelease.El9)]
    public void From_el7_a_section_without_end_gets_one_after_its_last_line(OsRelease os)
    {
        // An EL6-style kickstart: %packages runs to %post, %post to the end of the file.
        var source = "reboot\n%packages\n@core\n\n# the site files\n%post\necho done";
        var document = KickstartParser.Parse(source, "ks.cfg", KickstartDialect.ForSource(os));
        var result = Rule.Rewrite(document, new RewriteContext { Target = KickstartFixtures.Target(os), SourceSha256 = new string('0', 64) });

        Assert.That(result.Text(), Is.EqualTo("reboot\n%packages\n@core\n%end\n\n# the site files\n%post\necho done\n%end\n"));
        Assert.That(result.Changes.Select(c => (c.Line.Number, c.After)), Is.EqualTo(new[] { (3, "%end"), (7, "%end") }));
        Assert.That(() => KickstartParser.Parse(result.Text(), "ks.cfg", KickstartDialect.For(os)), Throws.Nothing, "the installer's strict syntax");
    }

    [Test]
    public void The_whole_rewrite_takes_an_el6_kickstart_to_el7()
    {
        var result = KickstartFixtures.Transform("cdrom\n%packages\n@core\n%post\necho\n", OsRelease.El7, allowInteractive: true);
        Assert.That(result.Text(), Does.Contain("\n%packages\n@core\n%end\n"));
        Assert.That(result.Changes.Count(c => c.After == "%end"), Is.EqualTo(2), "%packages and %post; the added sections come with their own");
    }
}
