using XenBundle.Media;
using XenBundle.Media.Iso;
using XenBundle.Pipeline;
using XenBundle.Tests.Media.Iso;
using XenBundle.Tests.Support;
using XenBundle.Tree;

namespace XenBundle.Tests.Media;

/// <summary>Writing a medium out as a directory tree, against bsdtar's extraction of the same image.</summary>
public sealed class MediaExtractorTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory("extract");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Category(TestCategories.Tool)]
    [TestCase("genisoimage")]
    [TestCase("xorriso")]
    public void The_tree_written_equals_what_bsdtar_extracts(string tool)
    {
        var source = SampleTree.Write(_temp["source"]);
        File.SetUnixFileMode(_temp["source/scripts"], (UnixFileMode)UnixMode.Parse("0555")); // a read-only directory with content
        var image = tool == "xorriso" ? IsoTools.Xorriso(source, _temp["x.iso"], "-R", "-J") : IsoTools.Genisoimage(source, _temp["x.iso"], "-R", "-J");
        using var iso = IsoMediaSource.Open(image);

        var summary = new MediaExtractor().Extract(iso, _temp["ours"]);

        var expected = TreeListing.OfDirectory(IsoTools.BsdtarExtract(image, _temp["bsdtar"]), withModes: true);
        Assert.That(TreeListing.OfDirectory(_temp["ours"], withModes: true), Is.EqualTo(expected));
        Assert.That(summary.Files + summary.Directories + summary.Symlinks, Is.EqualTo(iso.Entries.Count));
        Assert.That(summary.Bytes, Is.EqualTo(iso.Entries.Sum(e => e.Size)));
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void Progress_counts_every_byte_once_with_several_workers()
    {
        var source = SampleTree.Write(_temp["source"]);
        using var iso = IsoMediaSource.Open(IsoTools.Genisoimage(source, _temp["x.iso"], "-R"));
        var log = new CountingLog();

        new MediaExtractor(log) { Workers = 3 }.Extract(iso, _temp["out"]);

        Assert.That(log.Reported, Is.EqualTo(iso.Entries.Sum(e => e.Size)));
        Assert.That(log.Total, Is.EqualTo(log.Reported));
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void Setuid_and_setgid_bits_are_listed_but_not_restored()
    {
        _temp.Write("source/tool", "#!/bin/sh\n");
        File.SetUnixFileMode(_temp["source/tool"], (UnixFileMode)UnixMode.Parse("6755"));
        using var iso = IsoMediaSource.Open(IsoTools.Genisoimage(_temp["source"], _temp["x.iso"], "-R"));

        new MediaExtractor().Extract(iso, _temp["out"]);

        Assert.That(UnixMode.Format(iso.Find("tool")!.Mode), Is.EqualTo("06755"));
        Assert.That(File.GetUnixFileMode(_temp["out/tool"]), Is.EqualTo((UnixFileMode)UnixMode.Executable));
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void An_output_that_cannot_be_created_is_one_error_naming_it()
    {
        _temp.Write("medium/file", "x");
        _temp.Write("taken", "a file where the output's parent should be");
        using var medium = new DirectoryMediaSource(_temp["medium"]);

        var error = Assert.Throws<XenBundleException>(() => new MediaExtractor().Extract(medium, _temp["taken/out"]))!;

        Assert.That(error.Location, Is.EqualTo(_temp["taken/out"]));
        Assert.That(error.Message, Does.StartWith("cannot extract medium: "));
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void A_directory_that_is_not_empty_is_refused()
    {
        _temp.Write("out/keep.txt", "mine");
        using var medium = new DirectoryMediaSource(Directory.CreateDirectory(_temp["medium"]).FullName);

        var error = Assert.Throws<XenBundleException>(() => new MediaExtractor().Extract(medium, _temp["out"]))!;

        Assert.That(error.Message, Does.Contain("not empty"));
        Assert.That(error.ExitCodeValue, Is.EqualTo(ExitCode.BadUsage));
        Assert.That(File.ReadAllText(_temp["out/keep.txt"]), Is.EqualTo("mine"));
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void A_symlink_climbing_out_of_the_tree_is_refused_before_anything_is_written()
    {
        _temp.Write("medium/a/file", "x");
        File.CreateSymbolicLink(_temp["medium/a/up"], "../../outside");
        using var medium = new DirectoryMediaSource(_temp["medium"]);

        var error = Assert.Throws<XenBundleException>(() => new MediaExtractor().Extract(medium, _temp["out"]))!;

        Assert.That(error.Message, Does.Contain("symlink 'a/up' points outside the tree ('../../outside')"));
        Assert.That(Directory.Exists(_temp["out"]), Is.False);
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void A_failure_half_way_removes_what_was_written()
    {
        var source = SampleTree.Write(_temp["source"]);
        var bytes = File.ReadAllBytes(IsoTools.Genisoimage(source, _temp["x.iso"], "-R"));
        var stream = new MemoryStream();
        stream.Write(bytes);
        using var iso = IsoMediaSource.Open(stream, "shrinking.iso");
        stream.SetLength(ImageBytesOfLastFile(iso)); // the image loses its tail after it was opened
        Directory.CreateDirectory(_temp["out"]);

        Assert.Throws<IsoFormatException>(() => new MediaExtractor().Extract(iso, _temp["out"]));

        Assert.That(Directory.GetFileSystemEntries(_temp["out"]), Is.Empty, "an existing empty output is left empty");
    }

    private static long ImageBytesOfLastFile(IsoMediaSource iso) =>
        iso.Entries.Where(e => e.Kind == EntryKind.File && e.Size > 0).Max(e => iso.ExtentsOf(e)[0].Offset) + 1;

    private sealed class CountingLog : IPipelineLog, IOperationProgress
    {
        public long Total { get; private set; }

        public long Reported { get; private set; }

        public void Information(string message)
        {
        }

        public void Verbose(string message)
        {
        }

        public void Warning(string message)
        {
        }

        public IOperationProgress Progress(string operation, long total)
        {
            Total = total;
            return this;
        }

        public void Report(long value) => Reported += value;

        public void Dispose()
        {
        }
    }
}
