using XenBundle.Caching;
using XenBundle.Media;
using XenBundle.Pipeline;
using XenBundle.Recipes;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Pipeline;

/// <summary>
/// A rerun with nothing changed finds the bundle up to date before it opens any medium
/// (RunKey); any change to the recipe, the options or a medium's files runs the stages again.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class UpToDateRunTests
{
    private TempDirectory _temp = null!;
    private int _opened;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory("uptodate");
        CopyDirectory(Repository.Demo, _temp["demo"]);
        _opened = 0;
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void A_rerun_with_nothing_changed_opens_no_medium_and_leaves_the_files_alone()
    {
        var first = Build(RecipeLoader.Load(_temp["demo"]));
        Assert.That(_opened, Is.EqualTo(3), "the cold run opens the two discs and the kickstart CD");
        var versions = Versions(first);

        _opened = 0;
        using var pipeline = Pipeline(RecipeLoader.Load(_temp["demo"]));
        pipeline.ExtractMedia();
        pipeline.MergeRepositories();
        pipeline.TransformKickstart();
        pipeline.GenerateVirtInstall();
        var again = pipeline.PackageBundle();

        Assert.That(_opened, Is.Zero, "no medium opened, so none of its directory records or packages read");
        Assert.That(pipeline.UpToDate, Is.Not.Null);
        Assert.That(pipeline.Extracted, Is.Null);
        Assert.That(again.Tarball, Is.EqualTo(first.Tarball));
        Assert.That(again.Content.Files.Select(f => (f.Path, f.Sha256)), Is.EqualTo(first.Content.Files.Select(f => (f.Path, f.Sha256))));
        Assert.That(Versions(again), Is.EqualTo(versions), "same inode, size and times: not rewritten");
    }

    [Test]
    public void A_changed_file_on_a_medium_runs_the_stages_again()
    {
        var first = Build(RecipeLoader.Load(_temp["demo"]));
        var motd = _temp["demo/media/acme-ks-cd/postinstall/etc/motd"];
        File.AppendAllText(motd, "changed\n");

        _opened = 0;
        var second = Build(RecipeLoader.Load(_temp["demo"]));

        Assert.That(_opened, Is.EqualTo(3));
        Assert.That(second.Content.Files.Single(f => f.Path == "install/postinstall/etc/motd").Sha256,
            Is.Not.EqualTo(first.Content.Files.Single(f => f.Path == "install/postinstall/etc/motd").Sha256));
    }

    [Test]
    public void A_changed_recipe_value_an_override_the_clock_or_an_option_runs_the_stages_again()
    {
        Build(RecipeLoader.Load(_temp["demo"]));

        _opened = 0;
        Build(RecipeLoader.Load(_temp["demo"], new RecipeOverrides { Values = [new RecipeOverride("domu-name", "domu.name", "web02")] }));
        Assert.That(_opened, Is.EqualTo(3), "an override");

        _opened = 0;
        Build(RecipeLoader.Load(_temp["demo"]), sourceDateEpoch: "1700000000");
        Assert.That(_opened, Is.EqualTo(3), "SOURCE_DATE_EPOCH");

        _opened = 0;
        Build(RecipeLoader.Load(_temp["demo"]), sourceDateEpoch: "1700000000", allowInteractive: true);
        Assert.That(_opened, Is.EqualTo(3), "--allow-interactive");

        File.AppendAllText(_temp["demo/recipe.yaml"], "# a comment is a change of the recipe's text\n");
        _opened = 0;
        Build(RecipeLoader.Load(_temp["demo"]), sourceDateEpoch: "1700000000", allowInteractive: true);
        Assert.That(_opened, Is.EqualTo(3), "the recipe's text");

        _opened = 0;
        Build(RecipeLoader.Load(_temp["demo"]), sourceDateEpoch: "1700000000", allowInteractive: true);
        Assert.That(_opened, Is.Zero, "and the same again is up to date");
    }

    [Test]
    public void A_touched_artifact_or_a_stage_run_on_its_own_runs_the_stages()
    {
        var first = Build(RecipeLoader.Load(_temp["demo"]));
        File.AppendAllText(first.Report, "edited\n");

        _opened = 0;
        Build(RecipeLoader.Load(_temp["demo"]));
        Assert.That(_opened, Is.EqualTo(3), "the report was changed after it was written");

        _opened = 0;
        using var pipeline = Pipeline(RecipeLoader.Load(_temp["demo"]), skipWhenUpToDate: false);
        pipeline.ExtractMedia();
        Assert.That(_opened, Is.EqualTo(3), "a stage on its own runs for real");
        Assert.That(pipeline.UpToDate, Is.Null);
    }

    [Test]
    public void A_kickstart_file_read_through_a_symlink_counts_by_the_file_it_leads_to_and_the_artifacts_beside_it_do_not()
    {
        Directory.CreateDirectory(_temp["shared"]);
        File.Copy(_temp["demo/media/acme-ks-cd/ks.cfg"], _temp["shared/ks.cfg"]);
        File.CreateSymbolicLink(_temp["demo/ks.cfg"], "../shared/ks.cfg");
        var recipe = File.ReadAllText(_temp["demo/recipe.yaml"]).Replace("  media: media/acme-ks-cd\n", string.Empty, StringComparison.Ordinal);
        File.WriteAllText(_temp["demo/recipe.yaml"], recipe);
        // The artifacts inside the kickstart's directory: they change with every build, and must not count.
        var artifacts = _temp["demo/out"];

        Build(RecipeLoader.Load(_temp["demo"]), artifacts: artifacts);
        _opened = 0;
        Build(RecipeLoader.Load(_temp["demo"]), artifacts: artifacts);
        Assert.That(_opened, Is.Zero, "nothing changed");

        File.AppendAllText(_temp["shared/ks.cfg"], "# changed through the link\n");
        var rebuilt = Build(RecipeLoader.Load(_temp["demo"]), artifacts: artifacts);

        Assert.That(_opened, Is.EqualTo(2), "the kickstart changed: the two discs read again");
        var kickstart = Tool.Run("tar", "-xzOf", rebuilt.Tarball, "demo-1.0.0/install/ks/kickstart.cfg").EnsureSuccess("tar -xO").Output;
        Assert.That(kickstart, Does.Contain("# changed through the link"));
    }

    [Test]
    public void The_run_key_names_no_key_for_a_medium_it_cannot_identify_without_reading_it()
    {
        var recipe = RecipeLoader.Load(_temp["demo"]);
        var options = new PipelineOptions { ArtifactsDirectory = _temp["out"] };
        Assert.That(RunKey.Of(recipe, options), Is.Not.Null);
        Assert.That(RunKey.Of(recipe with { Media = [.. recipe.Media, "/dev/null"] }, options), Is.Null, "a device: a new disc in the same drive would look the same");
        Assert.That(RunKey.Of(recipe with { Media = [.. recipe.Media, _temp["gone"]] }, options), Is.Null);
    }

    private BundleArtifacts Build(Recipe recipe, string? sourceDateEpoch = null, bool allowInteractive = false, string? artifacts = null)
    {
        using var pipeline = Pipeline(recipe, sourceDateEpoch: sourceDateEpoch, allowInteractive: allowInteractive, artifacts: artifacts);
        pipeline.ExtractMedia();
        pipeline.MergeRepositories();
        pipeline.TransformKickstart();
        pipeline.GenerateVirtInstall();
        return pipeline.PackageBundle();
    }

    private BundlePipeline Pipeline(Recipe recipe, bool skipWhenUpToDate = true, string? sourceDateEpoch = null, bool allowInteractive = false, string? artifacts = null) =>
        new(recipe, new PipelineOptions
        {
            ArtifactsDirectory = artifacts ?? _temp["out"],
            Cache = new BuildCache(artifacts ?? _temp["out"]),
            SkipWhenUpToDate = skipWhenUpToDate,
            SourceDateEpoch = sourceDateEpoch,
            AllowInteractive = allowInteractive,
            MediaOpener = path =>
            {
                _opened++;
                return MediaOpener.Open(path);
            },
        }, NullPipelineLog.Instance);

    private static string[] Versions(BundleArtifacts artifacts) =>
        [FileVersion.Of(artifacts.Tarball), FileVersion.Of(artifacts.Manifest), FileVersion.Of(artifacts.Report)];

    private static void CopyDirectory(string from, string to) =>
        Tool.Run("cp", "-a", from, to).EnsureSuccess("cp -a");
}
