using System.Text;

namespace XenBundle.Reporting;

/// <summary>
/// The report written beside the bundle (<c>NAME-VERSION.report.md</c>): sections that
/// the stages fill in, and every warning. It never contains the content of the
/// kickstart CD's files, only their names. Titles and warnings are plain text (a section
/// title may carry an earlier bundle's version, a warning a kickstart's line), written
/// escaped; a section's body is Markdown, made with <see cref="Markdown"/>.
/// </summary>
public sealed class BuildReport
{
    private readonly List<(string Title, string Body)> _sections = [];
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Warnings => _warnings;

    public IReadOnlyList<(string Title, string Body)> Sections => _sections;

    public void Warn(string warning) => _warnings.Add(warning);

    /// <summary>Adds a section, or replaces the one with the same title.</summary>
    public void Section(string title, string markdown)
    {
        var index = _sections.FindIndex(s => s.Title == title);
        if (index >= 0)
        {
            _sections[index] = (title, markdown);
        }
        else
        {
            _sections.Add((title, markdown));
        }
    }

    public string Render(string heading)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(Markdown.Text(heading)).Append("\n\n");
        foreach (var (title, body) in _sections)
        {
            text.Append("## ").Append(Markdown.Text(title)).Append("\n\n").Append(body.TrimEnd('\n')).Append("\n\n");
        }

        text.Append("## Warnings\n\n");
        if (_warnings.Count == 0)
        {
            text.Append("None.\n");
        }

        foreach (var warning in _warnings)
        {
            text.Append(Markdown.ListItem(warning));
        }

        return text.ToString();
    }
}
