namespace XenBundle.Tests.Fuzzing;

/// <summary>
/// Each reader of outside input, fed mutated seeds for a bounded time
/// (<c>XENBUNDLE_FUZZ_SECONDS</c>, default 60 per target; <c>XENBUNDLE_FUZZ_SEED</c> to
/// replay). The only acceptable outcomes are success and a one-line
/// <see cref="XenBundleException"/>; another exception, a broken property, a hang or an
/// allocation out of proportion is a crash: the input is saved beside the test results,
/// to be fixed and added to tests/fixtures/fuzz/regressions (see FuzzRegressionTests).
/// </summary>
[Category(TestCategories.Fuzz)]
public sealed class FuzzTests
{
    [Test]
    public void Iso_reader() => Fuzz("iso");

    [Test]
    public void Rpm_header_reader() => Fuzz("rpm");

    [Test]
    public void Comps_reader() => Fuzz("comps");

    [Test]
    public void Treeinfo_and_discinfo_readers() => Fuzz("tree-metadata");

    [Test]
    public void Repomd_reader() => Fuzz("repomd");

    [Test]
    public void Kickstart_parser() => Fuzz("kickstart");

    [Test]
    public void Recipe_loader() => Fuzz("recipe");

    private static void Fuzz(string name)
    {
        using var target = FuzzTargets.Create(name);
        var settings = FuzzSettings.FromEnvironment();
        TestContext.Progress.WriteLine($"fuzzing {name} for {settings.Budget.TotalSeconds} s, seed {settings.SeedFor(name)} (XENBUNDLE_FUZZ_SEED replays it)");
        var report = FuzzRunner.Run(target, settings);
        TestContext.Progress.WriteLine(report.ToString());
        if (report.Crash is not null)
        {
            var saved = Path.Combine(TestContext.CurrentContext.WorkDirectory, "fuzz-crashes", $"{name}-seed{report.Seed}-input{report.CrashCase}.bin");
            Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
            File.WriteAllBytes(saved, report.CrashInput!);
            TestContext.AddTestAttachment(saved, "the input that crashed");
            Assert.Fail($"{report}\nthe input is in {saved}: fix the reader, then add it under tests/fixtures/fuzz/regressions/{name}/ with a named test");
        }

        Assert.That(report.Refused, target.Refuses ? Is.Positive : Is.Zero, "the mutations reach the readers' checks");
        Assert.That(report.Accepted, Is.Positive, "some mutations are still valid input, so the code behind the checks runs too");
    }
}
