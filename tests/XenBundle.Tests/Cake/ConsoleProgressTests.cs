using Cake.XenBundle;

namespace XenBundle.Tests.Cake;

/// <summary>The progress bar names an image as the user's path spells it: escapes in it drive no terminal.</summary>
public sealed class ConsoleProgressTests
{
    [Test]
    public void An_image_name_with_terminal_escapes_is_shown_escaped_in_the_progress_bar()
    {
        using var output = new StringWriter();
        using (var progress = new ConsoleProgress("extracting x\u001b]0;PWN\u0007\u001b[2J.iso", 100, output, interactive: true))
        {
            progress.Report(100);
        }

        Assert.That(output.ToString(), Does.StartWith(@"\u000dextracting x\x1b]0;PWN\x07\x1b[2J.iso [".Replace(@"\u000d", "\r", StringComparison.Ordinal)));
        Assert.That(output.ToString(), Does.Not.Contain("\u001b").And.Not.Contain("\u0007"));
    }
}
