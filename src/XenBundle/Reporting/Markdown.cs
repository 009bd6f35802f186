using System.Globalization;
using System.Text;

namespace XenBundle.Reporting;

/// <summary>
/// Report text from values that come from the inputs: a package or file name of a medium,
/// a comps group, a kickstart line, a recipe value. Any of them may be written to hurt
/// whoever reads the report on a web page (<c>&lt;img onerror=...&gt;</c>, a <c>|</c> that
/// adds a table column, a backtick that ends a code span early), so every value goes
/// through here: as text with HTML and Markdown escaped, or whole in a fenced block.
/// </summary>
public static class Markdown
{
    /// <summary>A table; every cell is <see cref="Text"/>, so a row keeps its columns whatever it holds.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        var lines = new List<string>
        {
            "| " + string.Join(" | ", header.Select(Text)) + " |",
            "|" + string.Concat(header.Select(_ => "---|")),
        };
        lines.AddRange(rows.Select(r => "| " + string.Join(" | ", r.Select(Text)) + " |"));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>
    /// A fenced block; the fence is longer than any run of backticks in the text, so nothing
    /// in it can close the block. Control characters are escaped (<c>\x1b</c>) as in error
    /// lines: <c>cat report.md</c> must not replay a terminal escape.
    /// </summary>
    public static string Code(string text, string language = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        var body = new StringBuilder(text.Length);
        var trimmed = text.TrimEnd('\n', '\r');
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (c is '\n' or '\t' || (c == '\r' && i + 1 < trimmed.Length && trimmed[i + 1] == '\n'))
            {
                body.Append(c);
            }
            else
            {
                AppendPrintable(body, c);
            }
        }

        return fence + language + "\n" + body + "\n" + fence + "\n";
    }

    /// <summary>
    /// A value as inline Markdown text that shows exactly that value: <c>&lt;</c>, <c>&gt;</c>
    /// and <c>&amp;</c> as entities (no HTML), the characters that start code, emphasis,
    /// links, strike-through, table cells and headings (<c>\ ` * _ [ ] ~ | #</c>) escaped
    /// with a backslash, line breaks as spaces and other control characters as <c>\xNN</c>.
    /// An underscore inside a word (<c>el5_11</c>) is left alone: it cannot start emphasis.
    /// </summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '<' or '>' or '&':
                    escaped.Append(Entity(c));
                    break;
                case '_' when i > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]):
                    escaped.Append(c);
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '~' or '|' or '#':
                    escaped.Append('\\').Append(c);
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n' or '\r' or '\u2028' or '\u2029':
                    escaped.Append(' ');
                    break;
                default:
                    AppendPrintable(escaped, c);
                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>A list item of <see cref="Text"/>.</summary>
    public static string ListItem(string text) => "- " + AtLineStart(Text(text)) + "\n";

    /// <summary>A line of <see cref="Text"/> of its own.</summary>
    public static string Line(string text) => AtLineStart(Text(text)) + "\n";

    /// <summary>A value inside an HTML element (a <c>&lt;summary&gt;</c>): text, never markup.</summary>
    public static string HtmlText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<' or '>' or '&' or '"':
                    escaped.Append(Entity(c));
                    break;
                default:
                    AppendPrintable(escaped, c is '\n' or '\r' ? ' ' : c);
                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>Escaped text that begins a line: a leading <c>-</c>, <c>+</c> or <c>1.</c> would start a list.</summary>
    private static string AtLineStart(string escaped)
    {
        var digits = escaped.TakeWhile(char.IsAsciiDigit).Count();
        if (escaped.StartsWith('-') || escaped.StartsWith('+'))
        {
            return "\\" + escaped;
        }

        return digits > 0 && digits < escaped.Length && escaped[digits] is '.' or ')' ? escaped[..digits] + "\\" + escaped[digits..] : escaped;
    }

    private static string Entity(char c) => c switch
    {
        '<' => "&lt;",
        '>' => "&gt;",
        '&' => "&amp;",
        _ => "&quot;",
    };

    // As error lines show them: a web view must show each line as it is (TreePath.AppendPrintable).
    private static void AppendPrintable(StringBuilder text, char c) => Tree.TreePath.AppendPrintable(text, c);
}
