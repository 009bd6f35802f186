using System.Text.RegularExpressions;
using XenBundle.Bundling;
using XenBundle.Reporting;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.EndToEnd;

/// <summary>
/// report.md is read on web pages (CI artifacts, merge requests), so a value from the media,
/// the kickstart or the recipe must show as text there: no HTML of its own, no extra table
/// column, no code span it can close. Inputs are made the way an attacker would make them.
/// </summary>
public sealed partial class ReportEscapingTests
{
    private const string Payload = "<img src=x onerror=alert(1)>|*";
    private const string ClosingPayload = "</details><img src=x onerror=alert(1)>|*";

    [Category(TestCategories.EndToEnd)]
    [Test]
    public void Hostile_names_from_the_media_the_kickstart_and_the_recipe_are_text_in_the_report()
    {
        using var temp = new TempDirectory("escaping");
        RecipeText.CopyDemoMedia(temp);
        // A comps group name (any XML text), a package file name with backticks, a file of the
        // kickstart CD, a medium's directory, and an %include the kickstart CD does not have.
        foreach (var comps in Directory.GetFiles(temp["media"], "*-comps.xml", SearchOption.AllDirectories))
        {
            File.WriteAllText(comps, File.ReadAllText(comps).Replace("<name>Core</name>", "<name>&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt; | *core* | `x`</name>", StringComparison.Ordinal));
        }

        File.Move(temp["media/acme-ks-cd/RPMS/acme-tools-1.2-1.noarch.rpm"], temp[$"media/acme-ks-cd/RPMS/acme`{Payload}`.rpm"]);
        temp.Write($"media/acme-ks-cd/notes{Payload}", "notes\n");
        Directory.Move(temp["media/CentOS-5.11-i386-disc2"], temp[$"media/disc2 {Payload}"]);
        File.AppendAllText(temp["media/acme-ks-cd/ks.cfg"], $"%include \"{ClosingPayload}.cfg\"\n");
        var recipe = RecipeText.Valid(temp["media"]).Replace("- " + temp["media/CentOS-5.11-i386-disc2"], $"- \"{temp[$"media/disc2 {Payload}"]}\"", StringComparison.Ordinal);
        var directory = RecipeText.Write(temp, recipe);

        BuildScript.Run($"--recipe={directory}/recipe.yaml", $"--artifacts={temp["out"]}").EnsureSuccess("./build.sh");

        var report = File.ReadAllText(temp["out/web-1.4.0.report.md"]);
        var markdown = OutsideFencedBlocks(report);
        Assert.Multiple(() =>
        {
            Assert.That(markdown, Does.Not.Contain("<img").IgnoreCase, "no HTML from the inputs outside the code blocks");
            Assert.That(Regex.Matches(markdown, "<details>").Count, Is.EqualTo(3).And.EqualTo(Regex.Matches(markdown, "</details>").Count), "one collapsed list per medium, each closed once");
            Assert.That(markdown, Does.Contain("| core | &lt;/details&gt;&lt;img src=x onerror=alert(1)&gt; \\| \\*core\\* \\| \\`x\\` | 4 |"));
            Assert.That(markdown, Does.Contain("<summary>disc2 &lt;img src=x onerror=alert(1)&gt;|*</summary>"));
            Assert.That(markdown, Does.Contain("- acme-tools-1.2-1.noarch (RPMS/acme\\`&lt;img src=x onerror=alert(1)&gt;\\|\\*\\`.rpm)"), "a backtick cannot open a code span");
            Assert.That(markdown, Does.Contain("- ks.cfg:39: %include &lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;\\|\\*.cfg is not on the kickstart media"));
            Assert.That(report, Does.Contain($" %include \"{ClosingPayload}.cfg\"\n"), "the diff shows the kickstart as it is, in its fenced block");
            foreach (var table in Tables(markdown))
            {
                Assert.That(table.Select(Columns), Has.All.EqualTo(Columns(table[0])), string.Join('\n', table));
            }
        });
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void A_hostile_earlier_manifest_and_warnings_are_text_in_titles_lists_and_tables()
    {
        var manifest = new BundleManifest
        {
            Name = ClosingPayload,
            Version = "1.0.0 " + ClosingPayload,
            Inputs = [],
            Packages = [new ManifestPackage { Name = "a|b*<img src=x>", Version = "1", Release = "1", Arch = "noarch", Path = "a.rpm", Checksum = "sha256:00" }],
            Files = [new ManifestFile { Path = "install/a|b*<img src=x>", Type = "file", Mode = "0644" }, new ManifestFile { Path = "dom0/`<img src=x>`", Type = "file", Mode = "0644" }],
        };
        var previous = new PreviousBundle("old`" + Payload + "`.tar.gz", manifest, null);
        var current = manifest with { Packages = [], Files = [] };
        var report = new BuildReport();
        report.Section(ReportStage.PackageBundle, "Changes since " + manifest.Version, ReleaseNotes.Describe(previous, current, _ => null, (_, _, _, _) => string.Empty, t => t));
        report.Warn("# " + ClosingPayload);
        report.Warn("1. " + ClosingPayload);

        var text = report.Render(ClosingPayload);

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("<img").IgnoreCase.And.Not.Contain("</details>"));
            Assert.That(text, Does.StartWith("# &lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;\\|\\*\n"));
            Assert.That(text, Does.Contain("\n## Changes since 1.0.0 &lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;\\|\\*\n"));
            Assert.That(text, Does.Contain("| a\\|b\\*&lt;img src=x&gt;.noarch | 1-1 | - | removed |"));
            Assert.That(text, Does.Contain("(old\\`&lt;img src=x onerror=alert(1)&gt;\\|\\*\\`.tar.gz)"));
            Assert.That(text, Does.Contain("\n- \\# &lt;/details&gt;").And.Contain("\n- 1\\. &lt;/details&gt;"), "a warning cannot become a heading or a list");
        });
    }

    [Category(TestCategories.Unit)]
    [TestCase("plain ``` and ```` inside", "`````")]
    [TestCase("no backticks", "```")]
    public void A_fenced_block_is_longer_than_any_backtick_run_and_escapes_terminal_controls(string text, string fence) =>
        Assert.That(Markdown.Code(text + "\u001b]0;x\u0007\n", "diff"), Is.EqualTo($"{fence}diff\n{text}\\x1b]0;x\\x07\n{fence}\n"));

    [Category(TestCategories.Unit)]
    [Test]
    public void A_fenced_block_shows_bidirectional_overrides_and_line_separators_escaped() =>
        Assert.That(Markdown.Code("+rootpw x # \u202e\u2066evil\u2069\u2028\n", "diff"), Is.EqualTo("```diff\n+rootpw x # \\u202e\\u2066evil\\u2069\\u2028\n```\n"));

    /// <summary>The report without its fenced blocks (the diffs), where input text is shown as it is.</summary>
    private static string OutsideFencedBlocks(string report) => FencedBlock().Replace(report, string.Empty);

    private static List<List<string>> Tables(string markdown)
    {
        var tables = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in markdown.Split('\n'))
        {
            if (!line.StartsWith('|'))
            {
                current = null;
                continue;
            }

            if (current is null)
            {
                current = [];
                tables.Add(current);
            }

            current.Add(line);
        }

        return tables;
    }

    /// <summary>The cell separators of a table row: the pipes no backslash escapes.</summary>
    private static int Columns(string row) => UnescapedPipe().Count(row);

    [GeneratedRegex(@"^(`{3,})[^\n]*\n.*?^\1\n", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipe();
}
