using XenBundle.Tests.Support;

namespace XenBundle.Tests.EndToEnd;

/// <summary>--recipe=all: every recipe of recipes/, each its own artifacts, failures named at the end.</summary>
[Category(TestCategories.EndToEnd)]
public sealed class AllRecipesTests
{
    [Test]
    public void One_failing_recipe_fails_the_run_after_the_others_are_built_and_the_summary_names_it()
    {
        using var temp = new TempDirectory("all");
        var media = Path.Combine(Repository.Demo, "media");
        RecipeText.Write(temp, RecipeText.Valid().Replace("name: web", "name: alpha"), "recipes/alpha");
        // beta lacks disc 2, where kernel-xen is: its repository check fails.
        RecipeText.Write(temp, RecipeText.Valid().Replace("name: web", "name: beta").Replace($"  - {media}/CentOS-5.11-i386-disc2\n", string.Empty), "recipes/beta");
        RecipeText.Write(temp, RecipeText.Valid().Replace("name: web", "name: gamma").Replace("web01", "web03"), "recipes/gamma");
        RecipeText.Write(temp, RecipeText.Valid().Replace("name: web", "name: delta").Replace("dom0:", "dom0:\n  colour: red"), "recipes/delta");

        var result = BuildScript.Run("--recipe=all", $"--working={temp.Path}", $"--artifacts={temp["out"]}");

        Assert.That(result.ExitCode, Is.EqualTo(2), "a bad recipe (delta) among the failures makes it bad usage");
        Assert.That(Directory.GetFiles(temp["out"], "*.tar.gz").Select(Path.GetFileName), Is.EquivalentTo(new[] { "alpha-1.4.0.tar.gz", "gamma-1.4.0.tar.gz" }));
        var errors = BuildScriptTests.ErrorLines(result);
        Assert.That(errors, Has.Some.Contains("kernel-xen"), "beta's own error");
        Assert.That(errors, Has.Some.Contains("dom0.colour: unknown key"), "delta's own error");
        Assert.That(errors[^1], Does.StartWith("error: --recipe=all: 2 of 4 recipes failed: ").And.Contain("beta").And.Contain("delta"));
        Assert.That(result.Output, Does.Contain("Recipes built: alpha-1.4.0, gamma-1.4.0"));
    }

    [Test]
    public void Recipes_that_share_media_all_build()
    {
        using var temp = new TempDirectory("all");
        RecipeText.Write(temp, RecipeText.Valid().Replace("name: web", "name: alpha"), "recipes/alpha");
        RecipeText.Write(temp, RecipeText.Valid().Replace("name: web", "name: beta").Replace("web01", "web02"), "recipes/beta");

        BuildScript.Run("--recipe=all", $"--working={temp.Path}", $"--artifacts={temp["out"]}").EnsureSuccess("--recipe=all");

        Assert.That(Directory.GetFiles(temp["out"], "*.tar.gz").Select(Path.GetFileName), Is.EquivalentTo(new[] { "alpha-1.4.0.tar.gz", "beta-1.4.0.tar.gz" }));
    }
}
