using XenBundle.Media;
using XenBundle.Pipeline;
using XenBundle.Recipes;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Guests;

/// <summary>An EL8/EL9 tree's BaseOS and AppStream are the DVD's: the kickstart CD cannot add to them.</summary>
[TestFixture]
[Category(TestCategories.Tool)]
public sealed class KeptRepositoryTests
{
    [Test]
    public void A_kickstart_cd_package_inside_a_kept_repository_is_an_error_naming_it()
    {
        using var temp = new TempDirectory("kept-repo");
        var cd = temp["acme-ks-cd"];
        Tool.Run("xorriso", "-osirrox", "on", "-indev", GuestMedia.KickstartCd, "-extract", "/", cd).EnsureSuccess("xorriso -extract");
        Directory.CreateDirectory(Path.Combine(cd, "BaseOS", "Packages"));
        File.Copy(Path.Combine(cd, "RPMS", "acme-tools-1.2-1.noarch.rpm"), Path.Combine(cd, "BaseOS", "Packages", "acme-tools-1.2-1.noarch.rpm"));
        var yaml = GuestBundle.RecipeYaml(new GuestTarget("el9", "kvm")).Replace(GuestMedia.KickstartCd, cd, StringComparison.Ordinal);
        var recipe = RecipeLoader.Load(temp.Write("recipe/recipe.yaml", yaml));
        using var pipeline = new BundlePipeline(recipe, new PipelineOptions { ArtifactsDirectory = temp["artifacts"], SourceDateEpoch = "1700000000" }, NullPipelineLog.Instance);
        pipeline.ExtractMedia();

        var error = Assert.Throws<XenBundleException>(pipeline.MergeRepositories)!;

        Assert.That(error.Location, Is.EqualTo("acme-ks-cd:/BaseOS/Packages/acme-tools-1.2-1.noarch.rpm"));
        Assert.That(error.Message, Does.StartWith("lands in the BaseOS repository (BaseOS/), whose metadata is kept"));
        Assert.That(pipeline.MergedRepository, Is.Null);
    }
}
