using System.Text;
using XenBundle.Kickstart.Syntax;
using XenBundle.Media;
using XenBundle.Pipeline;
using XenBundle.Recipes;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Kickstart;

/// <summary>The TransformKickstart stage of the pipeline, and the stand-alone rewrite of one file.</summary>
[Category(TestCategories.Unit)]
public sealed class KickstartPipelineTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory("ks-pipeline");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void The_demo_kickstart_is_rewritten_and_the_report_has_the_changes_the_diff_and_the_warnings()
    {
        using var pipeline = Pipeline(RecipeLoader.Load(Repository.Demo));
        pipeline.ExtractMedia();
        pipeline.TransformKickstart();

        var kickstart = Encoding.Latin1.GetString(pipeline.TransformedKickstart!.Kickstart);
        Assert.That(kickstart, Does.Contain("\nnfs --server=192.168.50.1 --dir=/var/xen/install\n").And.Contain("--ondisk=xvda").And.Contain("\nkernel-xen\n"));
        Assert.That(kickstart, Does.Contain("set -- RPMS ks.cfg postinstall\n"), "the kickstart CD's own top-level entries");
        Assert.That(pipeline.Extracted!.SourceKickstart, Is.Not.EqualTo(pipeline.TransformedKickstart!.Kickstart));

        var report = pipeline.Report.Render("demo");
        Assert.That(report, Does.Contain("## Kickstart").And.Contain("```diff\n--- source\n+++ transformed\n").And.Contain("-cdrom\n+nfs --server=192.168.50.1"));
        Assert.That(report, Does.Contain("| ks.cfg:3 | install from the Dom0's NFS export"));
        Assert.That(kickstart, Does.Contain("\nnetwork --device eth0 --bootproto static --ip 192.168.50.20 --netmask 255.255.255.0 --gateway 192.168.50.1 --nameserver 192.168.50.2 --hostname web01\n"));
        Assert.That(report, Does.Contain("| ks.cfg:6 | the guest's address from the recipe (domu.network)"));
        Assert.That(pipeline.Report.Warnings, Has.None.Contain("network"));
    }

    [Test]
    public void The_report_names_the_cd_files_but_never_shows_their_content()
    {
        using var pipeline = Pipeline(RecipeLoader.Load(Repository.Demo));
        pipeline.ExtractMedia();
        pipeline.TransformKickstart();
        var report = pipeline.Report.Render("demo");

        Assert.That(report, Does.Contain("postinstall"));
        foreach (var file in new[] { "postinstall/etc/motd", "postinstall/root/authorized_keys" })
        {
            var content = File.ReadAllText(Path.Combine(Repository.Demo, "media", "acme-ks-cd", file)).Trim();
            Assert.That(report, Does.Not.Contain(content));
        }
    }

    [Test]
    public void Run_alone_before_extract_media_it_says_what_it_needs()
    {
        using var pipeline = Pipeline(RecipeLoader.Load(Repository.Demo));
        var error = Assert.Throws<XenBundleException>(pipeline.TransformKickstart)!;
        Assert.That(error.ErrorLine, Is.EqualTo("error: --exclusive: TransformKickstart needs what ExtractMedia produces: run it without --exclusive"));
    }

    [Test]
    public void A_malformed_kickstart_fails_the_stage_with_file_and_line()
    {
        var recipe = RecipeWithKickstart("install\ncdrom\nrootpw --plaintext \"oops\n");
        using var pipeline = Pipeline(recipe);
        pipeline.ExtractMedia();
        var error = Assert.Throws<KickstartSyntaxException>(pipeline.TransformKickstart)!;
        Assert.That(error.ErrorLine, Is.EqualTo("error: ks.cfg:3: unterminated double quote (a quote may not span lines)"));
    }

    [Test]
    public void A_kickstart_from_disk_has_no_cd_files_to_copy_and_follows_includes_beside_it()
    {
        _temp.Write("recipe/site/disks.cfg", "zerombr\nclearpart --all --drives=sda --initlabel\npart / --size=1 --grow --ondisk=sda\n");
        var recipe = RecipeWithKickstart("install\ncdrom\nlang C\nkeyboard us\ntimezone UTC\nrootpw --iscrypted $1$x$y\nbootloader\nreboot\n%include site/disks.cfg\n%packages\n@core\n");
        using var pipeline = Pipeline(recipe);
        pipeline.ExtractMedia();
        pipeline.TransformKickstart();

        var kickstart = Encoding.Latin1.GetString(pipeline.TransformedKickstart!.Kickstart);
        Assert.That(kickstart, Does.Contain("part / --size=1 --grow --ondisk=xvda").And.Not.Match("(?m)^%include").And.Not.Contain("postinstall_files"));
        Assert.That(kickstart, Does.Contain("@core\n\n# xenbundle: record what this guest was built from\n%post\n"));
        Assert.That(pipeline.Report.Warnings, Has.None.Contain("not known"));
    }

    [Test]
    public void The_cd_files_are_its_own_top_level_entries_not_the_distributions()
    {
        _temp.Write("disc1/.discinfo", "1");
        _temp.Write("disc1/CentOS/a.rpm", "a");
        _temp.Write("disc1/repodata/repomd.xml", "r");
        _temp.Write("ks/ks.cfg", "install");
        _temp.Write("ks/CentOS/b.rpm", "b");
        _temp.Write("ks/repodata/repomd.xml", "r2");
        _temp.Write("ks/TRANS.TBL", "t");
        _temp.Write("ks/images/xen/vmlinuz", "k");
        _temp.Write("ks/postinstall/etc/motd", "m");
        _temp.Write("ks/site-rpms/c.rpm", "c");
        using var disc = new DirectoryMediaSource(_temp["disc1"]);
        using var ks = new DirectoryMediaSource(_temp["ks"]);

        Assert.That(KickstartCdFiles.TopLevel(ks, [disc]), Is.EqualTo(new[] { "ks.cfg", "postinstall", "site-rpms" }));
    }

    [Test]
    public void An_include_is_found_on_the_medium_relative_to_the_kickstart_or_under_a_cd_mount_point()
    {
        _temp.Write("ks/ks/web.cfg", "install");
        _temp.Write("ks/ks/disks.cfg", "zerombr");
        _temp.Write("ks/common.cfg", "lang en_US");
        using var medium = new DirectoryMediaSource(_temp["ks"]);
        var resolve = KickstartCdFiles.Resolver(medium, "ks/web.cfg");

        Assert.That(resolve("disks.cfg")!.Name, Is.EqualTo($"{medium.Name}:/ks/disks.cfg"));
        Assert.That(Encoding.Latin1.GetString(resolve("/mnt/source/common.cfg")!.Content), Is.EqualTo("lang en_US"));
        Assert.That(resolve("/tmp/part-include"), Is.Null);
        Assert.That(resolve("/mnt/source/ks"), Is.Null, "a directory is not a file to include");
    }

    [Test]
    public void Transform_file_rewrites_one_kickstart_with_the_recipe_alone()
    {
        var recipe = RecipeLoader.Load(Repository.Demo);
        var input = _temp.Write("in/ks.cfg", File.ReadAllText(Path.Combine(Repository.Demo, "media", "acme-ks-cd", "ks.cfg")));
        var result = TransformKickstartStage.TransformFile(recipe, input, _temp["out/kickstart.cfg"]);

        Assert.That(File.ReadAllBytes(_temp["out/kickstart.cfg"]), Is.EqualTo(result.Kickstart));
        Assert.That(Directory.GetFiles(_temp["out"]), Has.Length.EqualTo(1), "no temporary file left");
        Assert.That(result.Warnings.Select(w => w.Message), Does.Contain("the kickstart CD's files are not known (its media were not read): no %post copies them to /tmp/postinstall_files"));
    }

    [Test]
    public void Transform_file_without_an_os_asks_for_one()
    {
        var recipe = RecipeLoader.Load(Repository.Demo) with { Os = null };
        var input = _temp.Write("ks.cfg", "install\n");
        var error = Assert.Throws<XenBundleException>(() => TransformKickstartStage.TransformFile(recipe, input, _temp["out.cfg"]))!;
        Assert.That(error.Message, Does.Contain("--os=el5..el9"));
        Assert.That(error.ExitCodeValue, Is.EqualTo(ExitCode.BadUsage));
        Assert.That(File.Exists(_temp["out.cfg"]), Is.False);
    }

    private BundlePipeline Pipeline(Recipe recipe) =>
        new(recipe, new PipelineOptions { ArtifactsDirectory = _temp["artifacts"] }, NullPipelineLog.Instance);

    /// <summary>The demo recipe with its kickstart read from disk (no kickstart CD).</summary>
    private Recipe RecipeWithKickstart(string kickstart)
    {
        var text = RecipeText.Valid().Replace($"  media: {Path.Combine(Repository.Demo, "media")}/acme-ks-cd\n", string.Empty, StringComparison.Ordinal);
        _temp.Write("recipe/ks.cfg", kickstart);
        return RecipeLoader.Load(RecipeText.Write(_temp, text));
    }
}
