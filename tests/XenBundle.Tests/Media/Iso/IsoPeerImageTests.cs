using XenBundle.Media;
using XenBundle.Media.Iso;
using XenBundle.Pipeline;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Media.Iso;

/// <summary>
/// What other tools write and this reader once refused or misread (issue 15): each image is
/// a genisoimage image changed the way the other tool writes it, or hand-written bytes.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class IsoPeerImageTests
{
    private TempDirectory _temp = null!;
    private ImageBytes _rockRidge = null!;
    private string _source = null!;

    [OneTimeSetUp]
    public void MakeImages()
    {
        _temp = new TempDirectory("peers");
        _source = _temp["source"];
        _temp.Write("source/ab", "x");
        _temp.Write("source/dir/file.txt", "content of file.txt\n");
        _temp.Write("source/dir/sub/deep.txt", "deep\n");
        _rockRidge = ImageBytes.Load(IsoTools.Genisoimage(_source, _temp["rr.iso"], "-R", "-J"));
    }

    [OneTimeTearDown]
    public void RemoveImages() => _temp.Dispose();

    [Test]
    public void Xorriso_NM_entries_flagged_CURRENT_and_PARENT_on_the_dot_records_are_read()
    {
        // xorriso 0.6.5 (libarchive's test_read_format_iso_xorriso) writes NM with the CURRENT
        // flag on '.' and PARENT on '..'; the 5-byte RR entry genisoimage puts there has their size.
        var image = _rockRidge.Copy();
        foreach (var directory in new[] { image.RootSelf(), image.BothEndian(image.RecordOf("dir") + 2) * 2048L })
        {
            var self = directory;
            var parent = self + image.Bytes[self];
            SetNameFlag(image, image.EntryIn(self, "RR"), 0x02);
            SetNameFlag(image, image.EntryIn(parent, "RR"), 0x04);
        }

        using var iso = image.Open();

        Assert.That(iso.Naming, Is.EqualTo(IsoNaming.RockRidge));
        Assert.That(iso.Entries.Select(e => e.Path), Is.EqualTo(new[] { "ab", "dir", "dir/file.txt", "dir/sub", "dir/sub/deep.txt" }));
    }

    [Test]
    public void An_NM_flagged_CURRENT_on_an_ordinary_entry_is_refused()
    {
        var image = _rockRidge.Copy();
        var name = image.EntryIn(image.RecordOf("ab"), "NM");
        image.Bytes[name + 4] = 0x02;

        var error = Assert.Throws<IsoFormatException>(() => image.Open().Dispose())!;

        Assert.That(error.ErrorLine, Is.EqualTo($"error: {image.Name}: offset {name}: Rock Ridge name (NM) is '.' or '..'"));
    }

    [Test]
    public void A_root_record_said_to_be_68_bytes_as_on_old_CSRG_CDs_is_read()
    {
        var plain = ImageBytes.Load(IsoTools.Genisoimage(_source, _temp["plain68.iso"]));
        plain.Bytes[(16 * 2048) + 156] = 68;

        using var iso = plain.Open();

        Assert.That(iso.Entries.Select(e => e.Path), Is.EqualTo(new[] { "AB", "DIR", "DIR/FILE.TXT", "DIR/SUB", "DIR/SUB/DEEP.TXT" }));
    }

    [TestCase(33)]
    [TestCase(69)]
    [TestCase(255)]
    public void A_root_record_length_outside_34_to_68_is_refused(int length)
    {
        var image = _rockRidge.Copy();
        image.Bytes[(16 * 2048) + 156] = (byte)length;

        var error = Assert.Throws<IsoFormatException>(() => image.Open().Dispose())!;

        Assert.That(error.ErrorLine, Is.EqualTo($"error: {image.Name}: offset {(16 * 2048) + 156}: root directory record of {length} bytes is malformed (34, or up to 68 on old images)"));
    }

    [Test]
    public void A_directory_with_an_empty_extent_is_beyond_the_end_of_the_media_and_nothing_is_written()
    {
        // libarchive's test_read_format_iso_rockridge_zf_overflow: directory A of 0 bytes, which
        // bsdtar refuses ("Directory is beyond end-of-media: A") and we extracted as empty.
        var image = _rockRidge.Copy();
        var dir = image.RecordOf("dir");
        image.SetBothEndian(dir + 10, 0);
        File.WriteAllBytes(_temp["empty-extent.iso"], image.Bytes);

        var error = Assert.Throws<IsoFormatException>(() => Extract(_temp["empty-extent.iso"], _temp["out-empty"], new RecordingLog()))!;

        Assert.That(error.ErrorLine, Does.StartWith($"error: empty-extent.iso: offset {dir}: directory '/dir' (0 bytes at byte "));
        Assert.That(error.ErrorLine, Does.EndWith("does not start with its '.' record: it is beyond the end of the media or corrupt"));
        Assert.That(Directory.Exists(_temp["out-empty"]), Is.False);
    }

    [Test]
    public void A_directory_whose_extent_holds_no_records_is_refused_at_its_record()
    {
        var image = _rockRidge.Copy();
        var sub = image.RecordOf("dir/sub");
        image.SetBothEndian(sub + 2, 0); // sector 0: the system area, zeros

        var error = Assert.Throws<IsoFormatException>(() => image.Open().Dispose())!;

        Assert.That(error.Location, Is.EqualTo($"{image.Name}: offset {sub}"));
        Assert.That(error.Message, Does.StartWith("directory '/dir/sub' (2048 bytes at byte 0) does not start with its '.' record"));
    }

    [TestCase(0x6000u, "a block device")]
    [TestCase(0x2000u, "a character device")]
    [TestCase(0x1000u, "a FIFO")]
    [TestCase(0xC000u, "a socket")]
    public void A_device_node_is_left_out_with_a_warning_naming_it_and_the_rest_is_extracted(uint type, string kind)
    {
        // libcdio's copying-rr.iso carries /dev/fd0 and /dev/zero: bsdtar extracts the rest and names them.
        var image = _rockRidge.Copy();
        var record = image.RecordOf("dir/file.txt");
        var mode = image.EntryIn(record, "PX") + 4;
        image.SetBothEndian(mode, type | 0x1A4);
        File.WriteAllBytes(_temp[$"device-{type:x}.iso"], image.Bytes);
        var log = new RecordingLog();

        Extract(_temp[$"device-{type:x}.iso"], _temp[$"out-{type:x}"], log);

        Assert.That(log.Warnings, Is.EqualTo(new[] { $"device-{type:x}.iso: offset {record}: 'dir/file.txt' is {kind}, which is not extracted" }));
        Assert.That(TreeListing.OfDirectory(_temp[$"out-{type:x}"], withModes: false).Select(l => l.Split(' ')[0]), Is.EqualTo(new[] { "ab", "dir", "dir/sub", "dir/sub/deep.txt" }));
    }

    [Test]
    public void Many_fifos_are_named_up_to_a_cap_and_the_rest_are_counted_in_one_warning()
    {
        // An image may carry any number of them; the console and the report name the first ones.
        var tree = _temp["fifos"];
        Directory.CreateDirectory(tree);
        File.WriteAllText(Path.Combine(tree, "kept.txt"), "kept\n");
        const int Fifos = IsoTreeBuilder.SkippedNamed + 5;
        for (var i = 0; i < Fifos; i++)
        {
            Tool.Run("mkfifo", Path.Combine(tree, $"pipe{i:D2}")).EnsureSuccess("mkfifo");
        }

        IsoTools.Genisoimage(tree, _temp["fifos.iso"], "-R");
        using var iso = IsoMediaSource.Open(_temp["fifos.iso"]);

        Assert.That(iso.Skipped, Has.Count.EqualTo(IsoTreeBuilder.SkippedNamed + 1));
        Assert.That(iso.Skipped.Take(IsoTreeBuilder.SkippedNamed), Has.All.Match(@"^fifos\.iso: offset \d+: 'pipe\d\d' is a FIFO, which is not extracted$"));
        Assert.That(iso.Skipped[^1], Is.EqualTo("fifos.iso: 5 more device nodes, FIFOs or sockets are not extracted"));
    }

    [Test]
    public void An_unknown_file_type_is_refused_at_its_record()
    {
        var image = _rockRidge.Copy();
        var record = image.RecordOf("ab");
        image.SetBothEndian(image.EntryIn(record, "PX") + 4, 0xE1A4);

        var error = Assert.Throws<IsoFormatException>(() => image.Open().Dispose())!;

        Assert.That(error.ErrorLine, Is.EqualTo($"error: {image.Name}: offset {record}: 'ab' is of unknown file type 016 (Rock Ridge PX)"));
    }

    [Test]
    public void A_multi_session_image_is_read_at_its_last_session_as_bsdtar_reads_it()
    {
        // xorriso growing an image file: session 2 adds 'second' and removes 'first'; the
        // descriptors at sector 16 are rewritten to point at the newest session.
        _temp.Write("session1/first", "one\n");
        _temp.Write("session2/second", "two\n");
        var image = _temp["multi.iso"];
        Tool.Run("xorriso", "-dev", image, "-rockridge", "on", "-map", _temp["session1"], "/", "-commit").EnsureSuccess("xorriso session 1");
        Tool.Run("xorriso", "-dev", image, "-map", _temp["session2"], "/", "-rm", "/first", "--", "-commit").EnsureSuccess("xorriso session 2");
        var toc = Tool.Run("xorriso", "-indev", image, "-toc");
        Assert.That(toc.Output + toc.Error, Does.Contain("2 sessions"));

        Extract(image, _temp["multi-ours"], new RecordingLog());

        var expected = TreeListing.OfDirectory(IsoTools.BsdtarExtract(image, _temp["multi-bsdtar"]), withModes: true);
        Assert.That(TreeListing.OfDirectory(_temp["multi-ours"], withModes: true), Is.EqualTo(expected));
        Assert.That(expected.Select(l => l.Split(' ')[0]), Is.EqualTo(new[] { "second" }));
    }

    [Test]
    public void A_UDF_only_image_is_refused_naming_UDF()
    {
        // The volume recognition sequence of a UDF disc without an ISO 9660 bridge: BEA01, NSR02, TEA01.
        var bytes = new byte[20 * 2048];
        foreach (var (sector, id) in new[] { (16, "BEA01"), (17, "NSR02"), (18, "TEA01") })
        {
            bytes[sector * 2048] = 0;
            System.Text.Encoding.ASCII.GetBytes(id).CopyTo(bytes, (sector * 2048) + 1);
            bytes[(sector * 2048) + 6] = 1;
        }

        var error = Assert.Throws<IsoFormatException>(() => new ImageBytes(bytes, "udf.iso").Open().Dispose())!;

        Assert.That(error.ErrorLine, Does.StartWith("error: udf.iso: offset 32768: a UDF image without ISO 9660 descriptors (BEA01 at sector 16): this reader reads ISO 9660"));
    }

    private static void SetNameFlag(ImageBytes image, long entry, byte flag)
    {
        image.Write(entry, "NM");
        image.Bytes[entry + 4] = flag;
    }

    private static void Extract(string image, string output, IPipelineLog log)
    {
        using var iso = IsoMediaSource.Open(image);
        new MediaExtractor(log).Extract(iso, output);
    }
}
