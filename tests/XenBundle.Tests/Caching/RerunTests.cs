using XenBundle.Media;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Caching;

/// <summary>An unchanged rerun leaves the bundle alone; any change to an input rebuilds it.</summary>
[Category(TestCategories.EndToEnd)]
public sealed class RerunTests
{
    [Test]
    public void A_rerun_with_nothing_changed_leaves_the_artifacts_untouched_and_a_change_rebuilds_them()
    {
        using var temp = new TempDirectory("rerun");
        Tool.Run("cp", "-a", Repository.Demo, temp["demo"]).EnsureSuccess("cp");
        var bundle = temp["out/demo-1.0.0.tar.gz"];
        string[] build = [$"--recipe={temp["demo"]}", $"--artifacts={temp["out"]}"];

        BuildScript.Run(build).EnsureSuccess("first build");
        var first = FileVersion.Of(bundle);

        var again = BuildScript.Run(build).EnsureSuccess("rerun");
        Assert.That(again.Output, Does.Contain("demo-1.0.0: up to date"));
        Assert.That(FileVersion.Of(bundle), Is.EqualTo(first), "same inode, size and times: not rewritten");

        // A changed file on a medium: a new bundle, byte for byte the one a build with no cache
        // makes of the changed media (the cached checksums of the other files still serve, and
        // serve right), and carrying the changed file.
        var motd = temp["demo/media/acme-ks-cd/postinstall/etc/motd"];
        var changedMotd = File.ReadAllText(motd) + "changed\n";
        File.WriteAllText(motd, changedMotd);
        var changed = BuildScript.Run(build).EnsureSuccess("after a change");
        Assert.That(changed.Output, Does.Not.Contain("up to date"));
        BuildScript.Run($"--recipe={temp["demo"]}", $"--artifacts={temp["nothing-cached"]}").EnsureSuccess("the changed media, built with no cache");
        Assert.That(File.ReadAllBytes(bundle), Is.EqualTo(File.ReadAllBytes(temp["nothing-cached/demo-1.0.0.tar.gz"])));
        var bundled = Tool.Run("tar", "-xzOf", bundle, "demo-1.0.0/install/postinstall/etc/motd").EnsureSuccess("tar -xO motd").Output;
        Assert.That(bundled, Is.EqualTo(changedMotd));

        // The artifact itself touched (or removed): rewritten even though the inputs are the same.
        File.Delete(temp["out/demo-1.0.0.report.md"]);
        Assert.That(BuildScript.Run(build).EnsureSuccess("after deleting the report").Output, Does.Not.Contain("up to date"));
        Assert.That(File.Exists(temp["out/demo-1.0.0.report.md"]), Is.True);
    }

    [Test]
    public void A_damaged_cache_only_costs_a_full_build()
    {
        using var temp = new TempDirectory("rerun");
        BuildScript.Run($"--artifacts={temp["out"]}").EnsureSuccess("first build");
        var expected = File.ReadAllBytes(temp["out/demo-1.0.0.tar.gz"]);
        foreach (var file in Directory.EnumerateFiles(temp["out/.cache"], "*.json", SearchOption.AllDirectories))
        {
            File.WriteAllText(file, "{ not json");
        }

        var result = BuildScript.Run($"--artifacts={temp["out"]}").EnsureSuccess("build over a damaged cache");
        Assert.That(result.Output, Does.Not.Contain("up to date"));
        Assert.That(File.ReadAllBytes(temp["out/demo-1.0.0.tar.gz"]), Is.EqualTo(expected), "the same bundle, checksums computed again");
    }

    [Test]
    public void Clean_removes_the_cache_with_the_artifacts()
    {
        using var temp = new TempDirectory("rerun");
        BuildScript.Run($"--artifacts={temp["out"]}").EnsureSuccess("build");
        Assert.That(Directory.Exists(temp["out/.cache"]), Is.True);
        BuildScript.Run("--target=Clean", $"--artifacts={temp["out"]}").EnsureSuccess("clean");
        Assert.That(Directory.Exists(temp["out"]), Is.False);
    }
}
