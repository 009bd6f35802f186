using Cake.XenBundle;

namespace XenBundle.Tests.Cake;

/// <summary>The progress bar names an image as the user's path spells it: escapes in it drive no terminal.</summary>
[Category(TestCategories.Unit)]
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

    [Test]
    [NonParallelizable]
    public void Plain_progress_lines_go_to_stdout_so_that_stderr_holds_only_errors()
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            Console.SetOut(output);
            Console.SetError(error);
            using (var progress = new ConsoleProgress("writing demo-1.0.0.tar.gz", 100, interactive: false))
            {
                progress.Report(100);
                Thread.Sleep(TimeSpan.FromSeconds(1.2)); // long enough for the closing line
            }
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }

        Assert.That(output.ToString(), Does.StartWith("writing demo-1.0.0.tar.gz: 100% "));
        Assert.That(error.ToString(), Is.Empty);
    }
}
