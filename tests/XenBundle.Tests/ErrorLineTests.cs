namespace XenBundle.Tests;

/// <summary>An error quotes hostile input; what is printed stays one line and drives no terminal.</summary>
public sealed class ErrorLineTests
{
    [TestCase("name \u001b[31mred\u001b[0m", "error: disc.iso: name \\x1b[31mred\\x1b[0m")]
    [TestCase("two\nlines\r\n", "error: disc.iso: two\\x0alines\\x0d\\x0a")]
    [TestCase("a\u2028b\u0085c", "error: disc.iso: a\\u2028b\\x85c")]
    [TestCase("café 日本", "error: disc.iso: café 日本")]
    public void Control_characters_and_line_breaks_are_escaped(string message, string line) =>
        Assert.That(new XenBundleException("disc.iso", message).ErrorLine, Is.EqualTo(line));
}
