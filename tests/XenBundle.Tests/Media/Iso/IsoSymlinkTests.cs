using XenBundle.Media.Iso;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Media.Iso;

/// <summary>
/// Symlinks as Rock Ridge stores them (SL components, split across entries and into
/// continuation areas when long), read back exactly as they were made.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class IsoSymlinkTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory("isolink");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [TestCase("genisoimage")]
    [TestCase("xorriso")]
    public void Relative_absolute_and_dotted_targets_are_listed_as_written(string tool)
    {
        var targets = new Dictionary<string, string>
        {
            ["to-file"] = "README",
            ["to-parent"] = "../README",
            ["absolute"] = "/etc/passwd",
            ["dotted"] = "./sub/../README",
            ["to-root"] = "/",
        };
        var source = _temp["source"];
        _temp.Write("source/README", "x");
        Directory.CreateDirectory(_temp["source/sub"]);
        foreach (var (name, target) in targets)
        {
            File.CreateSymbolicLink(Path.Combine(source, "sub", name), target);
        }

        using var iso = IsoMediaSource.Open(Make(tool, source, _temp["links.iso"]));

        Assert.That(targets.ToDictionary(t => t.Key, t => iso.Find("sub/" + t.Key)?.SymlinkTarget), Is.EqualTo(targets));
    }

    [TestCase("genisoimage", 3)]
    [TestCase("xorriso", 3)]
    [TestCase("xorriso", 9)]
    public void A_long_target_continued_in_a_continuation_area_is_joined_with_its_slashes(string tool, int components)
    {
        // 100-character components: the target does not fit a directory record, so SL is
        // split over several entries and continues in a CE area. bsdtar drops the '/'
        // between SL entries here; xorriso's own reader and Linux keep it, as we do.
        // (genisoimage 1.1.11 writes corrupt SL entries past about 300 characters.)
        var target = string.Join('/', Enumerable.Range(0, components).Select(i => new string((char)('a' + i), 100)));
        Directory.CreateDirectory(_temp["source"]);
        File.CreateSymbolicLink(_temp["source/long"], target);
        var image = Make(tool, _temp["source"], _temp["long.iso"]);
        var xorrisoSays = new FileInfo(Path.Combine(IsoTools.XorrisoExtract(image, _temp["xorriso"]), "long")).LinkTarget;

        using var iso = IsoMediaSource.Open(image);

        Assert.That(ContinuationAreas(image), Is.GreaterThan(1), "the link's SL entries continue in a CE area (the root's ER is in one too)");
        Assert.That(iso.Find("long")!.SymlinkTarget, Is.EqualTo(target).And.EqualTo(xorrisoSays));
    }

    private static string Make(string tool, string source, string image) => tool == "xorriso"
        ? IsoTools.Xorriso(source, image, "-R")
        : IsoTools.Genisoimage(source, image, "-R");

    /// <summary>How many CE entries the image's Rock Ridge records carry, counted from its raw bytes.</summary>
    private static int ContinuationAreas(string image)
    {
        var bytes = File.ReadAllBytes(image);
        var count = 0;
        for (var i = 0; i + 28 <= bytes.Length; i++)
        {
            if (bytes[i] == 'C' && bytes[i + 1] == 'E' && bytes[i + 2] == 28 && bytes[i + 3] == 1)
            {
                count++;
            }
        }

        return count;
    }
}
