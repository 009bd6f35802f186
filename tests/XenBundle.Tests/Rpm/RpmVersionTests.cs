using XenBundle.Rpm;

namespace XenBundle.Tests.Rpm;

/// <summary>rpmvercmp's results (the cases of rpm's own test suite, rpmvercmp.at).</summary>
[TestFixture]
[Category(TestCategories.Unit)]
public sealed class RpmVersionTests
{
    [TestCase("1.0", "1.0", 0)]
    [TestCase("1.0", "2.0", -1)]
    [TestCase("2.0.1", "2.0", 1)]
    [TestCase("2.0.1a", "2.0.1", 1)]
    [TestCase("5.5p1", "5.5p2", -1)]
    [TestCase("5.5p10", "5.5p1", 1)]
    [TestCase("10xyz", "10.1xyz", -1)]
    [TestCase("xyz10", "xyz10.1", -1)]
    [TestCase("xyz.4", "8", -1)]
    [TestCase("1b.fc17", "1.fc17", -1)]
    [TestCase("1.0~rc1", "1.0", -1)]
    [TestCase("1.0~rc1", "1.0~rc2", -1)]
    [TestCase("1.0^", "1.0", 1)]
    [TestCase("1.0^git1", "1.0^git2", -1)]
    [TestCase("1.0^git1~pre", "1.0^git1", -1)]
    [TestCase("2.4", "2.4.3", -1)]
    [TestCase("010", "10", 0)]
    [TestCase("GLIBC_2.3.4", "GLIBC_2.4", -1)]
    [TestCase("a", "1", -1)]
    public void Compares_as_rpm_does(string a, string b, int expected)
    {
        Assert.That(RpmVersion.Compare(a, b), Is.EqualTo(expected));
        Assert.That(RpmVersion.Compare(b, a), Is.EqualTo(-expected));
    }
}
