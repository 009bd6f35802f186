using System.Text;
using XenBundle.Kickstart.Transform;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Kickstart;

/// <summary>The diff in the report: the format GNU diff writes, and what GNU patch applies.</summary>
public sealed class UnifiedDiffTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory("diff");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Category(TestCategories.Unit)]
    [Test]
    public void Equal_texts_have_no_diff()
    {
        Assert.That(UnifiedDiff.Create("a\nb\n", "a\nb\n"), Is.Empty);
        Assert.That(UnifiedDiff.Create(string.Empty, string.Empty), Is.Empty);
    }

    [Category(TestCategories.Tool)]
    [TestCase("a\nb\nc\n", "a\nB\nc\n")]
    [TestCase("a\nb\nc\n", "top\na\nb\nc\n")]
    [TestCase("a\nb\nc", "a\nb\nc\nd\n")]
    [TestCase("a\nb\nc\n", "a\nb\nc")]
    [TestCase("", "new\n")]
    [TestCase("old\n", "")]
    [TestCase("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n", "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\nY\n16\n")]
    [TestCase("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\nX\n3\n4\n5\n6\n7\n8\nY\n")]
    [TestCase("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "1\nX\n3\n4\n5\n6\n7\n8\n9\nY\n")]
    [TestCase("a\r\nb\r\n", "a\r\nb\n")]
    public void The_format_is_what_gnu_diff_writes(string before, string after)
    {
        File.WriteAllText(_temp["a"], before, Encoding.Latin1);
        File.WriteAllText(_temp["b"], after, Encoding.Latin1);
        var gnu = Tool.Run("diff", "-u", "--label", "source", "--label", "transformed", _temp["a"], _temp["b"]);

        Assert.That(gnu.ExitCode, Is.EqualTo(1), gnu.Error);
        Assert.That(UnifiedDiff.Create(before, after), Is.EqualTo(gnu.Output));
    }

    [Category(TestCategories.Tool)]
    [TestCaseSource(typeof(KickstartCorpusTests), nameof(KickstartCorpusTests.Files))]
    public void Gnu_patch_turns_the_source_into_the_result_with_the_reported_diff(string file)
    {
        var source = KickstartFixtures.Read(file);
        var result = KickstartFixtures.Transform(source, KickstartFixtures.OsOf(file), fileName: file);
        File.WriteAllBytes(_temp["source.cfg"], source);
        File.WriteAllBytes(_temp["ks.diff"], Encoding.Latin1.GetBytes(result.Diff));

        Tool.Run("patch", "--binary", "--quiet", "-o", _temp["patched.cfg"], _temp["source.cfg"], _temp["ks.diff"]).EnsureSuccess("patch");
        Assert.That(File.ReadAllBytes(_temp["patched.cfg"]), Is.EqualTo(result.Kickstart));
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void More_changes_than_the_search_allows_still_give_a_diff_that_patch_applies()
    {
        var before = string.Concat(Enumerable.Range(0, 3 * UnifiedDiff.MaxEdits).Select(i => $"line {i}\n"));
        var after = "head\n" + string.Concat(Enumerable.Range(0, 3 * UnifiedDiff.MaxEdits).Select(i => i % 2 == 0 ? $"line {i}\n" : $"changed {i}\n")) + "tail\n";
        File.WriteAllText(_temp["before"], before, Encoding.Latin1);

        File.WriteAllText(_temp["big.diff"], UnifiedDiff.Create(before, after), Encoding.Latin1);

        Tool.Run("patch", "--binary", "--quiet", "-o", _temp["patched"], _temp["before"], _temp["big.diff"]).EnsureSuccess("patch");
        Assert.That(File.ReadAllText(_temp["patched"], Encoding.Latin1), Is.EqualTo(after));
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void The_edit_script_is_a_shortest_one()
    {
        var edits = UnifiedDiff.Compute(["a", "b", "c", "a", "b", "b", "a"], ["c", "b", "a", "b", "a", "c"]);
        Assert.That(edits.Count(e => e.Operation != DiffOperation.Keep), Is.EqualTo(5), "Myers' example: D = 5");
    }
}
