using System.Collections.Immutable;
using System.Text;

namespace XenBundle.Kickstart.Syntax;

/// <summary>
/// Splits a command line into tokens the way the installer does (POSIX shell words,
/// pykickstart's shlex), keeping every byte: blanks and comments go into the tokens'
/// leading text and the line's trailing text. A backslash at the end of a physical line
/// continues the command on the next one.
/// </summary>
public static class CommandLineReader
{
    /// <summary>Reads the logical line that starts at <paramref name="index"/>; <paramref name="next"/> is the line after it.</summary>
    public static CommandLine Read(IReadOnlyList<TextLine> lines, int index, out int next)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var tokens = ImmutableArray.CreateBuilder<Token>();
        var leading = new StringBuilder();
        while (true)
        {
            var line = lines[index];
            var text = line.Text;
            var canContinue = line.Ending.Length > 0 && index + 1 < lines.Count;
            var pos = 0;
            var continued = false;
            while (true)
            {
                var blanks = pos;
                while (pos < text.Length && KickstartText.IsBlank(text[pos]))
                {
                    pos++;
                }

                leading.Append(text, blanks, pos - blanks);
                if (pos == text.Length)
                {
                    break;
                }

                if (text[pos] == '\\' && pos == text.Length - 1)
                {
                    // A backslash at the end of the line: the command goes on (or, on the
                    // very last line of the file, a stray backslash kept as it is).
                    leading.Append('\\');
                    if (canContinue)
                    {
                        leading.Append(line.Ending);
                        continued = true;
                    }

                    break;
                }

                if (text[pos] == '#')
                {
                    leading.Append(text, pos, text.Length - pos);
                    break;
                }

                var start = pos;
                pos = ScanWord(line, pos, canContinue);
                tokens.Add(new Token(leading.ToString(), text[start..pos], line.Source));
                leading.Clear();
            }

            if (continued)
            {
                index++;
                continue;
            }

            next = index + 1;
            return new CommandLine(tokens.ToImmutable(), leading.ToString(), line.Ending);
        }
    }

    private static int ScanWord(TextLine line, int pos, bool canContinue)
    {
        var text = line.Text;
        while (pos < text.Length && !KickstartText.IsBlank(text[pos]))
        {
            switch (text[pos])
            {
                case '\\':
                    if (pos == text.Length - 1)
                    {
                        // Ends the word when it continues the line; else a literal backslash.
                        return canContinue ? pos : pos + 1;
                    }

                    pos += 2;
                    break;
                case '"':
                    pos = ClosingQuote(line, pos, '"') + 1;
                    break;
                case '\'':
                    pos = ClosingQuote(line, pos, '\'') + 1;
                    break;
                default:
                    pos++;
                    break;
            }
        }

        return pos;
    }

    private static int ClosingQuote(TextLine line, int open, char quote)
    {
        var text = line.Text;
        for (var i = open + 1; i < text.Length; i++)
        {
            if (quote == '"' && text[i] == '\\')
            {
                i++;
                continue;
            }

            if (text[i] == quote)
            {
                return i;
            }
        }

        throw new KickstartSyntaxException(line.Source, $"unterminated {(quote == '"' ? "double" : "single")} quote (a quote may not span lines)");
    }
}
