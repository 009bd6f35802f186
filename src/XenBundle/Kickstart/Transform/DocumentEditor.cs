using System.Collections.Immutable;
using XenBundle.Kickstart.Syntax;

namespace XenBundle.Kickstart.Transform;

/// <summary>
/// A mutable copy of a document's top level for a rewriter to edit, and the changes and
/// warnings it records on the way. <see cref="Result"/> freezes it into a new document.
/// </summary>
public sealed class DocumentEditor
{
    /// <summary>The prefix of a line the rewrite turned into a comment, so that people find them.</summary>
    public const string DisabledMarker = "# xenbundle-disabled: ";

    private readonly KickstartDocument _original;
    private readonly List<KickstartChange> _changes = [];
    private readonly List<KickstartWarning> _warnings = [];
    private List<TextLine> _endTrivia;

    public DocumentEditor(KickstartDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _original = document;
        Nodes = [.. document.Nodes];
        _endTrivia = [.. document.EndTrivia];
    }

    public List<KickstartNode> Nodes { get; }

    public KickstartDialect Dialect => _original.Dialect;

    public string NewLine => _original.NewLine;

    public string FileName => _original.FileName;

    /// <summary>The blank and comment lines after the last node.</summary>
    public IReadOnlyList<TextLine> EndTrivia => _endTrivia;

    public void Changed(LineRef line, string before, string after, string why) =>
        _changes.Add(new KickstartChange(line, Trim(before), Trim(after), why));

    public void Warn(LineRef line, string message) => _warnings.Add(new KickstartWarning(line, message));

    /// <summary>Replaces a command line in place and records it.</summary>
    public void ReplaceCommand(int index, CommandLine line, string why)
    {
        var node = (CommandNode)Nodes[index];
        Changed(node.Source, node.Line.Print(), line.Print(), why);
        Nodes[index] = node with { Line = line };
    }

    /// <summary>
    /// Turns a command into comment lines (every physical line it spans gets the marker), so
    /// that the installer skips it and a person sees what was there.
    /// </summary>
    public void Disable(int index, string why)
    {
        var node = (CommandNode)Nodes[index];
        var lines = node.Line.PhysicalLines().Select(DisableLine).ToList();
        Changed(node.Source, node.Line.Print(), string.Concat(lines.Select(l => l.Text + l.Ending)), why);
        Nodes.RemoveAt(index);
        PrependTrivia(index, [.. node.Leading, .. lines]);
    }

    /// <summary>A body line with the marker in front of its text (after its indentation).</summary>
    public static TextLine DisableLine(TextLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line with { Text = line.Indentation + DisabledMarker + line.Text[line.Indentation.Length..] };
    }

    /// <summary>Inserts nodes the rewrite made before <paramref name="index"/> and records them.</summary>
    public void Insert(int index, IReadOnlyList<KickstartNode> nodes, string why)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (index == Nodes.Count)
        {
            EnsureEndsWithNewLine();
        }

        var after = Nodes.Take(index).Select(LastLine).LastOrDefault(l => !l.IsAdded);
        Nodes.InsertRange(index, nodes);
        Changed(after, string.Empty, string.Concat(nodes.Select(n => Print(n))), why);
    }

    public void SetEndTrivia(IEnumerable<TextLine> lines) => _endTrivia = [.. lines];

    /// <summary>Adds trivia lines before the node at <paramref name="index"/> (or at the end).</summary>
    public void PrependTrivia(int index, IReadOnlyList<TextLine> lines)
    {
        if (index < Nodes.Count)
        {
            Nodes[index] = Nodes[index] with { Leading = [.. lines, .. Nodes[index].Leading] };
        }
        else
        {
            _endTrivia = [.. lines, .. _endTrivia];
        }
    }

    /// <summary>
    /// Where added commands go: after the last command before the first section, so that
    /// they stay among the commands on EL5 too, where a section runs to the next one.
    /// </summary>
    public int CommandAreaEnd()
    {
        var firstSection = Nodes.FindIndex(n => n is SectionNode);
        var limit = firstSection < 0 ? Nodes.Count : firstSection;
        var last = limit == 0 ? -1 : Nodes.FindLastIndex(limit - 1, limit, n => n is CommandNode or IncludeNode);
        return last < 0 ? limit : last + 1;
    }

    public RewriteResult Result() =>
        new(_original with { Nodes = [.. Nodes], EndTrivia = [.. _endTrivia] }, _changes, _warnings);

    public static string Print(KickstartNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var text = new System.Text.StringBuilder();
        node.WriteTo(text);
        return text.ToString();
    }

    /// <summary>A last line without a line ending gets one before anything is added after it.</summary>
    private void EnsureEndsWithNewLine()
    {
        if (_endTrivia.Count > 0 || Nodes.Count == 0)
        {
            return; // added nodes go before the trailing trivia, which stays last
        }

        var node = Nodes[^1];
        var ended = WithEnding(node, NewLine);
        if (!ReferenceEquals(ended, node))
        {
            Nodes[^1] = ended;
            Changed(LastLine(node), node.PrintWithoutTrivia(), ended.PrintWithoutTrivia(), "a line ending, so that lines can follow the last line");
        }
    }

    /// <summary>The node with a line ending on its last line (the same node when it has one).</summary>
    public static KickstartNode WithEnding(KickstartNode node, string newLine) => node switch
    {
        CommandNode { Line.Ending.Length: 0 } c => c with { Line = c.Line with { Ending = newLine } },
        IncludeNode { Line.Ending.Length: 0 } i => i with { Line = i.Line with { Ending = newLine } },
        SectionNode { Terminator.Ending.Length: 0 } s => s with { Terminator = s.Terminator with { Ending = newLine } },
        SectionNode { Terminator: null, Body.Length: 0, Header.Ending.Length: 0 } s => s with { Header = s.Header with { Ending = newLine } },
        SectionNode { Terminator: null, Body.Length: > 0 } s when WithEnding(s.Body[^1], newLine) is var last && !ReferenceEquals(last, s.Body[^1]) =>
            s with { Body = s.Body.SetItem(s.Body.Length - 1, last) },
        _ => node,
    };

    /// <summary>The item with a line ending (the same item when it has one).</summary>
    public static SectionItem WithEnding(SectionItem item, string newLine) => item switch
    {
        BodyLine { Line.Ending.Length: 0 } b => b with { Line = b.Line with { Ending = newLine } },
        BodyInclude { Line.Ending.Length: 0 } i => i with { Line = i.Line with { Ending = newLine } },
        _ => item,
    };

    /// <summary>The source line of the last line of a node (for changes placed after it).</summary>
    public static LineRef LastLine(KickstartNode node) => node switch
    {
        SectionNode { Terminator: { } end } => end.Source,
        SectionNode { Body.Length: > 0 } s => s.Body[^1].Source,
        _ => node.Source,
    };

    /// <summary>The text without its last line ending (only that one: a continued line may end in an empty line).</summary>
    private static string Trim(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
}
