using XenBundle.Tests.Support;

namespace XenBundle.Tests.EndToEnd;

/// <summary>--previous: the report says what changed since an earlier bundle.</summary>
public sealed class PreviousBundleTests
{
    [Test]
    public void The_report_lists_package_changes_and_the_kickstart_diff()
    {
        using var temp = new TempDirectory("previous");
        BuildScript.Run($"--artifacts={temp["v1"]}").EnsureSuccess("first build");

        // The next release: a disc without yum, another guest name.
        Tool.Run("cp", "-a", Path.Combine(Repository.Demo, "media"), temp["media"]).EnsureSuccess("cp");
        File.Delete(temp["media/CentOS-5.11-i386-disc1/CentOS/yum-3.2.22-40.el5.centos.noarch.rpm"]);
        var recipe = File.ReadAllText(Path.Combine(Repository.Demo, "recipe.yaml")).Replace("version: 1.0.0", "version: 1.1.0").Replace("name: web01", "name: web02");
        temp.Write("recipe.yaml", recipe);

        foreach (var previous in new[] { temp["v1/demo-1.0.0.tar.gz"], temp["v1/demo-1.0.0.manifest.json"] })
        {
            BuildScript.Run($"--recipe={temp["recipe.yaml"]}", $"--artifacts={temp["v2"]}", $"--previous={previous}").EnsureSuccess("second build");
            var report = File.ReadAllText(temp["v2/demo-1.1.0.report.md"]);
            Assert.That(report, Does.Contain("## Changes since 1.0.0"));
            Assert.That(report, Does.Contain("| yum.noarch | 3.2.22-40.el5.centos | - | removed |"));
            Assert.That(report, Does.Contain("-printf '%s\\n' NAME=demo VERSION=1.0.0 > /etc/xenbundle-release").And.Contain("+printf '%s\\n' NAME=demo VERSION=1.1.0 > /etc/xenbundle-release"));
        }
    }

    [Test]
    public void A_previous_bundle_that_does_not_exist_is_bad_usage_and_writes_nothing()
    {
        using var temp = new TempDirectory("previous");
        var result = BuildScript.Run($"--artifacts={temp["out"]}", $"--previous={temp["nowhere.tar.gz"]}");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(BuildScriptTests.ErrorLines(result), Has.Count.EqualTo(1).And.All.StartWith("error: --previous: "));
        Assert.That(Directory.Exists(temp["out"]) ? Directory.GetFiles(temp["out"], "*.tar.gz") : [], Is.Empty);
    }
}
