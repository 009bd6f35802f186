using System.Text;
using XenBundle.Tests.Fuzzing;
using XenBundle.Tests.Media.Iso;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.EndToEnd;

/// <summary>
/// ./build.sh on recipes whose media were damaged or made hostile on purpose. Each must
/// fail the way the contract says: a non-zero exit, exactly one <c>error:</c> line naming
/// the input, no stack trace, and no artifact (nor a temporary one) in the artifacts directory.
/// </summary>
public sealed class HostileMediaTests
{
    private const string Disc1 = "CentOS-5.11-i386-disc1";
    private const string Disc2 = "CentOS-5.11-i386-disc2";

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory("hostile-e2e");
        RecipeText.CopyDemoMedia(_temp);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void A_disc_image_whose_file_runs_past_its_end_fails_naming_the_image_and_offset()
    {
        var image = ImageBytes.Load(IsoTools.Genisoimage(_temp[$"media/{Disc1}"], _temp[$"media/{Disc1}.iso"], "-R", "-J"));
        var record = image.RecordOf("CentOS/bash-3.2-33.el5_11.4.i386.rpm");
        image.SetBothEndian(record + 10, 1 << 30);
        File.WriteAllBytes(_temp[$"media/{Disc1}.iso"], image.Bytes);

        var result = Build(Recipe(disc1: $"media/{Disc1}.iso"));

        AssertFailed(result, 1, $@"^error: {Disc1}\.iso: offset \d+: the content of 'CentOS/bash-3\.2-33\.el5_11\.4\.i386\.rpm' .* runs past the end of the image");
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void A_randomly_mutated_disc_image_gives_a_whole_bundle_or_one_error_line(int seed)
    {
        var iso = IsoTools.Genisoimage(_temp[$"media/{Disc1}"], _temp["clean.iso"], "-R", "-J");
        var mutator = new Mutator(new Random(seed), [File.ReadAllBytes(iso)], []);
        File.WriteAllBytes(_temp[$"media/{Disc1}.iso"], mutator.Mutate(File.ReadAllBytes(iso), IsoStructure(iso)));

        var result = Build(Recipe(disc1: $"media/{Disc1}.iso"));

        TestContext.Progress.WriteLine($"seed {seed}: exit {result.ExitCode} {string.Join(' ', BuildScriptTests.ErrorLines(result))}");
        if (result.ExitCode == 0)
        {
            Assert.That(Tool.Run("gzip", "-t", _temp["artifacts/web-1.4.0.tar.gz"]).ExitCode, Is.Zero, "a whole bundle");
            Assert.That(Artifacts(), Is.EquivalentTo(new[] { "web-1.4.0.manifest.json", "web-1.4.0.report.md", "web-1.4.0.tar.gz" }));
        }
        else
        {
            AssertFailed(result, 1, "^error: ");
        }
    }

    [Test]
    public void A_truncated_package_fails_naming_the_package_and_offset()
    {
        var rpm = _temp[$"media/{Disc2}/CentOS/python-2.4.3-56.el5.i386.rpm"];
        File.WriteAllBytes(rpm, File.ReadAllBytes(rpm)[..1000]);

        var result = Build(Recipe());

        AssertFailed(result, 1, $@"^error: {Disc2}:/CentOS/python-2\.4\.3-56\.el5\.i386\.rpm: offset 1000: file ends inside the .* \(truncated package\)$");
    }

    [Test]
    public void A_kickstart_cd_with_a_symlink_to_etc_shadow_fails_naming_the_link()
    {
        File.CreateSymbolicLink(_temp["media/acme-ks-cd/postinstall/shadow"], "/etc/shadow");

        var result = Build(Recipe());

        AssertFailed(result, 1, @"^error: acme-ks-cd:/postinstall/shadow: symlink to '/etc/shadow' points outside the medium$");
    }

    [Test]
    public void A_kickstart_cd_image_with_a_dot_dot_name_fails_at_its_record()
    {
        _temp.Write("media/acme-ks-cd/ab", "x\n");
        var image = ImageBytes.Load(IsoTools.Genisoimage(_temp["media/acme-ks-cd"], _temp["media/ks.iso"], "-R", "-J"));
        var record = image.RecordOf("ab");
        image.Write(image.EntryIn(record, "NM") + 5, "..");
        File.WriteAllBytes(_temp["media/ks.iso"], image.Bytes);

        var result = Build(Recipe(kickstartCd: "media/ks.iso"));

        AssertFailed(result, 1, $@"^error: ks\.iso: offset {record}: unsafe name in directory '/': unsafe path component in '\.\.'$");
    }

    [Test]
    public void A_kickstart_cd_whose_links_lead_out_together_fails_naming_the_link()
    {
        File.CreateSymbolicLink(_temp["media/acme-ks-cd/postinstall/up"], "..");
        File.CreateSymbolicLink(_temp["media/acme-ks-cd/postinstall/out"], "up/../../etc/shadow");

        var result = Build(Recipe());

        AssertFailed(result, 1, "^error: acme-ks-cd:/postinstall/out: symlink 'postinstall/out' to 'up/../../etc/shadow' points outside the tree");
    }

    [Test]
    public void Comps_nested_without_end_fails_as_not_a_comps_file()
    {
        var comps = _temp[$"media/{Disc1}/repodata/cde7ee5fb668c8abb6acca8d281395ab8d8cafc3-comps.xml"];
        var nested = string.Concat(Enumerable.Repeat("<x>", 50_000)) + string.Concat(Enumerable.Repeat("</x>", 50_000));
        File.WriteAllText(comps, File.ReadAllText(comps).Replace("<id>core</id>", "<id>core</id>" + nested, StringComparison.Ordinal));

        var result = Build(Recipe());

        AssertFailed(result, 1, $@"^error: {Disc1}:/repodata/cde7ee5fb668c8abb6acca8d281395ab8d8cafc3-comps\.xml:\d+: elements nested more than \d+ deep: not a comps file$");
    }

    [Test]
    public void A_recipe_of_nested_brackets_fails_as_a_bad_recipe()
    {
        var recipe = Recipe().Replace("name: web\n", "name: " + new string('[', 100_000) + new string(']', 100_000) + "\n", StringComparison.Ordinal);

        var result = Build(recipe);

        AssertFailed(result, 2, @"^error: recipe\.yaml:1: nested more than \d+ deep");
    }

    [Test]
    public void A_kickstart_cd_file_with_a_name_beyond_latin1_is_copied_by_its_utf8_name()
    {
        _temp.Write("media/acme-ks-cd/日本語.txt", "konnichiwa\n");

        Build(Recipe()).EnsureSuccess("./build.sh");

        Directory.CreateDirectory(_temp["unpacked"]);
        Tool.Run("tar", "-xzf", _temp["artifacts/web-1.4.0.tar.gz"], "-C", _temp["unpacked"]).EnsureSuccess("tar -x");
        var kickstart = File.ReadAllBytes(_temp["unpacked/web-1.4.0/install/ks/kickstart.cfg"]);
        Assert.That(Encoding.UTF8.GetString(kickstart), Does.Contain("postinstall \"日本語.txt\"; do"), "the %post copies it by the name the CD gives it");
    }

    /// <summary>The demo's recipe on the copies of its media, with disc 1 or the kickstart CD replaced.</summary>
    private string Recipe(string? disc1 = null, string? kickstartCd = null)
    {
        var text = RecipeText.Valid(_temp["media"]);
        text = disc1 is null ? text : text.Replace(_temp[$"media/{Disc1}"] + "\n", _temp[disc1] + "\n", StringComparison.Ordinal);
        return kickstartCd is null ? text : text.Replace(_temp["media/acme-ks-cd"] + "\n", _temp[kickstartCd] + "\n", StringComparison.Ordinal);
    }

    private ToolResult Build(string recipe)
    {
        File.WriteAllText(_temp["recipe.yaml"], recipe);
        return BuildScript.Run([$"--recipe={_temp["recipe.yaml"]}", $"--artifacts={_temp["artifacts"]}"], workingDirectory: _temp.Path);
    }

    private List<string> Artifacts() =>
        Directory.Exists(_temp["artifacts"]) ? [.. Directory.GetFiles(_temp["artifacts"]).Select(f => Path.GetFileName(f))] : [];

    private void AssertFailed(ToolResult result, int exitCode, string errorPattern)
    {
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.Error);
        Assert.That(BuildScriptTests.ErrorLines(result), Has.Count.EqualTo(1).And.Some.Match(errorPattern));
        Assert.That((result.Output + result.Error).Split('\n'), Has.None.StartWith("   at "), "no stack trace");
        Assert.That(result.Error, Does.Not.Contain("unexpected"));
        Assert.That(Artifacts(), Is.Empty, "no artifact, final or temporary");
    }

    private static List<int> IsoStructure(string iso)
    {
        using var target = FuzzTargets.Create("iso");
        return [.. target.StructureOffsets(File.ReadAllBytes(iso))];
    }
}
