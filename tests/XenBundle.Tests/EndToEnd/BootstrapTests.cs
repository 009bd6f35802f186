using XenBundle.Tests.Support;

namespace XenBundle.Tests.EndToEnd;

/// <summary>build.sh itself: the SDK check and not rebuilding what is up to date.</summary>
[Category(TestCategories.EndToEnd)]
public sealed class BootstrapTests
{
    [Test]
    public void A_rerun_without_source_changes_does_not_rebuild_the_host()
    {
        BuildScript.Run("--version").EnsureSuccess("first run");
        var again = BuildScript.Run("--version").EnsureSuccess("second run");
        Assert.That(again.Error, Does.Not.Contain("Building the pipeline host"));
        Assert.That(again.Output, Does.StartWith("XenBundle "));
    }

    [Test]
    public void A_missing_sdk_is_named_clearly()
    {
        using var temp = new TempDirectory("sdk");
        // A copy of the bootstrap whose global.json asks for an SDK nobody has, and no host built yet.
        File.Copy(Repository.BuildScript, temp["build.sh"]);
        File.WriteAllText(temp["global.json"], """{ "sdk": { "version": "99.0.100", "rollForward": "latestFeature" } }""");
        Directory.CreateDirectory(temp["build"]);

        var result = BuildScript.Run([], workingDirectory: temp.Path, script: temp["build.sh"]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith("error: no .NET SDK matching global.json (99.0.100, rollForward latestFeature); installed: 10."));
    }
}
