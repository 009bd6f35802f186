using System.Text;
using XenBundle.Media;
using XenBundle.Model;
using XenBundle.Pipeline;
using XenBundle.Provisioning;
using XenBundle.Recipes;
using XenBundle.Reporting;
using XenBundle.Tree;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Pipeline;

/// <summary>The stage classes on their own: each is given its inputs and returns its output, with no coordinator between them.</summary>
[Category(TestCategories.Unit)]
public sealed class StageTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory("stages");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void The_kickstart_names_the_repository_that_the_merge_made_so_transform_kickstart_needs_merge_repositories()
    {
        var context = Context(RecipeLoader.Load(Repository.Demo));
        using var media = MediaSet.Open(context.Recipe);
        var extracted = new ExtractMediaStage(context).Run(media);
        Assert.That(extracted.DetectedOs, Is.EqualTo(OsRelease.El5));
        var merged = new MergeRepositoriesStage(context).Run(extracted, OsRelease.El5, () => new BuildClock.Choice(DateTimeOffset.UnixEpoch, "test"));
        Assert.That(merged.Directory, Is.Empty, "an EL5 tree is one repository at its root");

        var transform = new TransformKickstartStage(context);
        var atRoot = Encoding.Latin1.GetString(transform.Run(extracted, merged, OsRelease.El5).Kickstart);
        var ownRepository = Encoding.Latin1.GetString(transform.Run(extracted, merged with { Directory = MergeRepositoriesStage.PackageRepositoryDirectory }, OsRelease.El5).Kickstart);

        Assert.That(atRoot, Does.Not.Contain("repo --name="));
        Assert.That(ownRepository, Does.Contain("\nrepo --name=xenbundle --baseurl=nfs://192.168.50.1:/var/xen/install/xenbundle\n"));
        Assert.That(transform.Run(extracted, null, OsRelease.El5).Kickstart, Is.EqualTo(Encoding.Latin1.GetBytes(atRoot)), "without a merge the kickstart names no repository of its own");
    }

    [Test]
    public void Merge_repositories_returns_a_new_tree_and_leaves_the_extracted_one_as_the_media_have_it()
    {
        var context = Context(RecipeLoader.Load(Repository.Demo));
        using var media = MediaSet.Open(context.Recipe);
        var extracted = new ExtractMediaStage(context).Run(media);
        var before = extracted.Tree.Entries.Select(e => (e.Path, e.Size, e.Content)).ToList();

        var merged = new MergeRepositoriesStage(context).Run(extracted, OsRelease.El5, () => new BuildClock.Choice(DateTimeOffset.UnixEpoch, "test"));

        Assert.That(extracted.Tree.Entries.Select(e => (e.Path, e.Size, e.Content)), Is.EqualTo(before), "the extracted tree is not changed");
        Assert.That(merged.Tree, Is.Not.SameAs(extracted.Tree));
        Assert.That(merged.Tree.Contains("repodata"), Is.False, "the media's old metadata is out, and the new is written once the packages are hashed");
        var complete = merged.CompleteTree();
        var repomd = complete["repodata/repomd.xml"]!;
        Assert.That(repomd.Content, Is.Not.SameAs(extracted.Tree["repodata/repomd.xml"]?.Content), "the complete tree has the new repomd.xml");
        Assert.That(merged.Repodata.Files.Select(f => f.Path), Is.All.Matches<string>(complete.Contains));
        Assert.That(complete.Entries.Where(e => e.Path.EndsWith(".rpm", StringComparison.Ordinal)).Select(e => e.Path),
            Is.EquivalentTo(merged.Repodata.Packages.Select(p => p.Href)), "every package the metadata lists, and only those");
    }

    [Test]
    public void Generate_virt_install_needs_only_the_os_release_and_returns_the_dom0_files()
    {
        var context = Context(RecipeLoader.Load(Repository.Demo));

        var dom0 = new GenerateVirtInstallStage(context).Run(OsRelease.El5);

        Assert.That(dom0.Tree.Entries.Where(e => e.Kind == EntryKind.File).Select(e => e.Path).Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { "README.txt", "dom0/exports", "dom0/setup.sh", "dom0/teardown.sh", "dom0/virt-install.sh" }));
        Assert.That(context.Report.Sections.Select(s => s.Title), Has.One.EqualTo(Dom0Provisioning.ReportTitle));
    }

    [Test]
    public void The_report_lists_the_stages_sections_in_pipeline_order_whatever_order_they_ran_in()
    {
        static BuildClock.Choice Clock() => new(DateTimeOffset.UnixEpoch, "test");
        var inOrder = Context(RecipeLoader.Load(Repository.Demo));
        using (var media = MediaSet.Open(inOrder.Recipe))
        {
            var extracted = new ExtractMediaStage(inOrder).Run(media);
            var merged = new MergeRepositoriesStage(inOrder).Run(extracted, OsRelease.El5, Clock);
            new TransformKickstartStage(inOrder).Run(extracted, merged, OsRelease.El5);
            new GenerateVirtInstallStage(inOrder).Run(OsRelease.El5);
        }

        var shuffled = Context(RecipeLoader.Load(Repository.Demo));
        using (var media = MediaSet.Open(shuffled.Recipe))
        {
            var extracted = new ExtractMediaStage(shuffled).Run(media);
            new GenerateVirtInstallStage(shuffled).Run(OsRelease.El5);
            new TransformKickstartStage(shuffled).Run(extracted, null, OsRelease.El5);
            new MergeRepositoriesStage(shuffled).Run(extracted, OsRelease.El5, Clock);
        }

        var titles = inOrder.Report.Sections.Select(s => s.Title).ToList();
        Assert.That(titles, Is.EqualTo(new[] { "Inputs", "Merged tree", "Packages per medium", "Duplicate packages", "Groups", "Kickstart", Dom0Provisioning.ReportTitle }));
        Assert.That(shuffled.Report.Sections.Select(s => s.Title), Is.EqualTo(titles));
        Assert.That(shuffled.Report.Render("demo"), Is.EqualTo(inOrder.Report.Render("demo")), "the same sections, in the same places, with the same text");
    }

    [Test]
    public void A_stage_called_before_the_one_it_reads_from_says_which_one()
    {
        using var pipeline = new BundlePipeline(RecipeLoader.Load(Repository.Demo), new PipelineOptions { ArtifactsDirectory = _temp["artifacts"] }, NullPipelineLog.Instance);

        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<XenBundleException>(pipeline.MergeRepositories)!.ErrorLine, Is.EqualTo("error: --exclusive: MergeRepositories needs what ExtractMedia produces: run it without --exclusive"));
            Assert.That(Assert.Throws<XenBundleException>(() => pipeline.PackageBundle())!.ErrorLine, Is.EqualTo("error: --exclusive: PackageBundle needs what ExtractMedia produces: run it without --exclusive"));
            Assert.That(Directory.Exists(_temp["artifacts"]), Is.False, "nothing written");
        });
    }

    private StageContext Context(Recipe recipe) =>
        new(recipe, new PipelineOptions { ArtifactsDirectory = _temp["artifacts"] }, NullPipelineLog.Instance, new BuildReport());
}
