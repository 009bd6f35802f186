using System.Text;
using XenBundle.Media.Iso;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Media.Iso;

/// <summary>
/// A file over 4 GiB, which ISO 9660 stores as several extents of at most 4 GiB - 2048
/// (xorriso -iso-level 3). The source file is sparse and the image is written sparse
/// (xorriso into a pipe, dd conv=sparse out of it), so the test writes almost nothing.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class MultiExtentTests
{
    private const long HugeSize = 4400L << 20;
    private const long FirstExtent = 0xFFFFF800; // the largest extent xorriso writes

    private static readonly (long Offset, string Text)[] Markers =
    [
        (0, "HEAD-of-the-huge-file"),
        (FirstExtent - 10, "ACROSS-THE-EXTENT-BOUNDARY"),
        (HugeSize - 9, "TAIL-END!"),
    ];

    private TempDirectory _temp = null!;
    private string _image = null!;

    [OneTimeSetUp]
    public void MakeImage()
    {
        _temp = new TempDirectory("multiextent");
        var huge = _temp["source/huge.img"];
        _temp.Write("source/small.txt", "small\n");
        using (var file = new FileStream(huge, FileMode.Create, FileAccess.Write))
        {
            file.SetLength(HugeSize); // truncate -s 4400M: a hole
            foreach (var (offset, text) in Markers)
            {
                file.Position = offset;
                file.Write(Encoding.ASCII.GetBytes(text));
            }
        }

        _image = _temp["big.iso"];
        Tool.Run("bash", ["-c", "set -o pipefail; xorriso -as mkisofs -iso-level 3 -R -J -o - \"$1\" 2>/dev/null | dd of=\"$2\" bs=1M conv=sparse status=none", "-", _temp["source"], _image], timeout: TimeSpan.FromMinutes(3))
            .EnsureSuccess("xorriso | dd conv=sparse");
    }

    [OneTimeTearDown]
    public void RemoveImage() => _temp.Dispose();

    [Test]
    public void The_image_takes_almost_no_disk_space()
    {
        var used = Tool.Run("du", "-k", _image).EnsureSuccess("du").Output.Split('\t')[0];
        Assert.That(new FileInfo(_image).Length, Is.GreaterThan(HugeSize));
        Assert.That(long.Parse(used, System.Globalization.CultureInfo.InvariantCulture), Is.LessThan(16 * 1024), "KiB on disk");
    }

    [Test]
    public void The_pieces_are_one_file_of_the_full_size_as_bsdtar_lists_it()
    {
        using var iso = IsoMediaSource.Open(_image);
        var huge = iso.Find("huge.img")!;
        var bsdtar = Tool.Run("bsdtar", "-tvf", _image).EnsureSuccess("bsdtar -tv").Output;

        Assert.That(huge.Size, Is.EqualTo(HugeSize));
        Assert.That(bsdtar, Does.Contain($" {HugeSize} ").And.Contain("huge.img"));
        Assert.That(iso.ExtentsOf(huge).Select(e => e.Length), Is.EqualTo(new[] { FirstExtent, HugeSize - FirstExtent }));
        Assert.That(iso.Entries.Select(e => e.Path), Is.EqualTo(new[] { "huge.img", "small.txt" }));
    }

    [Test]
    public void Content_reads_right_at_both_ends_and_across_the_extent_boundary()
    {
        using var iso = IsoMediaSource.Open(_image);
        using var stream = iso.OpenRead(iso.Find("huge.img")!);

        Assert.That(stream.Length, Is.EqualTo(HugeSize));
        foreach (var (offset, text) in Markers)
        {
            var read = new byte[text.Length + 2];
            stream.Position = offset - 1 < 0 ? 0 : offset - 1;
            var count = stream.ReadAtLeast(read, read.Length, throwOnEndOfStream: false);
            var expected = (offset == 0 ? string.Empty : "\0") + text + (offset + text.Length < HugeSize ? "\0" : string.Empty);
            Assert.That(Encoding.ASCII.GetString(read, 0, count)[..expected.Length], Is.EqualTo(expected), $"at {offset}");
        }

        stream.Position = HugeSize;
        Assert.That(stream.Read(new byte[16]), Is.Zero, "nothing past the end");
    }
}
