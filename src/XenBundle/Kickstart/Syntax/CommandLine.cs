using System.Collections.Immutable;
using System.Text;

namespace XenBundle.Kickstart.Syntax;

/// <summary>
/// A logical command line (<c>part / --ondisk=sda</c>, a section header, <c>%end</c>,
/// <c>%include</c>): its tokens, what follows the last one (blanks, a comment, a trailing
/// backslash) and the line ending. It may span physical lines joined by a backslash.
/// </summary>
public sealed record CommandLine(ImmutableArray<Token> Tokens, string Trailing, string Ending)
{
    /// <summary>The command (or section keyword): the first token's value.</summary>
    public string Name => Tokens.IsEmpty ? string.Empty : Tokens[0].Value;

    public LineRef Source => Tokens.IsEmpty ? LineRef.Added : Tokens[0].Source;

    /// <summary>The tokens after the command word.</summary>
    public IEnumerable<Token> Arguments => Tokens.Skip(1);

    /// <summary>A line the rewrite adds, from its text (which must tokenise).</summary>
    public static CommandLine Added(string text, string ending)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = CommandLineReader.Read([TextLine.Added(text, ending)], 0, out _);
        return line with { Tokens = line.Tokens.Select(t => t with { Source = LineRef.Added }).ToImmutableArray() };
    }

    /// <summary>Another command in this line's place: the indentation, source line, trailing comment and line ending stay.</summary>
    public CommandLine ReplacedBy(string text)
    {
        var replaced = Added(text, Ending);
        return this with { Tokens = [.. replaced.Tokens.Select((t, n) => n == 0 ? t with { Leading = Tokens[0].Leading, Source = Source } : t)] };
    }

    public CommandLine WithToken(int index, Token token) => this with { Tokens = Tokens.SetItem(index, token) };

    public CommandLine WithTokenText(int index, string text) => WithToken(index, Tokens[index] with { Text = text });

    /// <summary>Adds a token after the last one (before any comment).</summary>
    public CommandLine Append(string text) => this with { Tokens = Tokens.Add(Token.Added(text)) };

    /// <summary>
    /// Removes a token with the blanks before it. A line continuation before it is kept (it
    /// moves to the next token) so that the remaining lines keep their layout.
    /// </summary>
    public CommandLine Remove(int index)
    {
        var removed = Tokens[index];
        var tokens = Tokens.RemoveAt(index);
        if (removed.Leading.Contains('\n', StringComparison.Ordinal) && index < tokens.Length)
        {
            tokens = tokens.SetItem(index, tokens[index] with { Leading = removed.Leading });
        }

        return this with { Tokens = tokens };
    }

    /// <summary>Keeps the command word and drops every argument (the comment stays).</summary>
    public CommandLine WithoutArguments() => this with { Tokens = [Tokens[0]] };

    public string Print()
    {
        var text = new StringBuilder();
        WriteTo(text);
        return text.ToString();
    }

    public void WriteTo(StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var token in Tokens)
        {
            text.Append(token.Leading).Append(token.Text);
        }

        text.Append(Trailing).Append(Ending);
    }

    /// <summary>The physical lines this command spans (one unless continued with a backslash).</summary>
    public IReadOnlyList<TextLine> PhysicalLines()
    {
        var printed = Print();
        var lines = new List<TextLine>();
        var number = Source.Number;
        var start = 0;
        while (start < printed.Length)
        {
            var newline = printed.IndexOf('\n', start);
            var end = newline < 0 ? printed.Length : newline + 1;
            var whole = printed[start..end];
            var ending = whole.EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : whole.EndsWith('\n') ? "\n" : string.Empty;
            lines.Add(new TextLine(Source.IsAdded ? LineRef.Added : Source with { Number = number++ }, whole[..^ending.Length], ending));
            start = end;
        }

        return lines;
    }

    public override string ToString() => Print();
}
