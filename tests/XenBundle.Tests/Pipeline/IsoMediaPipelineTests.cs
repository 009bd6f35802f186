using System.Security.Cryptography;
using XenBundle.Media;
using XenBundle.Pipeline;
using XenBundle.Recipes;
using XenBundle.Tests.Media.Iso;
using XenBundle.Tests.Support;
using XenBundle.Tree;

namespace XenBundle.Tests.Pipeline;

/// <summary>ISO images as recipe media, beside directories: the same merged install tree either way.</summary>
[Category(TestCategories.Tool)]
public sealed class IsoMediaPipelineTests
{
    [Test]
    public void The_demo_media_as_iso_images_give_the_same_install_tree_as_the_directories()
    {
        using var temp = new TempDirectory("isomedia");
        var media = Path.Combine(Repository.Demo, "media");
        var text = RecipeText.Valid();
        foreach (var (medium, options) in new[]
        {
            ("CentOS-5.11-i386-disc1", new[] { "-R", "-J", "-b", "isolinux/vmlinuz", "-c", "isolinux/boot.cat", "-no-emul-boot" }),
            ("CentOS-5.11-i386-disc2", new[] { "-R", "-J" }),
            ("acme-ks-cd", new[] { "-R", "-J" }),
        })
        {
            var image = temp[medium + ".iso"];
            IsoTools.Genisoimage(Path.Combine(media, medium), image, options);
            text = text.Replace($"{media}/{medium}\n", $"{image}\n", StringComparison.Ordinal);
        }

        Assert.That(text, Does.Not.Contain(media), "every medium is an image");
        using var fromDirectories = Extract(RecipeLoader.Load(RecipeText.Write(temp, RecipeText.Valid(), "directories")), temp["a"]);
        using var fromImages = Extract(RecipeLoader.Load(RecipeText.Write(temp, text, "images")), temp["b"]);

        Assert.That(Describe(fromImages.Extracted!.Tree), Is.EqualTo(Describe(fromDirectories.Extracted!.Tree)));
        Assert.That(fromImages.Extracted!.SourceKickstart, Is.EqualTo(fromDirectories.Extracted!.SourceKickstart));
        Assert.That(fromImages.Report.Sections.Single(s => s.Title == "Inputs").Body, Does.Contain("CentOS-5.11-i386-disc1.iso: El Torito boot catalog"));
    }

    [Test]
    public void A_kickstart_cd_with_a_fifo_builds_without_it_and_says_so_on_the_console_and_in_the_report()
    {
        // genisoimage -R records a FIFO as Rock Ridge makes it; bsdtar lists it as 'p'.
        using var temp = new TempDirectory("isofifo");
        var media = Path.Combine(Repository.Demo, "media");
        var cd = temp["ks-cd"];
        Tool.Run("cp", "-a", Path.Combine(media, "acme-ks-cd"), cd).EnsureSuccess("cp");
        Tool.Run("mkfifo", Path.Combine(cd, "postinstall-pipe")).EnsureSuccess("mkfifo");
        var image = temp["acme-ks-cd.iso"];
        IsoTools.Genisoimage(cd, image, "-R", "-J");
        var text = RecipeText.Valid().Replace($"{media}/acme-ks-cd\n", $"{image}\n", StringComparison.Ordinal);
        var log = new RecordingLog();

        using var pipeline = Extract(RecipeLoader.Load(RecipeText.Write(temp, text, "fifo")), temp["a"], log);

        Assert.That(log.Warnings, Has.One.Match(@"^acme-ks-cd\.iso: offset \d+: 'postinstall-pipe' is a FIFO, which is not extracted$"));
        Assert.That(pipeline.Report.Warnings, Has.One.Contains("'postinstall-pipe' is a FIFO"));
        Assert.That(pipeline.Extracted!.Tree["postinstall-pipe"], Is.Null);
    }

    private static BundlePipeline Extract(Recipe recipe, string artifacts, IPipelineLog? log = null)
    {
        var pipeline = new BundlePipeline(recipe, new PipelineOptions { ArtifactsDirectory = artifacts }, log ?? NullPipelineLog.Instance);
        pipeline.ExtractMedia();
        return pipeline;
    }

    private static List<string> Describe(VirtualTree tree) =>
        [.. tree.Entries.Select(e => $"{e.Path} {e.Kind} {UnixMode.Format(e.Mode)} {e.SymlinkTarget} {(e.Content is { } c ? Hash(c) : string.Empty)}")];

    private static string Hash(IContent content)
    {
        using var stream = content.OpenRead();
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
