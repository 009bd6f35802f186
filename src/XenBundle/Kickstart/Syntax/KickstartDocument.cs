using System.Collections.Immutable;
using System.Text;

namespace XenBundle.Kickstart.Syntax;

/// <summary>
/// A parsed kickstart: every byte of the input is in exactly one node, token or trivia
/// line, so <see cref="Print"/> of an unchanged tree gives the input back. Immutable: a
/// rewrite makes a new document.
/// </summary>
public sealed record KickstartDocument(string FileName, KickstartDialect Dialect, ImmutableArray<KickstartNode> Nodes, ImmutableArray<TextLine> EndTrivia)
{
    /// <summary>The line ending for added lines: the file's own (CRLF when it has any).</summary>
    public string NewLine { get; init; } = "\n";

    public IEnumerable<CommandNode> Commands => Nodes.OfType<CommandNode>();

    public IEnumerable<SectionNode> Sections => Nodes.OfType<SectionNode>();

    public string Print()
    {
        var text = new StringBuilder();
        foreach (var node in Nodes)
        {
            node.WriteTo(text);
        }

        foreach (var line in EndTrivia)
        {
            text.Append(line.Text).Append(line.Ending);
        }

        return text.ToString();
    }

    public byte[] ToBytes() => KickstartText.Encode(Print());
}
