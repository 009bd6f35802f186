namespace XenBundle.Tests;

/// <summary>An error quotes hostile input; what is printed stays one line and drives no terminal.</summary>
[Category(TestCategories.Unit)]
public sealed class ErrorLineTests
{
    // A test name with ESC in it is dropped by the test adapter without a word: named here.
    [TestCase("name \u001b[31mred\u001b[0m", "error: disc.iso: name \\x1b[31mred\\x1b[0m", TestName = "{m}(colour codes)")]
    [TestCase("two\nlines\r\n", "error: disc.iso: two\\x0alines\\x0d\\x0a")]
    [TestCase("a\u2028b\u0085c", "error: disc.iso: a\\u2028b\\x85c")]
    [TestCase("café 日本", "error: disc.iso: café 日本")]
    public void Control_characters_and_line_breaks_are_escaped(string message, string line) =>
        Assert.That(new XenBundleException("disc.iso", message).ErrorLine, Is.EqualTo(line));

    // The console boundary escapes the same way, and bidirectional overrides too (U+202E
    // would show "exe.txt" for "txt.exe"), since it prints log lines as well as errors.
    [TestCase("version 5.11\u001b]0;PWN\u0007\u001b[2J", "version 5.11\\x1b]0;PWN\\x07\\x1b[2J", TestName = "{m}(a terminal title and a clear screen)")]
    [TestCase("over\rwritten\nline", "over\\x0dwritten\\x0aline")]
    [TestCase("file\u202Etxt.exe \u2066x\u2069", "file\\u202etxt.exe \\u2066x\\u2069")]
    [TestCase("café 日本 {0}", "café 日本 {0}")]
    public void The_console_boundary_escapes_control_characters_and_bidirectional_overrides(string text, string shown) =>
        Assert.That(XenBundle.Frosting.Output.ConsoleText.Escape(text), Is.EqualTo(shown));
}
