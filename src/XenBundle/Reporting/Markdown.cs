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

    public static string Code(string text, string language = "") =>
        "```" + language + "\n" + text.TrimEnd('\n') + "\n```\n";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
