using System.Collections.Immutable;

namespace XenBundle.Kickstart.Syntax;

/// <summary>
/// Parses a kickstart into a full-fidelity tree, following the installer's state machine:
/// commands until a section keyword; a section runs to its <c>%end</c> or, where
/// <c>%end</c> is optional (EL5, EL6), to the next section keyword. Inside a section only
/// <c>%end</c>, <c>%include</c> and section keywords are special, so scripts may contain
/// any text.
/// </summary>
public sealed class KickstartParser
{
    /// <summary>
    /// The largest kickstart read, with its included files: real ones are a few hundred
    /// lines. Bounding it bounds what a hostile one can make the rewrite and the diff do.
    /// </summary>
    public const int MaxLines = 10_000;

    /// <summary>The largest kickstart read, in bytes (see <see cref="MaxLines"/>).</summary>
    public const int MaxBytes = 1 << 20;

    private readonly IReadOnlyList<TextLine> _lines;
    private readonly KickstartDialect _dialect;
    private int _index;

    private KickstartParser(IReadOnlyList<TextLine> lines, KickstartDialect dialect)
    {
        _lines = lines;
        _dialect = dialect;
    }

    public static KickstartDocument Parse(ReadOnlySpan<byte> bytes, string fileName, KickstartDialect dialect) =>
        Parse(KickstartText.Decode(bytes), fileName, dialect);

    /// <summary>Parses text in which every char is one byte (see <see cref="KickstartText"/>).</summary>
    public static KickstartDocument Parse(string text, string fileName, KickstartDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(dialect);
        var parser = new KickstartParser(BoundedLines(text, fileName), dialect);
        var (nodes, endTrivia) = parser.ParseNodes();
        return new KickstartDocument(fileName, dialect, nodes, endTrivia) { NewLine = KickstartText.NewLineOf(text) };
    }

    /// <summary>
    /// Parses the lines of a file included inside a section: its text becomes part of the
    /// section (nested <c>%include</c> lines stay include items).
    /// </summary>
    public static ImmutableArray<SectionItem> ParseSectionFragment(string text, string fileName, KickstartDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(dialect);
        var parser = new KickstartParser(BoundedLines(text, fileName), dialect);
        var items = ImmutableArray.CreateBuilder<SectionItem>();
        while (!parser.AtEnd)
        {
            var line = parser.Current;
            if (parser.IsInclude(line))
            {
                items.Add(new BodyInclude(parser.ReadCommand()));
                continue;
            }

            items.Add(new BodyLine(line));
            parser._index++;
        }

        return items.ToImmutable();
    }

    /// <summary>Splits text into physical lines, each with the ending it had.</summary>
    public static IReadOnlyList<TextLine> SplitLines(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<TextLine>();
        var start = 0;
        var number = 1;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            if (newline < 0)
            {
                lines.Add(new TextLine(new LineRef(fileName, number), text[start..], string.Empty));
                break;
            }

            var crlf = newline > start && text[newline - 1] == '\r';
            lines.Add(new TextLine(new LineRef(fileName, number++), text[start..(crlf ? newline - 1 : newline)], crlf ? "\r\n" : "\n"));
            start = newline + 1;
        }

        return lines;
    }

    private static IReadOnlyList<TextLine> BoundedLines(string text, string fileName)
    {
        if (text.Length > MaxBytes)
        {
            throw new KickstartSyntaxException(new LineRef(fileName, 1), $"{text.Length} bytes: larger than any kickstart ({MaxBytes >> 20} MiB at most)");
        }

        var lines = SplitLines(text, fileName);
        return lines.Count <= MaxLines
            ? lines
            : throw new KickstartSyntaxException(lines[MaxLines].Source, $"more than {MaxLines} lines: longer than any kickstart");
    }

    private bool AtEnd => _index >= _lines.Count;

    private TextLine Current => _lines[_index];

    private (ImmutableArray<KickstartNode> Nodes, ImmutableArray<TextLine> EndTrivia) ParseNodes()
    {
        var nodes = ImmutableArray.CreateBuilder<KickstartNode>();
        var trivia = new List<TextLine>();
        while (!AtEnd)
        {
            var line = Current;
            if (line.IsBlankOrComment)
            {
                trivia.Add(line);
                _index++;
                continue;
            }

            var word = line.FirstWord;
            if (!word.StartsWith('%'))
            {
                nodes.Add(new CommandNode([.. trivia], ReadCommand()));
                trivia.Clear();
                continue;
            }

            if (_dialect.IsIncludeKeyword(word))
            {
                var include = ReadCommand();
                if (include.Tokens.Length < 2)
                {
                    throw new KickstartSyntaxException(line.Source, $"{word} needs a file name");
                }

                nodes.Add(new IncludeNode([.. trivia], include));
                trivia.Clear();
                continue;
            }

            if (_dialect.IsSection(word))
            {
                var (section, carried) = ReadSection([.. trivia]);
                nodes.Add(section);
                trivia = carried;
                continue;
            }

            throw new KickstartSyntaxException(line.Source, UnknownKeyword(word));
        }

        return (nodes.ToImmutable(), [.. trivia]);
    }

    private string UnknownKeyword(string word)
    {
        if (word == KickstartSections.End)
        {
            return "%end without a section to end";
        }

        return KickstartSections.All.Contains(word) || word == KickstartSections.KsAppend
            ? $"{word} does not exist in {_dialect.Name}'s kickstart"
            : $"unknown section {word}";
    }

    /// <summary>
    /// Reads a section. When it ends without <c>%end</c>, blank and comment lines at the end
    /// of its body belong with what follows (they precede the next section's header), so
    /// they are returned to become that node's leading trivia.
    /// </summary>
    private (SectionNode Section, List<TextLine> Carried) ReadSection(ImmutableArray<TextLine> leading)
    {
        var headerLine = Current;
        var header = ReadCommand();
        var body = ImmutableArray.CreateBuilder<SectionItem>();
        while (!AtEnd)
        {
            var line = Current;
            var word = line.FirstWord;
            if (word == KickstartSections.End)
            {
                var end = ReadCommand();
                return (new SectionNode(leading, header, body.ToImmutable(), end), []);
            }

            if (IsInclude(line))
            {
                body.Add(new BodyInclude(ReadCommand()));
                continue;
            }

            if (_dialect.IsSection(word))
            {
                if (_dialect.EndRequired)
                {
                    throw Unterminated(headerLine, $"before {word} on line {line.Source.Number}");
                }

                break;
            }

            body.Add(new BodyLine(line));
            _index++;
        }

        if (AtEnd && _dialect.EndRequired)
        {
            throw Unterminated(headerLine, "at the end of the file");
        }

        var trailing = body.Count;
        while (trailing > 0 && body[trailing - 1] is BodyLine { Line.IsBlankOrComment: true })
        {
            trailing--;
        }

        var carried = body.Skip(trailing).Select(item => ((BodyLine)item).Line).ToList();
        body.Count = trailing;

        return (new SectionNode(leading, header, body.ToImmutable(), null), carried);
    }

    private KickstartSyntaxException Unterminated(TextLine header, string where) =>
        new(header.Source, $"{header.FirstWord} has no %end {where} ({_dialect.Name} requires %end after every section)");

    private bool IsInclude(TextLine line) => _dialect.IsIncludeKeyword(line.FirstWord);

    private CommandLine ReadCommand()
    {
        var line = CommandLineReader.Read(_lines, _index, out var next);
        _index = next;
        return line;
    }
}
