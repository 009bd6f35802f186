using Build.Benchmarks;

namespace XenBundle.Tests.Benchmarks;

/// <summary>--size of the Benchmark target: MiB, or GiB with a g suffix, several separated by commas.</summary>
[Category(TestCategories.Unit)]
public sealed class BenchmarkSizesTests
{
    private const long MiB = 1L << 20;
    private const long GiB = 1L << 30;

    [TestCase(null, new[] { GiB })]
    [TestCase("1g", new[] { GiB })]
    [TestCase("1G", new[] { GiB })]
    [TestCase("1024", new[] { GiB })]
    [TestCase("4.5g", new[] { 4608 * MiB })]
    [TestCase("1g,4.5g", new[] { GiB, 4608 * MiB })]
    [TestCase("4.5g,1g", new[] { GiB, 4608 * MiB })]
    [TestCase(" 128 , 64 ", new[] { 64 * MiB, 128 * MiB })]
    [TestCase("0.25g,100", new[] { 100 * MiB, 256 * MiB })]
    [TestCase("1024g", new[] { 1024 * GiB })]
    public void Sizes_are_read_in_MiB_or_GiB_and_sorted(string? text, long[] expected)
    {
        Assert.That(BenchmarkSizes.Parse(text), Is.EqualTo(expected));
    }

    [TestCase("", "is not a size")]
    [TestCase("1g,", "is not a size")]
    [TestCase("abc", "is not a size")]
    [TestCase("-1", "is not a size")]
    [TestCase("+64", "is not a size")]
    [TestCase("1e3", "is not a size")]
    [TestCase("1,5g", "less than 64 MiB")]
    [TestCase(".5g", "is not a size")]
    [TestCase("4.g", "is not a size")]
    [TestCase("1.2.3g", "is not a size")]
    [TestCase("4.5", "not a whole number of MiB")]
    [TestCase("1.1g", "not a whole number of MiB")]
    [TestCase("4.5m", "is not a size")]
    [TestCase("0", "less than 64 MiB")]
    [TestCase("63", "less than 64 MiB")]
    [TestCase("1025g", "more than 1024 GiB")]
    [TestCase("99999999999999999999999999999", "more than 1024 GiB")]
    [TestCase("64,64", "given twice")]
    [TestCase("1024,1g", "given twice")]
    public void A_bad_size_is_a_usage_error_on_size(string text, string reason)
    {
        var error = Assert.Throws<XenBundleException>(() => BenchmarkSizes.Parse(text))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.ExitCodeValue, Is.EqualTo(ExitCode.BadUsage));
            Assert.That(error.ErrorLine, Does.StartWith("error: --size: "));
            Assert.That(error.Message, Does.Contain(reason));
        });
    }

    [TestCase(64 * MiB, "64 MiB")]
    [TestCase(1100 * MiB, "1100 MiB")]
    [TestCase(GiB, "1 GiB")]
    [TestCase(4608 * MiB, "4.5 GiB")]
    [TestCase(1280 * MiB, "1.25 GiB")]
    public void A_size_is_named_in_GiB_where_that_reads_well(long bytes, string name)
    {
        Assert.That(BenchmarkSizes.Name(bytes), Is.EqualTo(name));
    }
}
