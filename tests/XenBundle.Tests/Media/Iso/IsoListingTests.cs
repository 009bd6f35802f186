using XenBundle.Media.Iso;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Media.Iso;

/// <summary>
/// Every kind of image the tools make, read by us and extracted by bsdtar: the same
/// paths, types, sizes, symlink targets, times and content, and the same modes where
/// the image has Rock Ridge (without it, bsdtar shows 0400/0700; we show 0444/0555).
/// </summary>
[Category(TestCategories.Tool)]
public sealed class IsoListingTests
{
    private TempDirectory _temp = null!;
    private string _source = null!;

    public static IEnumerable<TestCaseData> Images()
    {
        yield return Case("genisoimage", IsoNaming.RockRidge, "-R", "-J", "-joliet-long");
        yield return Case("genisoimage", IsoNaming.RockRidge, "-R");
        yield return Case("genisoimage", IsoNaming.RockRidge, "-r", "-J");
        yield return Case("genisoimage", IsoNaming.Joliet, "-J", "-joliet-long");
        yield return Case("genisoimage", IsoNaming.Joliet, "-J");
        yield return Case("genisoimage", IsoNaming.Iso9660, "-D");
        yield return Case("xorriso", IsoNaming.RockRidge, "-R", "-J");
        yield return Case("xorriso", IsoNaming.RockRidge, "-R");
        yield return Case("xorriso", IsoNaming.Joliet, "--norock", "-J");
        yield return Case("xorriso", IsoNaming.Iso9660, "--norock");
    }

    [OneTimeSetUp]
    public void MakeSource()
    {
        _temp = new TempDirectory("isolist");
        _source = SampleTree.Write(_temp["source"]);
    }

    [OneTimeTearDown]
    public void RemoveTemp() => _temp.Dispose();

    [TestCaseSource(nameof(Images))]
    public void Our_listing_and_content_equal_what_bsdtar_extracts(string tool, IsoNaming naming, string[] options)
    {
        var name = $"{tool}{string.Concat(options)}";
        var image = Make(tool, _temp[name + ".iso"], options);
        using var iso = IsoMediaSource.Open(image);
        var expected = TreeListing.OfDirectory(IsoTools.BsdtarExtract(image, _temp[name + ".bsdtar"]), withModes: naming == IsoNaming.RockRidge);

        Assert.That(iso.Naming, Is.EqualTo(naming));
        Assert.That(TreeListing.Of(iso, withModes: naming == IsoNaming.RockRidge), Is.EqualTo(expected));
    }

    [TestCase("genisoimage")]
    [TestCase("xorriso")]
    public void Rock_Ridge_keeps_modes_names_links_and_deep_directories(string tool)
    {
        var image = Make(tool, _temp[tool + "-rr.iso"], "-R", "-J", "-joliet-long");
        using var iso = IsoMediaSource.Open(image);

        Assert.Multiple(() =>
        {
            Assert.That(iso.Find("secret.cfg")!.Mode, Is.EqualTo(XenBundle.Tree.UnixMode.Private));
            Assert.That(iso.Find("scripts/post.sh")!.Mode, Is.EqualTo(XenBundle.Tree.UnixMode.Executable));
            Assert.That(iso.Find("empty")!.Size, Is.Zero);
            Assert.That(iso.Find("sector.bin")!.Size, Is.EqualTo(2048));
            Assert.That(iso.Find("CentOS/" + SampleTree.Name110), Is.Not.Null, "a 110-character Rock Ridge name");
            Assert.That(iso.Find("README.link")!.SymlinkTarget, Is.EqualTo("README"));
            Assert.That(iso.Find("scripts/up.link")!.SymlinkTarget, Is.EqualTo("../CentOS"));
            Assert.That(iso.Find(SampleTree.Deep + "/bottom.txt"), Is.Not.Null);
            Assert.That(iso.Entries.Select(e => e.Path), Has.None.Contain("rr_moved"));
            Assert.That(ReadAll(iso, "CentOS/hardlink.bin"), Is.EqualTo(ReadAll(iso, "sector.bin")));
        });
    }

    [Test]
    public void Joliet_names_are_cut_at_64_characters_or_103_with_joliet_long_as_the_tool_wrote_them()
    {
        using var shortNames = IsoMediaSource.Open(Make("genisoimage", _temp["j64.iso"], "-J"));
        using var longNames = IsoMediaSource.Open(Make("genisoimage", _temp["j103.iso"], "-J", "-joliet-long"));
        Assert.Multiple(() =>
        {
            Assert.That(shortNames.Entries.Max(e => XenBundle.Tree.TreePath.FileName(e.Path).Length), Is.EqualTo(64));
            Assert.That(longNames.Find("CentOS/" + SampleTree.Name70), Is.Not.Null);
            Assert.That(longNames.Entries.Max(e => XenBundle.Tree.TreePath.FileName(e.Path).Length), Is.EqualTo(103));
        });
    }

    [TestCase("genisoimage")]
    [TestCase("xorriso", "--norock")]
    public void Joliet_long_names_are_read_whole_as_isoinfo_lists_them(string tool, params string[] options)
    {
        // bsdtar cuts Joliet names at 103 characters; xorriso writes 104 with -joliet-long.
        var image = Make(tool, _temp[tool + "-jlong.iso"], [.. options, "-J", "-joliet-long"]);
        var expected = Tool.Run("isoinfo", "-J", "-f", "-i", image).EnsureSuccess("isoinfo -J -f").Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(p => p.TrimStart('/')).Order(StringComparer.Ordinal);
        using var iso = IsoMediaSource.Open(image);
        Assert.That(iso.Entries.Select(e => e.Path), Is.EqualTo(expected));
    }

    [Test]
    public void Genisoimage_relocates_deep_directories_and_they_are_read_back_in_place()
    {
        var image = Make("genisoimage", _temp["relocated.iso"], "-R");
        var plainTree = Tool.Run("isoinfo", "-l", "-i", image).EnsureSuccess("isoinfo -l").Output;
        Assert.That(plainTree, Does.Contain("/RR_MOVED/"), "genisoimage relocated the deep directories");
        using var iso = IsoMediaSource.Open(image);
        Assert.That(iso.Entries.Select(e => e.Path), Does.Contain(SampleTree.Deep + "/bottom.txt").And.None.StartsWith("rr_moved"));
    }

    [Test]
    public void A_relocation_directory_is_recognised_by_its_records_not_its_name()
    {
        // xorriso relocates into a directory of any name; libarchive (bsdtar) only knows "rr_moved" and fails here.
        var image = Make("xorriso", _temp["reloc-named.iso"], "-R", "-rr_reloc_dir", "deeper");
        Assert.That(Tool.Run("isoinfo", "-l", "-i", image).Output, Does.Contain("/DEEPER/"), "xorriso relocated into /deeper");
        using var iso = IsoMediaSource.Open(image);
        var expected = TreeListing.OfDirectory(IsoTools.XorrisoExtract(image, _temp["reloc-named.xorriso"]), withModes: true);
        var actual = TreeListing.Of(iso, withModes: true);
        Assert.That(actual, Is.EqualTo(expected), string.Join("\n", actual.Except(expected).Concat(["--"]).Concat(expected.Except(actual))));
    }

    [Test]
    public void Two_files_read_at_once_in_small_pieces_do_not_disturb_each_other()
    {
        using var iso = IsoMediaSource.Open(Make("genisoimage", _temp["two.iso"], "-R"));
        var names = new[] { "three-sectors.bin", "CentOS/pkg00-1.0-1.el5.i386.rpm" };
        var streams = names.Select(n => iso.OpenRead(iso.Find(n)!)).ToArray();
        var copies = names.Select(_ => new MemoryStream()).ToArray();
        var piece = new byte[777];
        for (var active = 2; active > 0;)
        {
            active = 0;
            for (var i = 0; i < streams.Length; i++)
            {
                var read = streams[i].Read(piece);
                copies[i].Write(piece, 0, read);
                active += read > 0 ? 1 : 0;
            }
        }

        Assert.That(copies.Select(c => c.ToArray()), Is.EqualTo(names.Select(n => File.ReadAllBytes(Path.Combine(_source, n)))));
        Array.ForEach(streams, s => s.Dispose());
    }

    private string Make(string tool, string image, params string[] options) =>
        tool == "xorriso" ? IsoTools.Xorriso(_source, image, options) : IsoTools.Genisoimage(_source, image, options);

    private static byte[] ReadAll(IsoMediaSource iso, string path)
    {
        using var stream = iso.OpenRead(iso.Find(path)!);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static TestCaseData Case(string tool, IsoNaming naming, params string[] options) =>
        new TestCaseData(tool, naming, options).SetArgDisplayNames($"{tool} {string.Join(' ', options)}".Trim());
}
