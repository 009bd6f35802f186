using XenBundle.Provisioning;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Provisioning;

/// <summary>A quoted value is one word that bash reads back unchanged; a control character is refused.</summary>
public sealed class ShellQuoteTests
{
    [Category(TestCategories.Tool)]
    [Test]
    public void Bash_reads_every_quoted_value_back_unchanged()
    {
        string[] values = ["web01", "it's", "$(reboot)", "`reboot`", "a b  c", "back\\slash", "!event", "semi;colon", "*", "", "'"];

        var script = string.Join('\n', values.Select(v => "printf '%s\\0' " + ShellQuote.Quote(v)));
        var result = Tool.Shell(script).EnsureSuccess("bash");

        Assert.That(result.Output.Split('\0')[..^1], Is.EqualTo(values));
    }

    [Category(TestCategories.Unit)]
    [TestCase("web01\nreboot")]
    [TestCase("web01\r")]
    [TestCase("tab\there")]
    [TestCase("nul\0")]
    public void A_control_character_is_refused(string value)
    {
        var error = Assert.Throws<XenBundleException>(() => ShellQuote.Quote(value))!;
        Assert.That(error.ErrorLine, Does.Contain("control character").And.Not.Contain('\n'));
    }
}
