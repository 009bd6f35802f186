using XenBundle.Kickstart.Rewriters;
using XenBundle.Model;

namespace XenBundle.Tests.Kickstart;

/// <summary>Rule 6: nothing stops the install to ask (drive initialisation, display, installation number).</summary>
[Category(TestCategories.Unit)]
public sealed class UnattendedRewriterTests
{
    private static readonly UnattendedRewriter Rule = new();

    [Test]
    public void Zerombr_yes_becomes_a_bare_zerombr_and_clearpart_gets_initlabel()
    {
        var result = KickstartFixtures.Apply(Rule, "text\nskipx\nzerombr yes   # wipe\nclearpart --all --drives=sda\npart / --size=1 --grow\npoweroff\n", OsRelease.El6);
        Assert.That(result.Text(), Is.EqualTo("text\nskipx\nzerombr   # wipe\nclearpart --all --drives=sda --initlabel\npart / --size=1 --grow\npoweroff\n"));
    }

    [Test]
    public void What_is_missing_is_added_after_the_last_command_before_the_sections()
    {
        var result = KickstartFixtures.Apply(Rule, "install\npart / --size=1 --grow\nreboot\n\n%packages\n@core\n", OsRelease.El5);
        Assert.That(result.Text(), Is.EqualTo("install\npart / --size=1 --grow\nreboot\nzerombr\nclearpart --all --initlabel\ntext\nskipx\nkey --skip\n\n%packages\n@core\n"));
        Assert.That(result.Changes.Select(c => (c.Line.Number, c.After)), Is.EqualTo(new[]
        {
            (3, "zerombr"), (3, "clearpart --all --initlabel"), (3, "text"), (3, "skipx"), (3, "key --skip"),
        }));
    }

    [Test]
    public void Nothing_is_added_that_is_already_there_in_another_form()
    {
        var text = "cmdline\nxconfig --startxonboot\nzerombr\nclearpart --none --initlabel\nautopart\nshutdown\n%packages\n@core\n%end\n";
        Assert.That(KickstartFixtures.Apply(Rule, text, OsRelease.El7).Changes, Is.Empty);
    }

    [Test]
    public void Graphical_becomes_text_and_interactive_is_disabled()
    {
        var result = KickstartFixtures.Apply(Rule, "graphical\ninteractive\nskipx\nzerombr\nhalt\n", OsRelease.El6);
        Assert.That(result.Text(), Is.EqualTo("text\n# xenbundle-disabled: interactive\nskipx\nzerombr\nhalt\n"));
    }

    [Test]
    public void A_clearpart_that_may_be_in_an_unresolved_include_is_reported_not_added()
    {
        var result = KickstartFixtures.Apply(Rule, "%include /tmp/part-include\ntext\nskipx\nzerombr\nautopart\n", OsRelease.El6);
        Assert.That(result.Text(), Does.Not.Contain("clearpart"));
        Assert.That(result.Messages(), Is.EqualTo(new[] { "ks.cfg:1: no clearpart here; if /tmp/part-include has one, it needs --initlabel for an unattended install" }));
    }

    [Test]
    public void Key_skip_is_for_el5_only()
    {
        Assert.That(KickstartFixtures.Apply(Rule, "text\n", OsRelease.El6).Text(), Does.Not.Contain("key"));
        Assert.That(KickstartFixtures.Apply(Rule, "key 0123456789abcdef\n", OsRelease.El5).Text(), Does.Not.Contain("--skip"));
    }

    [TestCase(OsRelease.El5)]
    [TestCase(OsRelease.El7)]
    public void Without_an_end_of_install_command_reboot_is_added_so_that_the_last_screen_does_not_wait(OsRelease os)
    {
        var end = os == OsRelease.El5 ? string.Empty : "%end\n";
        var result = KickstartFixtures.Apply(Rule, "text\nskipx\nzerombr\nkey --skip\n%packages\n@core\n" + end, os);

        Assert.That(result.Text(), Is.EqualTo("text\nskipx\nzerombr\nkey --skip\nreboot\n%packages\n@core\n" + end));
        Assert.That(result.Changes.Single().Why, Does.StartWith("reboot: the installer's last screen would wait for a key press"));
    }

    [Test]
    public void An_include_written_by_pre_may_say_how_the_install_ends_so_reboot_is_not_added() =>
        Assert.That(KickstartFixtures.Apply(Rule, "%include /tmp/part-include\ntext\nskipx\nzerombr\n", OsRelease.El6).Text(), Does.Not.Contain("reboot"));
}
