using XenBundle.Recipes;

namespace XenBundle.Tests.Recipes;

[Category(TestCategories.Unit)]
public sealed class SemanticVersionTests
{
    [TestCase("1.4.0")]
    [TestCase("0.0.1")]
    [TestCase("1.4.1-ci.7")]
    [TestCase("1.4.1+sha.3f2a")]
    [TestCase("1.0.0-alpha.1+build.5")]
    [TestCase("10.20.30-rc.1.x-y")]
    public void Valid_versions_parse_and_print_back(string text)
    {
        Assert.That(SemanticVersion.TryParse(text, out var version), Is.True);
        Assert.That(version.ToString(), Is.EqualTo(text));
    }

    [TestCase("1.4")]
    [TestCase("v1.4.0")]
    [TestCase("01.4.0")]
    [TestCase("1.4.0-")]
    [TestCase("1.4.0-01")]
    [TestCase("1.4.0+")]
    [TestCase("1.4.0\n")]
    [TestCase("1.4.0 ")]
    [TestCase("１.4.0")]
    public void Invalid_versions_are_refused(string text) =>
        Assert.That(SemanticVersion.TryParse(text, out _), Is.False);
}
