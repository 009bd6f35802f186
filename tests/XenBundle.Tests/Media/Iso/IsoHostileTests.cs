using XenBundle.Media;
using XenBundle.Media.Iso;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Media.Iso;

/// <summary>
/// Images damaged on purpose: each must end in a listing or an error naming the image
/// and the byte offset, never another exception, a hang, or a write outside the output.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class IsoHostileTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private TempDirectory _temp = null!;
    private ImageBytes _rockRidge = null!;
    private ImageBytes _joliet = null!;
    private ImageBytes _plain = null!;

    [OneTimeSetUp]
    public void MakeImages()
    {
        _temp = new TempDirectory("hostile");
        var source = _temp["source"];
        _temp.Write("source/ab", "x");
        _temp.Write("source/dir/file.txt", "content of file.txt\n");
        _temp.Write("source/dir/sub/deep.txt", "deep\n");
        File.CreateSymbolicLink(_temp["source/link"], "dir/file.txt");
        _rockRidge = ImageBytes.Load(IsoTools.Genisoimage(source, _temp["rr.iso"], "-R", "-J"));
        _joliet = ImageBytes.Load(IsoTools.Genisoimage(source, _temp["joliet.iso"], "-J"));
        _plain = ImageBytes.Load(IsoTools.Genisoimage(source, _temp["plain.iso"]));
    }

    [OneTimeTearDown]
    public void RemoveImages() => _temp.Dispose();

    [TestCase("..", "unsafe path component")]
    [TestCase("a/", "'/' in file name")]
    [TestCase("a\0", "control character", TestName = "{m}(a name ending in NUL)")]
    [TestCase("a\u0001", "control character", TestName = "{m}(a name ending in SOH)")]
    [TestCase("a\n", "control character", TestName = "{m}(a name ending in a line feed)")]
    public void A_Rock_Ridge_name_that_could_leave_the_tree_is_refused_at_its_record(string name, string problem)
    {
        var image = _rockRidge.Copy();
        var record = image.RecordOf("ab");
        image.Write(image.EntryIn(record, "NM") + 5, name);

        AssertRefusedAt(image, record, problem);
    }

    [TestCase("a/", "'/' in file name")]
    [TestCase("..", "unsafe path component")]
    [TestCase("a\u001b", "control character", TestName = "{m}(a name ending in ESC)")]
    public void A_Joliet_name_that_could_leave_the_tree_is_refused_at_its_record(string name, string problem)
    {
        var image = _joliet.Copy();
        var record = image.RecordOf("ab");
        image.Write(record + 33, "\0" + name[0] + "\0" + name[1]);

        AssertRefusedAt(image, record, problem);
    }

    [Test]
    public void A_plain_name_with_a_slash_is_refused_at_its_record()
    {
        var image = _plain.Copy();
        var record = image.RecordOf("AB");
        image.Write(record + 33, "A/");

        AssertRefusedAt(image, record, "'/' in file name");
    }

    [Test]
    public void A_Rock_Ridge_name_of_dot_dot_flags_is_refused()
    {
        var image = _rockRidge.Copy();
        var record = image.RecordOf("ab");
        image.Bytes[image.EntryIn(record, "NM") + 4] = 0x04; // NM flag PARENT

        AssertRefusedAt(image, image.EntryIn(record, "NM"), "'.' or '..'");
    }

    [Test]
    public void A_directory_that_contains_itself_is_a_loop()
    {
        var image = _rockRidge.Copy();
        var sub = image.RecordOf("dir/sub");
        image.SetBothEndian(sub + 2, image.BothEndian(image.RecordOf("dir") + 2));

        AssertRefusedAt(image, sub, "loop");
    }

    [Test]
    public void A_directory_that_contains_the_root_is_a_loop()
    {
        var image = _rockRidge.Copy();
        var dir = image.RecordOf("dir");
        image.SetBothEndian(dir + 2, image.BothEndian((16 * 2048) + 156 + 2));

        AssertRefusedAt(image, dir, "loop");
    }

    [Test]
    public void A_continuation_area_past_the_end_is_refused()
    {
        var image = _rockRidge.Copy();
        var continuation = image.EntryIn(image.RootSelf(), "CE");
        image.SetBothEndian(continuation + 4, 0x00FFFFFF);

        var error = Refused(image);
        Assert.That(error.Message, Does.Contain("continuation area").And.Contain("past the end of the image"));
        Assert.That(error.Location, Is.EqualTo($"{image.Name}: offset {0x00FFFFFFL * 2048}"));
    }

    [Test]
    public void A_continuation_area_that_points_back_at_itself_is_a_loop()
    {
        var image = _rockRidge.Copy();
        var self = image.RootSelf();
        var continuation = image.EntryIn(self, "CE");
        var area = self + 33 + 1; // the root's '.' has a 1-byte identifier: its System Use area follows
        image.SetBothEndian(continuation + 4, (uint)(area / 2048));
        image.SetBothEndian(continuation + 12, (uint)(area % 2048));
        image.SetBothEndian(continuation + 20, (uint)(image.Bytes[self] - 34));

        Assert.That(Refused(image).Message, Does.Contain("loop"));
    }

    [Test]
    public void A_file_whose_extent_runs_past_the_end_is_refused_at_its_record()
    {
        var image = _rockRidge.Copy();
        var record = image.RecordOf("dir/file.txt");
        image.SetBothEndian(record + 2, (uint)(image.Bytes.Length / 2048) - 1);
        image.SetBothEndian(record + 10, 1 << 20);

        Assert.That(Refused(image).Message, Does.Contain("'dir/file.txt'").And.Contain("past the end of the image"));
    }

    [Test]
    public void An_interleaved_file_is_refused()
    {
        var image = _rockRidge.Copy();
        var record = image.RecordOf("dir/file.txt");
        image.Bytes[record + 26] = 1;
        image.Bytes[record + 27] = 1;

        AssertRefusedAt(image, record, "interleaved");
    }

    [Test]
    public void A_multi_extent_piece_without_its_next_piece_is_refused()
    {
        var image = _rockRidge.Copy();
        var record = image.RecordOf("ab");
        image.Bytes[record + 25] |= 0x80;

        Assert.That(Refused(image).Message, Does.Contain("multi-extent file 'ab'"));
    }

    [Test]
    public void A_symlink_that_leaves_the_tree_is_listed_as_it_is_but_not_extracted()
    {
        var image = _rockRidge.Copy();
        var sl = image.EntryIn(image.RecordOf("link"), "SL");
        image.Bytes[sl + 5] = 0x08; // first component: ROOT, so the target becomes /ir/file.txt-like absolute

        using var iso = image.Open();
        var link = iso.Find("link")!;
        Assert.That(link.SymlinkTarget, Does.StartWith("/"));
        var box = _temp["box-link"];
        var error = Assert.Throws<XenBundleException>(() => new MediaExtractor().Extract(iso, Path.Combine(box, "out")))!;
        Assert.That(error.Location, Is.EqualTo($"{image.Name}: offset {ImageBytes.RecordOf(link)}"));
        Assert.That(error.Message, Does.Contain("points outside the tree"));
        Assert.That(Directory.Exists(box) ? Directory.GetFileSystemEntries(box) : [], Is.Empty, "nothing written");
    }

    [Test]
    public void Truncated_images_give_a_listing_or_an_error_at_every_cut()
    {
        var whole = _rockRidge;
        var cuts = Enumerable.Range(0, whole.Bytes.Length / 2048).SelectMany(s => new[] { s * 2048, (s * 2048) + 1, (s * 2048) + 1000 })
            .Where(c => c < whole.Bytes.Length).ToList();
        var outcomes = cuts.Select(cut => Survive(new ImageBytes(whole.Bytes[..cut]), $"cut at {cut}")).ToList();

        Assert.That(outcomes, Has.Some.EqualTo("error").And.Some.EqualTo("listed"), "both outcomes occur across the cuts");
    }

    [Test]
    public void Hundreds_of_random_mutations_of_records_and_System_Use_areas_never_win([Values(1, 2, 3)] int seed)
    {
        var random = new Random(seed);
        var start = (int)_rockRidge.RootSelf();
        var end = (int)_rockRidge.FirstContent(); // the directories and their continuation areas
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 120; i++)
        {
            var image = _rockRidge.Copy();
            for (var n = random.Next(1, 5); n > 0; n--)
            {
                var position = random.Next(start, end);
                image.Bytes[position] = random.Next(4) switch
                {
                    0 => 0,
                    1 => 0xFF,
                    2 => (byte)(image.Bytes[position] ^ (1 << random.Next(8))),
                    _ => (byte)random.Next(256),
                };
            }

            var outcome = Survive(image, $"seed {seed} mutation {i}");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        Assert.That(outcomes.Keys, Is.SupersetOf(new[] { "error", "listed" }), string.Join(", ", outcomes));
    }

    /// <summary>
    /// Opens and extracts the image: it must end in a listing or a XenBundleException, in
    /// time, with nothing written beside the output directory.
    /// </summary>
    private string Survive(ImageBytes image, string what)
    {
        var box = _temp["box"];
        if (Directory.Exists(box))
        {
            Directory.Delete(box, recursive: true);
        }

        Directory.CreateDirectory(box);
        var output = Path.Combine(box, "out");
        var run = Task.Run(() =>
        {
            try
            {
                using var iso = image.Open();
                new MediaExtractor().Extract(iso, output);
                return "listed";
            }
            catch (XenBundleException)
            {
                return "error";
            }
        });
        Assert.That(run.Wait(Patience), Is.True, $"{what}: hangs");
        Assert.That(run.IsCompletedSuccessfully, Is.True, $"{what}: {run.Exception?.InnerException}");
        Assert.That(Directory.GetFileSystemEntries(box), Is.SubsetOf(new[] { output }), $"{what}: wrote beside the output");
        return run.Result;
    }

    private static IsoFormatException Refused(ImageBytes image) => Assert.Throws<IsoFormatException>(() => image.Open().Dispose())!;

    private static void AssertRefusedAt(ImageBytes image, long offset, string problem)
    {
        var error = Refused(image);
        Assert.That(error.Location, Is.EqualTo($"{image.Name}: offset {offset}"));
        Assert.That(error.Message, Does.Contain(problem));
    }
}
