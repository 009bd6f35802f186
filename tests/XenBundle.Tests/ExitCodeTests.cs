using System.Text.RegularExpressions;

namespace XenBundle.Tests;

/// <summary>The exit codes are one list: what --help prints, what docs/commands.md says, what the host returns.</summary>
[Category(TestCategories.Unit)]
public sealed class ExitCodeTests
{
    [Test]
    public void The_host_returns_the_products_code_for_bad_usage_and_success()
    {
        Assert.That(XenBundle.Frosting.ExitCodes.BadUsage, Is.EqualTo(ExitCode.BadUsage));
        Assert.That(XenBundle.Frosting.ExitCodes.Success, Is.EqualTo(ExitCode.Success));
    }

    [Test]
    public void Every_code_is_listed_once_and_docs_commands_names_each_one()
    {
        var codes = ExitCode.Meanings.Select(m => m.Code).ToList();
        Assert.That(codes, Is.Unique);
        Assert.That(codes, Is.EquivalentTo(new[] { 0, 1, 2, 130, 143 }));

        var page = File.ReadAllText(Path.Combine(Repository.Root, "docs", "commands.md"));
        var paragraph = page[page.IndexOf("Exit codes:", StringComparison.Ordinal)..];
        paragraph = paragraph[..paragraph.IndexOf("\n\n", StringComparison.Ordinal)];
        var documented = Regex.Matches(paragraph, "`([0-9]+)`").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(documented, Is.EquivalentTo(codes), "docs/commands.md's exit codes paragraph");
    }
}
