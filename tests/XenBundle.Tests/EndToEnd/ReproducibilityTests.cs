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

    [Test]
    public void A_recipe_directory_with_its_images_copied_elsewhere_gives_the_same_bundle_outside_git()
    {
        using var temp = new TempDirectory("repro-copy");
        var original = temp["original"];
        Directory.CreateDirectory(original);
        foreach (var medium in new[] { "CentOS-5.11-i386-disc1", "CentOS-5.11-i386-disc2", "acme-ks-cd" })
        {
            Tool.Run("genisoimage", ["-quiet", "-R", "-J", "-V", medium[..Math.Min(medium.Length, 32)], "-o", Path.Combine(original, medium + ".iso"), Path.Combine(Repository.Demo, "media", medium)])
                .EnsureSuccess("genisoimage " + medium);
        }

        var recipe = File.ReadAllText(Path.Combine(Repository.Demo, "recipe.yaml"))
            .Replace("  - media/CentOS-5.11-i386-disc1\n", "  - CentOS-5.11-i386-disc1.iso\n", StringComparison.Ordinal)
            .Replace("  - media/CentOS-5.11-i386-disc2\n", "  - CentOS-5.11-i386-disc2.iso\n", StringComparison.Ordinal)
            .Replace("  media: media/acme-ks-cd\n", "  media: acme-ks-cd.iso\n", StringComparison.Ordinal);
        Assert.That(recipe, Does.Contain("- CentOS-5.11-i386-disc2.iso\n").And.Contain("media: acme-ks-cd.iso\n"));
        File.WriteAllText(Path.Combine(original, "recipe.yaml"), recipe);

        // A copy without -p: every file (the images, the recipe) gets a new modification time.
        Thread.Sleep(1100);
        Directory.CreateDirectory(temp["elsewhere"]);
        Tool.Run("cp", "-r", original, temp["elsewhere/copy"]).EnsureSuccess("cp -r");
        File.SetLastWriteTimeUtc(temp["elsewhere/copy/CentOS-5.11-i386-disc2.iso"], DateTime.UtcNow.AddDays(3));
        File.SetLastWriteTimeUtc(temp["elsewhere/copy/recipe.yaml"], DateTime.UtcNow.AddDays(5));

        Build(original, temp["out1"], "UTC", "C.UTF-8", "022", withoutClock: true);
        Build(temp["elsewhere/copy"], temp["out2"], "Pacific/Chatham", "en_US.UTF-8", "077", withoutClock: true);

        Assert.That(File.ReadAllBytes(temp["out2/demo-1.0.0.tar.gz"]), Is.EqualTo(File.ReadAllBytes(temp["out1/demo-1.0.0.tar.gz"])));
        Assert.That(File.ReadAllBytes(temp["out2/demo-1.0.0.manifest.json"]), Is.EqualTo(File.ReadAllBytes(temp["out1/demo-1.0.0.manifest.json"])));
        var manifest = File.ReadAllText(temp["out1/demo-1.0.0.manifest.json"]);
        Assert.That(manifest, Does.Not.Contain(temp.Path), "the manifest names the inputs, not where they were on the build machine");
        Assert.That(File.ReadAllText(temp["out1/demo-1.0.0.report.md"]), Does.Contain(" UTC from the newest date the media record."));
    }

    private static void Build(string recipe, string artifacts, string timezone, string locale, string umask, bool withoutClock = false)
    {
        var environment = new Dictionary<string, string> { ["TZ"] = timezone, ["LANG"] = locale, ["LC_ALL"] = locale };
        var unset = withoutClock ? "unset SOURCE_DATE_EPOCH && " : string.Empty;
        Tool.Run("bash", ["-c", $"{unset}umask {umask} && exec \"$0\" --recipe=\"$1\" --artifacts=\"$2\"", Repository.BuildScript, recipe, artifacts], environment: environment)
            .EnsureSuccess($"build in {timezone} with umask {umask}");
    }
}
