using XenBundle.Tests.Support;

namespace XenBundle.Tests.EndToEnd;

/// <summary>--previous: the report says what changed since an earlier bundle.</summary>
[Category(TestCategories.EndToEnd)]
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
    public void A_new_guest_address_lists_every_changed_file_with_its_diff()
    {
        using var temp = new TempDirectory("previous-guest");
        BuildScript.Run($"--artifacts={temp["v1"]}").EnsureSuccess("first build");
        BuildScript.Run($"--artifacts={temp["v2"]}", "--domu-address=192.168.50.21", "--release-version=1.0.1", $"--previous={temp["v1/demo-1.0.0.tar.gz"]}").EnsureSuccess("second build");
        var report = File.ReadAllText(temp["v2/demo-1.0.1.report.md"]);
        var changes = report[report.IndexOf("## Changes since 1.0.0", StringComparison.Ordinal)..];

        Assert.Multiple(() =>
        {
            Assert.That(changes, Does.Contain("### Files\n\n6 of "), "five generated files and the kickstart");
            foreach (var file in new[] { "README.txt", "dom0/exports", "dom0/setup.sh", "dom0/teardown.sh", "dom0/virt-install.sh", "install/ks/kickstart.cfg" })
            {
                Assert.That(changes, Does.Contain($"\n| {file} | changed (").And.Contain($"\n#### {file}\n\n```diff\n--- demo-1.0.0/{file}\n+++ demo-1.0.1/{file}\n"), file);
            }

            Assert.That(changes, Does.Contain("\n-/var/xen/install 192.168.50.20(").And.Contain("\n+/var/xen/install 192.168.50.21("), "dom0/exports");
            Assert.That(changes, Does.Contain("ip=192.168.50.21 "), "the boot arguments in the scripts and README.txt");
            Assert.That(changes, Does.Contain("+printf '%s\\n' NAME=demo VERSION=1.0.1 > /etc/xenbundle-release"), "the kickstart");
            Assert.That(changes, Does.Not.Contain("#### install/ks.cfg").And.Not.Contain("| install/ks.cfg |"), "the kickstart CD's own files did not change");
        });

        // A manifest alone lists the files but has no text to compare.
        Directory.CreateDirectory(temp["alone"]);
        File.Copy(temp["v1/demo-1.0.0.manifest.json"], temp["alone/demo-1.0.0.manifest.json"]);
        BuildScript.Run($"--artifacts={temp["v3"]}", "--domu-address=192.168.50.21", "--release-version=1.0.1", $"--previous={temp["alone/demo-1.0.0.manifest.json"]}").EnsureSuccess("third build");
        var report3 = File.ReadAllText(temp["v3/demo-1.0.1.report.md"]);
        var alone = report3[report3.IndexOf("## Changes since 1.0.0", StringComparison.Ordinal)..];
        Assert.That(alone, Does.Contain("\n| dom0/exports | changed (").And.Contain("\n#### dom0/exports\n\nNo diff: the earlier bundle was given as a manifest alone"));
        Assert.That(alone, Does.Not.Contain("```diff"));
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
