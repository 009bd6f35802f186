using XenBundle.Tests.EndToEnd;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Provisioning;

/// <summary>
/// ./build.sh with a hostile or careless dom0 mapping, as a user (or a pull request) would
/// write it: an export of root's home stops the build with one error line and no bundle; a
/// wide network builds, and says so on the console, in the report and in README.txt.
/// </summary>
[Category(TestCategories.EndToEnd)]
public sealed class Dom0RecipeBuildTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory("dom0-recipe");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void An_export_of_roots_home_stops_the_build_with_the_line_and_no_bundle()
    {
        var text = WithDom0("  export: /root\n");
        var recipe = RecipeText.Write(_temp, text);

        var result = BuildScript.Run([$"--recipe={recipe}", $"--artifacts={_temp["artifacts"]}"], workingDirectory: _temp.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(BuildScriptTests.ErrorLines(result), Is.EqualTo(new[]
        {
            $"error: recipe/recipe.yaml:{GuestRecipes.LineOf(text, "export:")}: dom0.export: '/root' is a system directory: setup.sh would copy the install tree into it as root and teardown.sh --remove-tree would delete it; use a directory of its own, like /var/xen/install",
        }));
        Assert.That(Directory.Exists(_temp["artifacts"]) ? Directory.GetFileSystemEntries(_temp["artifacts"]) : [], Is.Empty);
    }

    [Test]
    public void A_network_wider_than_a_16_is_warned_about_on_the_console_in_the_report_and_in_README()
    {
        var recipe = RecipeText.Write(_temp, WithDom0("  clients: 10.0.0.0/8\n"));
        const string Warning = "dom0.clients makes the export 10.0.0.0/8, a network wider than a /16: 16,777,216 addresses can mount /var/xen/install";

        var result = BuildScript.Run([$"--recipe={recipe}", $"--artifacts={_temp["artifacts"]}"], workingDirectory: _temp.Path).EnsureSuccess("./build.sh");

        Assert.That(result.Output + result.Error, Does.Contain(Warning), "console");
        Assert.That(File.ReadAllText(_temp["artifacts/web-1.4.0.report.md"]), Does.Contain(Warning), "report");
        var readme = Tool.Run("tar", "-xOzf", _temp["artifacts/web-1.4.0.tar.gz"], "web-1.4.0/README.txt").EnsureSuccess("tar -xO").Output;
        Assert.That(readme, Does.Contain("Warning: " + Warning), "README.txt");
    }

    /// <summary>The valid test recipe with <paramref name="keys"/> added to its dom0 mapping.</summary>
    private static string WithDom0(string keys)
    {
        var text = RecipeText.Valid();
        var dom0 = "  address: 192.168.50.1\n";
        return text.Replace(dom0, dom0 + keys, StringComparison.Ordinal);
    }
}
