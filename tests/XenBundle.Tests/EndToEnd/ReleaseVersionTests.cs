using System.Text.Json;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.EndToEnd;

/// <summary>Release versions: what they name and where they are stamped.</summary>
[Category(TestCategories.EndToEnd)]
public sealed class ReleaseVersionTests
{
    [TestCase("1.4.1-ci.7", "1.4.1-ci.7")]
    [TestCase("-ci.57", "1.0.0-ci.57")]
    [TestCase("+sha.3f2a", "1.0.0+sha.3f2a")]
    public void The_version_names_every_artifact_and_is_stamped_into_the_kickstart(string option, string version)
    {
        using var temp = new TempDirectory("version");
        BuildScript.Run($"--release-version={option}", $"--artifacts={temp.Path}").EnsureSuccess("build");

        var name = $"demo-{version}";
        Assert.That(Directory.GetFiles(temp.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { name + ".tar.gz", name + ".manifest.json", name + ".report.md" }));
        var listing = Tool.Run("tar", "-tzf", temp[name + ".tar.gz"]).EnsureSuccess("tar").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(listing, Has.All.StartWith(name + "/"), "one top directory named after the version");

        using var manifest = JsonDocument.Parse(File.ReadAllText(temp[name + ".manifest.json"]));
        Assert.That(manifest.RootElement.GetProperty("version").GetString(), Is.EqualTo(version));

        Tool.Run("tar", "-xzf", temp[name + ".tar.gz"], "-C", temp.Path).EnsureSuccess("tar -x");
        var kickstart = File.ReadAllText(temp[$"{name}/install/ks/kickstart.cfg"]);
        Assert.That(kickstart, Does.StartWith($"# xenbundle: demo {version} (el5, xen-pv)"), "the header comment");
        Assert.That(kickstart, Does.Contain($"printf '%s\\n' NAME=demo VERSION={version} > /etc/xenbundle-release"), "the %post stamp");
        Assert.That(File.ReadAllText(temp[name + ".report.md"]), Does.StartWith($"# demo {version}"));
    }

    [TestCase("1.4")]
    [TestCase("-")]
    [TestCase("-ci..5")]
    public void A_bad_release_version_is_bad_usage_naming_the_option(string option)
    {
        using var temp = new TempDirectory("version");
        var result = BuildScript.Run($"--release-version={option}", $"--artifacts={temp.Path}");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(BuildScriptTests.ErrorLines(result), Has.Count.EqualTo(1).And.All.StartWith("error: --release-version: version: "));
        Assert.That(Directory.GetFiles(temp.Path), Is.Empty);
    }
}
