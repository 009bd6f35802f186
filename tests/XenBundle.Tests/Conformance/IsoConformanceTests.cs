using System.Globalization;
using System.Security.Cryptography;
using XenBundle.Media;
using XenBundle.Media.Iso;
using XenBundle.Pipeline;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Conformance;

/// <summary>
/// ExtractIso on the test images of libarchive and libcdio (tests/conformance/iso), against
/// bsdtar: the same names, types, sizes, bytes and symlink targets, and the same modes where
/// Rock Ridge gives them; or, where the peers refuse too or where we chose to differ, one
/// error line and nothing written. The expectations are the peers': the installed bsdtar
/// 3.6.2 extracts each image at test time, and where it does not read an image as ISO 9660
/// at all, the extraction by bsdtar 3.9.0 recorded in NAME.bsdtar.txt stands in for it.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class IsoConformanceTests
{
    private static readonly string Data = Path.Combine(Repository.Root, "tests", "conformance", "iso");

    /// <summary>
    /// Images bsdtar 3.6.2 does not recognise (it falls back to its tar reader: 0 entries,
    /// exit 0); bsdtar 3.9.0 reads them, and its recorded extraction is the oracle.
    /// </summary>
    private static readonly HashSet<string> MisreadByInstalledBsdtar = new(StringComparer.Ordinal)
    {
        "test_read_format_iso_3.iso.Z.uu",
    };

    /// <summary>
    /// What we do where expectations.tsv says "refuse", "refuse-documented" or "choice":
    /// the refusal (a piece of its error line) or the tree, and why.
    /// </summary>
    private static readonly Dictionary<string, Ours> Decisions = new(StringComparer.Ordinal)
    {
        ["test_read_format_iso_joliet_utf16be_overflow.iso.uu"] = Ours.Tree(
            "choice: the whole tree, as isoinfo -J and xorriso list it; bsdtar stops at its own 512-character Joliet path buffer before the file F at depth 6 (exit 1); the path is 515 bytes, inside our 4095", bsdtarFails: true, bsdtarStopsEarly: true),
        ["test_read_format_iso_rockridge.iso.Z.uu"] = Ours.Refusal(
            "points outside the tree", "choice (README): symlinks that are absolute or climb above the tree are refused; bsdtar extracts them"),
        ["test_read_format_iso_rockridge_new.iso.Z.uu"] = Ours.Refusal(
            "points outside the tree", "choice (README): symlinks that are absolute or climb above the tree are refused; bsdtar extracts them"),
        ["test_read_format_iso_zisofs.iso.Z.uu"] = Ours.Refusal(
            "zisofs-compressed (ZF)", "choice (README): zisofs is not decoded (install media do not use it); the image also has absolute symlinks"),
        ["test_read_format_iso_zisofs_overflow.iso.uu"] = Ours.Refusal(
            "zisofs-compressed (ZF)", "choice (README): a ZF entry is refused, not ignored as bsdtar ignores this out-of-spec one; the bytes would be compressed data"),
        ["test_read_format_iso_rockridge_ce_loop.iso.Z.uu"] = Ours.Refusal(
            "continuation", "bsdtar 3.9.0 refuses the CE loop too (3.6.2 runs out of memory)"),
        ["test_read_format_iso_rockridge_zf_overflow.iso.uu"] = Ours.Refusal(
            "does not start with its '.' record: it is beyond the end of the media", "issue 15 point 7: bsdtar refuses 'Directory is beyond end-of-media: A'"),
        ["libcdio/bad-dir.iso"] = Ours.Refusal(
            "the root directory does not start with its '.' record", "bsdtar does not read it as ISO 9660; libcdio reports a bad directory"),
        ["libcdio/malformed.iso"] = Ours.Refusal(
            "not an ISO 9660 image: no CD001 volume descriptor", "bsdtar: Unrecognized archive format"),
        ["libcdio/malformed2.iso"] = Ours.Refusal(
            "directory record of 2 bytes is malformed", "bsdtar: Invalid length of directory record"),
        ["libcdio/udf102.iso.gz"] = Ours.Refusal(
            "a UDF image without ISO 9660 descriptors", "issue 15 point 8: UDF-only; bsdtar misreads it as an empty tar archive, we name UDF"),
        ["libcdio/copying-rr.iso"] = Ours.Tree(
            "choice (issue 15 point 6): the block and character devices are left out with a warning naming each; bsdtar extracts the rest and fails on them (exit 1)", bsdtarFails: true),
    };

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory("conformance");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    public static IEnumerable<TestCaseData> Images()
    {
        foreach (var line in File.ReadLines(Path.Combine(Data, "expectations.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            var (image, encoding, peers, point) = (fields[0], fields[1], fields[3], fields[4]);
            var issuePoint = point.Length > 0 ? $", issue 15 point {point}" : string.Empty;
            yield return new TestCaseData(image, encoding, peers).SetName($"{{m}}({image}: {peers}{issuePoint})");
        }
    }

    [TestCaseSource(nameof(Images))]
    public void ExtractIso_gives_what_bsdtar_gives_or_the_documented_refusal(string image, string encoding, string peers)
    {
        var ours = Decisions.GetValueOrDefault(image) ?? (peers == "same-tree"
            ? Ours.Tree("bsdtar's tree")
            : throw new InvalidOperationException($"expectations.tsv says '{peers}' for {image}, and this test has no decision for it"));
        var path = Decode(image, encoding);
        TestContext.Out.WriteLine($"{image}: {ours.Reason}");

        if (ours.RefusalFragment is { } fragment)
        {
            AssertRefused(path, fragment);
        }
        else
        {
            AssertSameTree(image, path, ours);
        }
    }

    private void AssertRefused(string image, string fragment)
    {
        var output = _temp["ours"];
        var error = Assert.Throws(Is.InstanceOf<XenBundleException>(), () => Extract(image, output, new RecordingLog())) as XenBundleException;

        Assert.That(error!.ErrorLine, Does.StartWith($"error: {Path.GetFileName(image)}").And.Contain(fragment).And.Not.Contain("\n"));
        Assert.That(!Directory.Exists(output) || !Directory.EnumerateFileSystemEntries(output).Any(), "a refused image leaves nothing behind");
    }

    private void AssertSameTree(string image, string path, Ours ours)
    {
        var log = new RecordingLog();
        var withModes = Extract(path, _temp["ours"], log) == IsoNaming.RockRidge;

        List<string> expected;
        if (MisreadByInstalledBsdtar.Contains(image))
        {
            expected = Recorded(image, withModes);
        }
        else
        {
            var bsdtar = Tool.Run("bsdtar", "-xpf", path, "-C", Directory.CreateDirectory(_temp["bsdtar"]).FullName);
            Assert.That(bsdtar.ExitCode != 0, Is.EqualTo(ours.BsdtarFails), $"bsdtar -x: {bsdtar.Error}");
            expected = OnDisk(_temp["bsdtar"], withModes);

            // What bsdtar could not create (device nodes) is what we name in warnings.
            var notCreated = bsdtar.Error.Split('\n').Where(l => l.Contains("Can't create", StringComparison.Ordinal)).Select(l => l.Split(':')[0]).ToList();
            Assert.That(log.Warnings, Has.Count.EqualTo(notCreated.Count));
            foreach (var name in notCreated)
            {
                Assert.That(log.Warnings, Has.One.Contains($"'{name}' is a"));
            }
        }

        var extracted = OnDisk(_temp["ours"], withModes);
        if (ours.BsdtarStopsEarly)
        {
            // What bsdtar wrote before it stopped is ours line for line; the names of the whole tree are isoinfo's.
            Assert.That(extracted, Is.SupersetOf(expected));
            var names = Tool.Run("isoinfo", "-J", "-f", "-i", path).EnsureSuccess("isoinfo -J -f").Output
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(n => n.TrimStart('/')).Order(StringComparer.Ordinal);
            Assert.That(extracted.Select(l => l.Split('\t')[0]), Is.EqualTo(names));
        }
        else
        {
            Assert.That(extracted, Is.EqualTo(expected));
        }
    }

    private static IsoNaming Extract(string image, string output, IPipelineLog log)
    {
        using var iso = IsoMediaSource.Open(image);
        new MediaExtractor(log).Extract(iso, output);
        return iso.Naming;
    }

    /// <summary>The image as a file: uudecoded, then uncompressed by gzip (which reads compress(1)'s .Z too).</summary>
    private string Decode(string image, string encoding)
    {
        var source = Path.Combine(Data, image);
        var name = Path.GetFileName(image);
        switch (encoding)
        {
            case "raw":
                return source;
            case "uu":
                File.WriteAllBytes(_temp[name[..^3]], UuDecode.File(source));
                return _temp[name[..^3]];
            case "uu+Z":
                File.WriteAllBytes(_temp[name[..^3]], UuDecode.File(source));
                return Uncompress(_temp[name[..^3]]);
            case "gzip":
                File.Copy(source, _temp[name]);
                return Uncompress(_temp[name]);
            default:
                throw new InvalidOperationException($"expectations.tsv: unknown encoding '{encoding}' for {image}");
        }
    }

    private static string Uncompress(string compressed)
    {
        Tool.Run("gzip", "-d", "-f", compressed).EnsureSuccess("gzip -d " + compressed);
        return compressed[..compressed.LastIndexOf('.')];
    }

    /// <summary>bsdtar 3.9.0's extraction as recorded: "path TAB type TAB mode TAB size TAB sha256 TAB target".</summary>
    private static List<string> Recorded(string image, bool withModes)
    {
        var lines = File.ReadAllLines(Path.Combine(Data, image[..image.LastIndexOf(".iso", StringComparison.Ordinal)] + ".iso.bsdtar.txt"));
        var start = Array.FindIndex(lines, l => l.StartsWith("### extracted tree", StringComparison.Ordinal));
        var listing = lines.Skip(start + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l =>
        {
            var f = l[4..].Split('\t');
            var target = f[5].StartsWith("->", StringComparison.Ordinal) ? f[5] : "-"; // a hard link is a file of the same bytes
            return Line(f[0], f[1], f[2], f[3], f[4], target, withModes);
        }).ToList();
        listing.Sort(StringComparer.Ordinal);
        return listing;
    }

    /// <summary>An extracted tree in the recorded form, symlinks not followed.</summary>
    private static List<string> OnDisk(string root, bool withModes)
    {
        var lines = new List<string>();
        var walk = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };
        foreach (var info in new DirectoryInfo(root).EnumerateFileSystemInfos("*", walk))
        {
            var path = Path.GetRelativePath(root, info.FullName);
            var mode = Convert.ToString((int)info.UnixFileMode, 8).PadLeft(4, '0');
            if (info.LinkTarget is { } target)
            {
                lines.Add(Line(path, "symlink", mode, "-", "-", "-> " + target, withModes));
            }
            else if (info is DirectoryInfo)
            {
                lines.Add(Line(path, "dir", mode, "-", "-", "-", withModes));
            }
            else
            {
                var size = ((FileInfo)info).Length.ToString(CultureInfo.InvariantCulture);
                using var stream = File.OpenRead(info.FullName);
                lines.Add(Line(path, "file", mode, size, Convert.ToHexStringLower(SHA256.HashData(stream)), "-", withModes));
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    // Modes only where Rock Ridge gives them (without it, docs/commands.md's 0444/0555 against bsdtar's
    // 0400/0700 is a documented choice); a symlink's own mode Linux does not keep.
    private static string Line(string path, string type, string mode, string size, string sha256, string target, bool withModes) =>
        string.Join('\t', path, type, withModes && type != "symlink" ? mode : "-", size, sha256, target);

    private sealed record Ours(string? RefusalFragment, string Reason, bool BsdtarFails, bool BsdtarStopsEarly)
    {
        public static Ours Tree(string reason, bool bsdtarFails = false, bool bsdtarStopsEarly = false) => new(null, reason, bsdtarFails, bsdtarStopsEarly);

        public static Ours Refusal(string fragment, string reason) => new(fragment, reason, false, false);
    }
}
