using System.Collections.Immutable;
using XenBundle.Kickstart.Syntax;

namespace XenBundle.Kickstart.Transform;

/// <summary>Nodes the rewrite adds, written in the target's syntax and the file's line ending.</summary>
public static class Generated
{
    /// <summary>Comment lines, each "# " and the text.</summary>
    public static ImmutableArray<TextLine> Comments(string newLine, params string[] texts) =>
        [.. texts.Select(t => TextLine.Added("# " + t, newLine))];

    public static CommandNode Command(string text, string newLine, ImmutableArray<TextLine> leading = default) =>
        new(leading.IsDefault ? [] : leading, CommandLine.Added(text, newLine));

    /// <summary>A section with <c>%end</c> where the release knows it (EL6+), without on EL5.</summary>
    public static SectionNode Section(KickstartDialect dialect, string newLine, ImmutableArray<TextLine> leading, string header, IEnumerable<string> body)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(body);
        return new SectionNode(
            leading,
            CommandLine.Added(header, newLine),
            [.. body.Select(line => new BodyLine(TextLine.Added(line, newLine)))],
            dialect.EndAllowed ? CommandLine.Added(KickstartSections.End, newLine) : null);
    }
}
