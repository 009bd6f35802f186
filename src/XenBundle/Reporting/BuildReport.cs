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
    private readonly List<(ReportStage Stage, string Title, string Body)> _sections = [];
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>
    /// The sections in the order the report shows them: by stage, as the pipeline runs them, then in the
    /// order each stage added them. So the report reads the same whichever order a Cake script or
    /// <c>--exclusive</c> runs the stages in.
    /// </summary>
    public IReadOnlyList<(string Title, string Body)> Sections =>
        [.. _sections.OrderBy(s => s.Stage).Select(s => (s.Title, s.Body))];

    public void Warn(string warning) => _warnings.Add(warning);

    /// <summary>
    /// Adds a section, or replaces the one with the same title. A replaced section keeps its place: the
    /// repository stage rewrites the extract stage's "Merged tree" with what it added to the tree.
    /// </summary>
    public void Section(ReportStage stage, string title, string markdown)
    {
        var index = _sections.FindIndex(s => s.Title == title);
        if (index >= 0)
        {
            _sections[index] = (_sections[index].Stage, title, markdown);
        }
        else
        {
            _sections.Add((stage, title, markdown));
        }
    }

    public string Render(string heading)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(Markdown.Text(heading)).Append("\n\n");
        foreach (var (title, body) in Sections)
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

/// <summary>The stage that wrote a section of the report, in the order the pipeline runs them.</summary>
public enum ReportStage
{
    ExtractMedia,
    MergeRepositories,
    TransformKickstart,
    GenerateVirtInstall,
    PackageBundle,
}
