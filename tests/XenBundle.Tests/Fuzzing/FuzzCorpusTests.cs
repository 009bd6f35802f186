namespace XenBundle.Tests.Fuzzing;

/// <summary>
/// Every seed of the fuzz corpus is a valid input its reader accepts: the mutations start
/// from real files, not from errors.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class FuzzCorpusTests
{
    public static IEnumerable<TestCaseData> Seeds() =>
        FuzzTargets.Names.SelectMany(target => Directory.GetFiles(Path.Combine(Repository.Fixtures, "fuzz", target)).Order(StringComparer.Ordinal)
            .Select(file => new TestCaseData(target, Path.GetFileName(file)).SetName($"The_seed_is_accepted({target}/{Path.GetFileName(file)})")));

    [TestCaseSource(nameof(Seeds))]
    public void The_seed_is_accepted(string target, string seed)
    {
        using var reader = FuzzTargets.Create(target);

        var result = FuzzRunner.Execute(reader, File.ReadAllBytes(Path.Combine(reader.CorpusDirectory, seed)));

        Assert.That(result, Is.EqualTo(FuzzCase.Success));
    }

    [Test]
    public void Every_target_has_seeds()
    {
        foreach (var target in FuzzTargets.Names)
        {
            using var reader = FuzzTargets.Create(target);
            Assert.That(reader.Seeds(), Is.Not.Empty, target);
        }
    }
}
