namespace XenBundle.Reporting;

/// <summary>Small helpers for report text.</summary>
public static class Markdown
{
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        var lines = new List<string>
        {
            "| " + string.Join(" | ", header.Select(Cell)) + " |",
            "|" + string.Concat(header.Select(_ => "---|")),
        };
        lines.AddRange(rows.Select(r => "| " + string.Join(" | ", r.Select(Cell)) + " |"));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>A fenced block; the fence is longer than any run of backticks in the text.</summary>
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
        return fence + language + "\n" + text.TrimEnd('\n') + "\n" + fence + "\n";
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
