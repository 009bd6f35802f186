using XenBundle.Media;
using XenBundle.Pipeline;
using XenBundle.Recipes;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Pipeline;

/// <summary>
/// The repository metadata is written after the packages it describes (from their hashes):
/// nothing on a medium may stand where it goes, and the tarball unpacks with it in place.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class RepositoryFilesTests
{
    [Test]
    public void A_medium_whose_repodata_is_a_symlink_gives_a_bundle_with_a_real_repodata_directory()
    {
        using var temp = new TempDirectory("latefiles");
        Tool.Run("cp", "-a", Repository.Demo, temp["demo"]).EnsureSuccess("cp -a");
        foreach (var disc in new[] { temp["demo/media/CentOS-5.11-i386-disc1"], temp["demo/media/CentOS-5.11-i386-disc2"] })
        {
            Directory.Move(Path.Combine(disc, "repodata"), Path.Combine(disc, "old-repodata"));
            File.CreateSymbolicLink(Path.Combine(disc, "repodata"), "old-repodata");
        }

        using var pipeline = new BundlePipeline(RecipeLoader.Load(temp["demo"]), new PipelineOptions { ArtifactsDirectory = temp["out"], SourceDateEpoch = "1700000000" }, NullPipelineLog.Instance);
        pipeline.ExtractMedia();
        pipeline.MergeRepositories();
        pipeline.TransformKickstart();
        pipeline.GenerateVirtInstall();
        var artifacts = pipeline.PackageBundle();

        var listing = Tool.Run("tar", "-tvzf", artifacts.Tarball).EnsureSuccess("tar -tv").Output;
        Assert.That(listing, Does.Contain(" demo-1.0.0/install/repodata/\n").And.Not.Contain("demo-1.0.0/install/repodata -> "));
        Directory.CreateDirectory(temp["unpacked"]);
        Tool.Run("bsdtar", "-xf", artifacts.Tarball, "-C", temp["unpacked"]).EnsureSuccess("bsdtar -x");
        Assert.That(File.Exists(temp["unpacked/demo-1.0.0/install/repodata/repomd.xml"]), Is.True);
        Assert.That(new FileInfo(temp["unpacked/demo-1.0.0/install/repodata"]).LinkTarget, Is.Null);
    }
}
