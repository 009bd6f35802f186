using XenBundle.Recipes;

namespace XenBundle.Tests.Recipes;

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

    [Test]
    public void Precedence_follows_semver_2_0()
    {
        // The example chain of semver.org section 11.
        string[] ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0"];
        for (var i = 0; i + 1 < ordered.Length; i++)
        {
            Assert.That(SemanticVersion.Parse(ordered[i]) < SemanticVersion.Parse(ordered[i + 1]), Is.True, $"{ordered[i]} < {ordered[i + 1]}");
        }

        Assert.That(SemanticVersion.Parse("1.0.0+a").CompareTo(SemanticVersion.Parse("1.0.0+b")), Is.Zero, "build metadata does not count");
    }
}
