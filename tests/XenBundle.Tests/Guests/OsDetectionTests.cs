using XenBundle.Tests.Support;

namespace XenBundle.Tests.Guests;

/// <summary>The release comes from the media; a recipe that says otherwise is a bad recipe.</summary>
[TestFixture]
[Category(TestCategories.EndToEnd)]
public sealed class OsDetectionTests
{
    [Test]
    public void A_recipe_whose_os_contradicts_its_media_fails_naming_the_key_and_leaves_no_bundle()
    {
        using var temp = new TempDirectory("os-mismatch");
        var target = new GuestTarget("el9", "kvm");
        var recipe = RecipeText.Write(temp, GuestBundle.RecipeYaml(target, os: "el7"));
        var artifacts = temp["artifacts"];

        var result = BuildScript.Run("--recipe=" + recipe, "--artifacts=" + artifacts);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output + result.Error);
        var line = (result.Output + result.Error).Split('\n').Single(l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.That(line, Does.Match(@"^error: .*recipe\.yaml:3: os: el7 contradicts the media, which are el9 \(version 9 in \.treeinfo of CentOS-Stream-9-x86_64-dvd1\.iso\)"));
        Assert.That(Directory.Exists(artifacts) ? Directory.GetFiles(artifacts, "*", SearchOption.AllDirectories) : [], Is.Empty, "no bundle, no report");
    }

    [Test]
    public void The_os_option_that_contradicts_the_media_is_named_instead_of_the_recipe()
    {
        using var temp = new TempDirectory("os-option");
        var recipe = RecipeText.Write(temp, GuestBundle.RecipeYaml(new GuestTarget("el6", "xen-pv")));

        var result = BuildScript.Run("--recipe=" + recipe, "--artifacts=" + temp["artifacts"], "--os=el5", "--target=MergeRepositories");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Output + result.Error, Does.Contain("error: --os: os: el5 contradicts the media, which are el6"));
    }
}
