using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using XenBundle.Tests.Fuzzing;
using XenBundle.Tests.Media.Iso;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.EndToEnd;

/// <summary>
/// ./build.sh on recipes whose media were damaged or made hostile on purpose. Each must
/// fail the way the contract says: a non-zero exit, exactly one <c>error:</c> line naming
/// the input, no stack trace, and no artifact (nor a temporary one) in the artifacts directory.
/// Inputs made to exhaust memory must also leave the build's peak resident memory (GNU
/// time's maximum RSS over the whole run) under <see cref="MemoryCeilingKiB"/>.
/// </summary>
public sealed class HostileMediaTests
{
    private const string Disc1 = "CentOS-5.11-i386-disc1";
    private const string Disc2 = "CentOS-5.11-i386-disc2";

    private const long MemoryCeilingKiB = 512 << 10;

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory("hostile-e2e");
        RecipeText.CopyDemoMedia(_temp);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Category(TestCategories.Tool)]
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

    [Category(TestCategories.Tool)]
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

    [Category(TestCategories.Tool)]
    [Test]
    public void A_truncated_package_fails_naming_the_package_and_offset()
    {
        var rpm = _temp[$"media/{Disc2}/CentOS/python-2.4.3-56.el5.i386.rpm"];
        File.WriteAllBytes(rpm, File.ReadAllBytes(rpm)[..1000]);

        var result = Build(Recipe());

        AssertFailed(result, 1, $@"^error: {Disc2}:/CentOS/python-2\.4\.3-56\.el5\.i386\.rpm: offset 1000: file ends inside the .* \(truncated package\)$");
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void A_kickstart_cd_with_a_symlink_to_etc_shadow_fails_naming_the_link()
    {
        File.CreateSymbolicLink(_temp["media/acme-ks-cd/postinstall/shadow"], "/etc/shadow");

        var result = Build(Recipe());

        AssertFailed(result, 1, @"^error: acme-ks-cd:/postinstall/shadow: symlink to '/etc/shadow' points outside the medium$");
    }

    [Category(TestCategories.Tool)]
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

    [Category(TestCategories.Tool)]
    [Test]
    public void A_kickstart_cd_whose_links_lead_out_together_fails_naming_the_link()
    {
        File.CreateSymbolicLink(_temp["media/acme-ks-cd/postinstall/up"], "..");
        File.CreateSymbolicLink(_temp["media/acme-ks-cd/postinstall/out"], "up/../../etc/shadow");

        var result = Build(Recipe());

        AssertFailed(result, 1, "^error: acme-ks-cd:/postinstall/out: symlink 'postinstall/out' to 'up/../../etc/shadow' points outside the tree");
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void Comps_nested_without_end_fails_as_not_a_comps_file()
    {
        var comps = _temp[$"media/{Disc1}/repodata/cde7ee5fb668c8abb6acca8d281395ab8d8cafc3-comps.xml"];
        var nested = string.Concat(Enumerable.Repeat("<x>", 50_000)) + string.Concat(Enumerable.Repeat("</x>", 50_000));
        File.WriteAllText(comps, File.ReadAllText(comps).Replace("<id>core</id>", "<id>core</id>" + nested, StringComparison.Ordinal));

        var result = Build(Recipe());

        AssertFailed(result, 1, $@"^error: {Disc1}:/repodata/cde7ee5fb668c8abb6acca8d281395ab8d8cafc3-comps\.xml:\d+: elements nested more than \d+ deep: not a comps file$");
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void A_gzip_bomb_of_comps_fails_as_too_large_within_bounded_memory()
    {
        // 64 KB of gzip that inflate to 63 MiB of <x/>: parsed whole, 1.3 GB of XML nodes.
        var repodata = _temp[$"media/{Disc1}/repodata"];
        var bomb = Path.Combine(repodata, "a72824bf72656a38a50adbfd03ce2624cf650c19-comps.xml.gz");
        using (var gzip = new GZipStream(File.Create(bomb), CompressionLevel.SmallestSize))
        {
            gzip.Write("<comps>"u8);
            var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<x/>", 1 << 16)));
            for (var i = 0; i < 63 * 4; i++)
            {
                gzip.Write(chunk);
            }

            gzip.Write("</comps>"u8);
        }

        // Only the gzipped comps is listed, as on EL6 and later media.
        var repomd = Path.Combine(repodata, "repomd.xml");
        File.WriteAllText(repomd, File.ReadAllText(repomd).Replace("<data type=\"group\">", "<data type=\"old-group\">", StringComparison.Ordinal));
        Assert.That(new FileInfo(bomb).Length, Is.LessThan(300_000));

        var (result, peak) = MeasuredBuild(Recipe());

        AssertFailed(result, 1, $@"^error: {Disc1}:/repodata/a72824bf72656a38a50adbfd03ce2624cf650c19-comps\.xml\.gz: more than 33554432 bytes: larger than any repository metadata file \(32 MiB at most\)$");
        Assert.That(peak, Is.LessThan(MemoryCeilingKiB), "peak RSS in KiB");
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void One_comps_listed_by_many_repositories_of_a_disc_fails_within_bounded_memory()
    {
        // Each copy is well within the limits of one file; forty of them held at once are not.
        var disc = _temp[$"media/{Disc1}"];
        var comps = "<comps>" + string.Concat(Enumerable.Range(0, 80_000).Select(i => $"<group><id>g{i}</id></group>")) + "</comps>";
        File.WriteAllText(_temp["comps.xml"], comps);
        var repomd = File.ReadAllText(Path.Combine(disc, "repodata/repomd.xml"))
            .Replace("repodata/cde7ee5fb668c8abb6acca8d281395ab8d8cafc3-comps.xml", "repodata/comps.xml", StringComparison.Ordinal);
        for (var i = 0; i < 40; i++)
        {
            _temp.Write($"media/{Disc1}/extra{i}/repodata/repomd.xml", repomd);
            Tool.Run("ln", _temp["comps.xml"], _temp[$"media/{Disc1}/extra{i}/repodata/comps.xml"]).EnsureSuccess("ln");
        }

        var (result, peak) = MeasuredBuild(Recipe());

        AssertFailed(result, 1, $@"^error: {Disc1}:/extra\d+/repodata/comps\.xml:1: the comps files of the media come to more than 1000000 XML nodes together, more than real ones$");
        Assert.That(peak, Is.LessThan(MemoryCeilingKiB), "peak RSS in KiB");
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void A_package_whose_file_list_names_one_long_directory_for_every_file_fails_within_bounded_memory()
    {
        // 2 MB of header that would make 100 000 paths of 4000 characters: 800 MB of strings.
        var package = HandMadeRpm.WithFiles("bomb", 100_000, "/" + new string('d', 3998) + "/", "f", padding: 1_200_000);
        File.WriteAllBytes(_temp[$"media/{Disc2}/CentOS/bomb-1-1.noarch.rpm"], package);

        var (result, peak) = MeasuredBuild(Recipe());

        AssertFailed(result, 1, $@"^error: {Disc2}:/CentOS/bomb-1-1\.noarch\.rpm: the 100000 file paths of the header come to more than \d+ characters, from \d+ bytes of header data");
        Assert.That(peak, Is.LessThan(MemoryCeilingKiB), "peak RSS in KiB");
    }

    [Category(TestCategories.Tool)]
    [TestCase("fifo")]
    [TestCase("dev-zero")]
    public void A_disc_that_is_a_fifo_or_a_character_device_is_refused_before_it_is_opened(string kind)
    {
        var disc = _temp["disc1.iso"];
        if (kind == "fifo")
        {
            Tool.Run("mkfifo", disc).EnsureSuccess("mkfifo");
        }
        else
        {
            File.CreateSymbolicLink(disc, "/dev/zero");
        }

        var (result, peak) = MeasuredBuild(Recipe(disc1: "disc1.iso"));

        AssertFailed(result, 1, $@"^error: {Regex.Escape(disc)}: a character device, FIFO or socket, not a medium \(an ISO image, a disc drive or a directory\)$");
        Assert.That(peak, Is.LessThan(MemoryCeilingKiB), "peak RSS in KiB");
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void A_recipe_that_is_a_link_to_dev_zero_is_refused_before_it_is_read()
    {
        Directory.CreateDirectory(_temp["zero"]);
        File.CreateSymbolicLink(_temp["zero/recipe.yaml"], "/dev/zero");

        var (result, peak) = MeasuredBuild(null, $"--recipe={_temp["zero"]}");

        AssertFailed(result, 2, @"^error: zero/recipe\.yaml: not a regular file but a device, FIFO or socket: a recipe is read from a regular file$");
        Assert.That(peak, Is.LessThan(MemoryCeilingKiB), "peak RSS in KiB");
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void An_earlier_manifest_of_many_tiny_entries_is_compared_within_bounded_memory_and_a_larger_one_refused()
    {
        // The shape that costs most memory per byte: hundreds of thousands of tiny entries.
        var limit = 16 << 20;
        File.WriteAllText(_temp["under.manifest.json"], TinyEntryManifest(limit - (256 << 10)));
        File.WriteAllText(_temp["over.manifest.json"], TinyEntryManifest(limit + 1));

        var (under, peak) = MeasuredBuild(null, $"--previous={_temp["under.manifest.json"]}");
        Assert.That(under.ExitCode, Is.Zero, under.Error);
        Assert.That(peak, Is.LessThan(MemoryCeilingKiB), "peak RSS in KiB");

        var (over, overPeak) = MeasuredBuild(null, $"--previous={_temp["over.manifest.json"]}");
        Assert.That(over.ExitCode, Is.EqualTo(2), over.Error);
        Assert.That(BuildScriptTests.ErrorLines(over), Has.Count.EqualTo(1).And.Some.Match(@"^error: .*over\.manifest\.json: \d+ bytes: larger than any manifest"));
        Assert.That(overPeak, Is.LessThan(MemoryCeilingKiB), "peak RSS in KiB");
    }

    private static string TinyEntryManifest(int bytes)
    {
        var json = new StringBuilder("{\"format\":1,\"name\":\"demo\",\"version\":\"0.9.0\",\"os\":\"el5\",\"virt\":\"xen-pv\",\"generator\":\"XenBundle\",\"source_date_epoch\":0,\"inputs\":[],\"packages\":[");
        var files = new StringBuilder("],\"files\":[");
        for (var i = 0; json.Length + files.Length < bytes - 2; i++)
        {
            var comma = i == 0 ? "" : ",";
            json.Append(CultureInfo.InvariantCulture, $"{comma}{{\"name\":\"p{i}\",\"epoch\":0,\"version\":\"1\",\"release\":\"1\",\"arch\":\"x\",\"path\":\"p{i}.rpm\",\"checksum\":\"s\"}}");
            files.Append(CultureInfo.InvariantCulture, $"{comma}{{\"path\":\"f{i}\",\"type\":\"file\",\"size\":1,\"mode\":\"0644\",\"sha256\":\"0\"}}");
        }

        return json.Append(files).Append("]}").ToString();
    }

    [Category(TestCategories.Tool)]
    [TestCase("dev-zero")]
    [TestCase("fifo")]
    public void A_kickstart_file_that_is_a_device_or_a_fifo_is_refused_before_it_is_opened(string kind)
    {
        var kickstart = _temp["ks.cfg"];
        if (kind == "fifo")
        {
            Tool.Run("mkfifo", kickstart).EnsureSuccess("mkfifo"); // opening it to read would wait for a writer forever
        }
        else
        {
            File.CreateSymbolicLink(kickstart, "/dev/zero");
        }

        var recipe = Recipe().Replace($"  media: {_temp["media/acme-ks-cd"]}\n  file: ks.cfg\n", $"  file: {kickstart}\n", StringComparison.Ordinal);
        Assert.That(recipe, Does.Contain($"file: {kickstart}"));

        var (result, peak) = MeasuredBuild(recipe);

        AssertFailed(result, 1, $@"^error: {Regex.Escape(kickstart)}: not a regular file but a device, FIFO or socket: a kickstart is read from a regular file$");
        Assert.That(peak, Is.LessThan(MemoryCeilingKiB), "peak RSS in KiB");
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void A_recipe_of_nested_brackets_fails_as_a_bad_recipe()
    {
        var recipe = Recipe().Replace("name: web\n", "name: " + new string('[', 100_000) + new string(']', 100_000) + "\n", StringComparison.Ordinal);

        var result = Build(recipe);

        AssertFailed(result, 2, @"^error: recipe\.yaml:1: nested more than \d+ deep");
    }

    [Category(TestCategories.EndToEnd)]
    [Test]
    public void A_kickstart_cd_file_with_a_name_beyond_latin1_is_copied_by_its_utf8_name()
    {
        _temp.Write("media/acme-ks-cd/日本語.txt", "konnichiwa\n");

        Build(Recipe()).EnsureSuccess("./build.sh");

        Directory.CreateDirectory(_temp["unpacked"]);
        Tool.Run("tar", "-xzf", _temp["artifacts/web-1.4.0.tar.gz"], "-C", _temp["unpacked"]).EnsureSuccess("tar -x");
        var kickstart = File.ReadAllBytes(_temp["unpacked/web-1.4.0/install/ks/kickstart.cfg"]);
        Assert.That(Encoding.UTF8.GetString(kickstart), Does.Contain("set -- RPMS ks.cfg postinstall \"日本語.txt\"\n"), "the %post copies it by the name the CD gives it");
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

    /// <summary>A build under GNU time: its result and the peak resident memory of the process tree, in KiB.</summary>
    private (ToolResult Result, long PeakKiB) MeasuredBuild(string? recipe, params string[] arguments)
    {
        BuildScript.Run("--version").EnsureSuccess("host built"); // a rebuild of the host would be measured too
        if (recipe is not null)
        {
            File.WriteAllText(_temp["recipe.yaml"], recipe);
            arguments = [$"--recipe={_temp["recipe.yaml"]}"];
        }

        var peak = _temp["peak-rss"];
        var result = Tool.Run("/usr/bin/time", ["-f", "%M", "-o", peak, Repository.BuildScript, .. arguments, $"--artifacts={_temp["artifacts"]}"], _temp.Path, timeout: TimeSpan.FromMinutes(5));
        var kib = long.Parse(File.ReadAllLines(peak).Last(), CultureInfo.InvariantCulture);
        TestContext.Progress.WriteLine($"peak RSS {kib} KiB, exit {result.ExitCode}");
        return (result, kib);
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
