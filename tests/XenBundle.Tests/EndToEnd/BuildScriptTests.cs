using XenBundle.Tests.Support;

namespace XenBundle.Tests.EndToEnd;

/// <summary>./build.sh as a user runs it, on the demo and on broken recipes.</summary>
[Category(TestCategories.EndToEnd)]
public sealed class BuildScriptTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory("e2e");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void The_default_target_builds_the_demo_bundle_and_prints_the_task_summary()
    {
        var result = BuildScript.Run($"--artifacts={_temp["artifacts"]}").EnsureSuccess("./build.sh");

        Assert.That(File.Exists(_temp["artifacts/demo-1.0.0.tar.gz"]), Is.True);
        Assert.That(File.Exists(_temp["artifacts/demo-1.0.0.manifest.json"]), Is.True);
        Assert.That(File.Exists(_temp["artifacts/demo-1.0.0.report.md"]), Is.True);
        Assert.That(result.Output, Does.Contain("ExtractMedia").And.Contain("PackageBundle").And.Contain("Duration").And.Contain("Total:"));
        Assert.That(Directory.GetFiles(_temp["artifacts"]), Has.None.Contain(".partial-"));

        var listing = Tool.Run("tar", "-tzf", _temp["artifacts/demo-1.0.0.tar.gz"]).EnsureSuccess("tar -t").Output;
        Assert.That(listing, Does.Contain("demo-1.0.0/install/ks/kickstart.cfg\n").And.Contain("demo-1.0.0/manifest.json\n").And.Contain("demo-1.0.0/SHA256SUMS\n"));
    }

    [Test]
    public void A_build_that_installs_no_tool_writes_nothing_into_the_home_or_temporary_directory()
    {
        // Cake's NuGet installer, built eagerly, would write ~/.nuget/NuGet/NuGet.Config
        // and a lock under $TMPDIR/NuGetScratch* on every run; the host builds it only
        // when a tool is installed.
        Directory.CreateDirectory(_temp["home"]);
        Directory.CreateDirectory(_temp["tmp"]);
        var environment = new Dictionary<string, string> { ["HOME"] = _temp["home"], ["TMPDIR"] = _temp["tmp"] };

        BuildScript.Run([$"--artifacts={_temp["artifacts"]}"], environment: environment).EnsureSuccess("./build.sh");

        Assert.That(File.Exists(_temp["artifacts/demo-1.0.0.tar.gz"]), Is.True);
        Assert.That(Directory.GetFileSystemEntries(_temp["home"]), Is.Empty);
        Assert.That(Directory.GetFileSystemEntries(_temp["tmp"]), Is.Empty);
    }

    [Test]
    public void A_recipe_with_an_unknown_key_fails_with_one_error_line_and_leaves_no_bundle()
    {
        var recipe = RecipeText.Write(_temp, RecipeText.Valid().Replace("  name: web01\n", "  name: web01\n  colour: blue\n"));

        var result = BuildScript.Run([$"--recipe={recipe}", $"--artifacts={_temp["artifacts"]}"], workingDirectory: _temp.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(ErrorLines(result), Is.EqualTo(new[] { "error: recipe/recipe.yaml:15: domu.colour: unknown key (known here: disk, memory, name, network, vcpus)" }));
        Assert.That(result.Error + result.Output, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(Directory.Exists(_temp["artifacts"]) ? Directory.GetFiles(_temp["artifacts"]) : [], Is.Empty);
    }

    [Test]
    public void A_recipe_without_dom0_fails_naming_the_key()
    {
        var text = RecipeText.Valid();
        text = text.Remove(text.IndexOf("dom0:", StringComparison.Ordinal), "dom0:\n  address: 192.168.50.1\n".Length);
        var recipe = RecipeText.Write(_temp, text);

        var result = BuildScript.Run([$"--recipe={recipe}", $"--artifacts={_temp["artifacts"]}"], workingDirectory: _temp.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(ErrorLines(result), Is.EqualTo(new[] { "error: recipe/recipe.yaml:1: dom0: required key missing" }));
        Assert.That(Directory.Exists(_temp["artifacts"]) ? Directory.GetFiles(_temp["artifacts"]) : [], Is.Empty);
    }

    [Test]
    public void Tree_shows_the_dependencies_without_running_anything()
    {
        var result = BuildScript.Run("--tree", $"--artifacts={_temp["artifacts"]}").EnsureSuccess("--tree");
        Assert.That(result.Output, Does.Contain("XenBundle").And.Contain("└─PackageBundle").And.Contain("ExtractMedia"));
        Assert.That(Directory.Exists(_temp["artifacts"]), Is.False);
    }

    [Test]
    public void Dryrun_lists_the_tasks_it_would_run_and_writes_nothing()
    {
        var result = BuildScript.Run("--dryrun", $"--artifacts={_temp["artifacts"]}").EnsureSuccess("--dryrun");
        Assert.That(result.Output, Does.Contain("ExtractMedia").And.Contain("PackageBundle").And.Contain("XenBundle"));
        Assert.That(Directory.Exists(_temp["artifacts"]), Is.False);
    }

    [Test]
    public void Description_lists_every_task_with_its_description()
    {
        var result = BuildScript.Run("--description").EnsureSuccess("--description");
        Assert.That(result.Output, Does.Contain("ExtractMedia").And.Contain("Clean").And.Contain("Test").And.Contain("Writes NAME-VERSION.tar.gz"));
    }

    [Test]
    public void Help_documents_the_pipeline_options_and_exit_codes()
    {
        var result = BuildScript.Run("--help").EnsureSuccess("--help");
        Assert.That(result.Output, Does.Contain("--recipe=PATH").And.Contain("--release-version=V").And.Contain("--exclusive").And.Contain("EXIT CODES"));
    }

    [Test]
    public void Exclusive_runs_the_target_alone()
    {
        var result = BuildScript.Run("--target=ExtractMedia", "--exclusive", $"--artifacts={_temp["artifacts"]}").EnsureSuccess("--exclusive");
        var summary = result.Output[result.Output.LastIndexOf("Task", StringComparison.Ordinal)..];
        Assert.That(summary, Does.Contain("ExtractMedia").And.Not.Contain("PackageBundle"));

        var alone = BuildScript.Run("--target=PackageBundle", "--exclusive", $"--artifacts={_temp["artifacts"]}");
        Assert.That(alone.ExitCode, Is.EqualTo(2));
        Assert.That(alone.Error, Does.Contain("error: --exclusive: PackageBundle needs what ExtractMedia produces"));
    }

    [Test]
    public void An_unknown_target_or_option_is_bad_usage()
    {
        var target = BuildScript.Run("--target=Frobnicate");
        Assert.That(target.ExitCode, Is.EqualTo(2));
        Assert.That(target.Error, Does.StartWith("error: --target: no task 'Frobnicate'; targets: "));

        var option = BuildScript.Run("--recpie=recipes/demo");
        Assert.That(option.ExitCode, Is.EqualTo(2));
        Assert.That(ErrorLines(option), Is.EqualTo(new[] { "error: --recpie: unknown option (see --help)" }));
    }

    [Test]
    public void A_kind_of_test_that_does_not_exist_is_bad_usage_before_any_test_runs()
    {
        var result = BuildScript.Run("--target=Test", "--where=unit,integration", $"--artifacts={_temp["artifacts"]}");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(ErrorLines(result), Is.EqualTo(new[] { "error: --where: 'integration' is not a kind of test: give one or more of unit, tool, end-to-end, fuzz, separated by commas (e.g. --where=unit)" }));
        Assert.That(Directory.Exists(_temp["artifacts/test-results"]), Is.False, "checked before the Test task starts");
    }

    [Test]
    public void Overrides_on_the_command_line_reach_the_bundle()
    {
        BuildScript.Run("--release-version=1.0.1-ci.7", "--domu-name=web02", $"--artifacts={_temp["artifacts"]}").EnsureSuccess("overrides");
        var manifest = File.ReadAllText(_temp["artifacts/demo-1.0.1-ci.7.manifest.json"]);
        Assert.That(manifest, Does.Contain("\"version\": \"1.0.1-ci.7\""));
    }

    [Test]
    public void A_bad_override_is_bad_usage_naming_the_option()
    {
        var result = BuildScript.Run("--domu-address=300.1.2.3", $"--artifacts={_temp["artifacts"]}");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(ErrorLines(result), Is.EqualTo(new[] { "error: --domu-address: domu.network.address: '300.1.2.3' is not an IPv4 address" }));
    }

    [Test]
    public void Artifacts_that_is_a_file_is_bad_usage_naming_the_option_before_any_work()
    {
        var file = _temp.Write("artifacts", "a file, not a directory\n");

        var result = BuildScript.Run($"--artifacts={file}");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(ErrorLines(result), Is.EqualTo(new[] { $"error: --artifacts: {file} is a file; give a directory (it is made when missing)" }));
        Assert.That(result.Output, Does.Not.Contain("ExtractMedia"), "checked before the first stage");
    }

    [Test]
    public void Artifacts_that_cannot_be_written_are_one_error_line_naming_the_directory()
    {
        // A directory in /proc cannot be made, even by root, and only trying shows it (a
        // directory below a file is found by the option check: ConsoleOutputTests).
        const string artifacts = "/proc/self/xenbundle-artifacts";

        var result = BuildScript.Run($"--artifacts={artifacts}");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(ErrorLines(result), Has.One.StartWith($"error: {artifacts}: cannot write artifacts there: "));
        Assert.That(result.Error, Does.Not.Contain("unexpected"));
    }

    /// <summary>The lines that start with "error:", from both streams: the contract wants exactly one.</summary>
    internal static List<string> ErrorLines(ToolResult result) =>
        (result.Output + "\n" + result.Error).Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
}
