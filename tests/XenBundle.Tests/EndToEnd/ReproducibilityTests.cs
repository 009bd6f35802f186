using XenBundle.Tests.Support;

namespace XenBundle.Tests.EndToEnd;

/// <summary>Same inputs, same bytes: whatever the checkout path, timezone, locale and umask.</summary>
[Category(TestCategories.EndToEnd)]
public sealed class ReproducibilityTests
{
    [Test]
    public void Two_clones_built_in_different_timezones_locales_and_umasks_give_identical_bundles()
    {
        using var temp = new TempDirectory("repro");
        // Two checkouts of the committed demo at different paths (git gives their files new times).
        Tool.Run("git", "clone", "-q", "--no-hardlinks", Repository.Root, temp["first/checkout"]).EnsureSuccess("git clone");
        Thread.Sleep(1100);
        Tool.Run("git", "clone", "-q", "--no-hardlinks", Repository.Root, temp["second/elsewhere/checkout"]).EnsureSuccess("git clone");

        Build(temp["first/checkout/recipes/demo"], temp["out1"], "UTC", "C.UTF-8", "022");
        Build(temp["second/elsewhere/checkout/recipes/demo"], temp["out2"], "Pacific/Chatham", "en_US.UTF-8", "077");

        var first = File.ReadAllBytes(temp["out1/demo-1.0.0.tar.gz"]);
        var second = File.ReadAllBytes(temp["out2/demo-1.0.0.tar.gz"]);
        Assert.That(second, Is.EqualTo(first));
        Assert.That(File.ReadAllBytes(temp["out2/demo-1.0.0.manifest.json"]), Is.EqualTo(File.ReadAllBytes(temp["out1/demo-1.0.0.manifest.json"])));
    }

    private static void Build(string recipe, string artifacts, string timezone, string locale, string umask)
    {
        var environment = new Dictionary<string, string> { ["TZ"] = timezone, ["LANG"] = locale, ["LC_ALL"] = locale };
        Tool.Run("bash", ["-c", $"umask {umask} && exec \"$0\" --recipe=\"$1\" --artifacts=\"$2\"", Repository.BuildScript, recipe, artifacts], environment: environment)
            .EnsureSuccess($"build in {timezone} with umask {umask}");
    }
}
