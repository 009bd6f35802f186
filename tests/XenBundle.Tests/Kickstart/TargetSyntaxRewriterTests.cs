using XenBundle.Kickstart.Rewriters;
using XenBundle.Recipes;

namespace XenBundle.Tests.Kickstart;

/// <summary>The target's section syntax: no %end for EL5, whose sections run to the next header.</summary>
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
}
