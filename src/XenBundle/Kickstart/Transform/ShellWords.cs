namespace XenBundle.Kickstart.Transform;

/// <summary>A word or operator of a shell line, with where it stands in the line.</summary>
public sealed record ShellWord(int Start, int End, string Raw, bool IsOperator)
{
    public string Value => Syntax.ShellQuoting.Unquote(Raw);

    /// <summary>Ends a simple command: <c>;</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>|</c>, <c>&amp;</c>, parentheses.</summary>
    public bool IsControl => IsOperator && Raw[0] is ';' or '&' or '|' or '(' or ')';

    /// <summary>A redirection: <c>&gt;</c>, <c>2&gt;</c>, <c>&lt;</c>, ...; its target is the next word.</summary>
    public bool IsRedirection => IsOperator && !IsControl;
}

/// <summary>
/// Splits one line of a shell script into words and operators, enough to find a simple
/// command such as <c>mount -t iso9660 /dev/cdrom /mnt/cdrom</c> and its arguments.
/// Quotes and escapes are respected; a comment ends the line.
/// </summary>
public static class ShellWords
{
    private static readonly IReadOnlySet<string> CommandKeywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "if", "then", "else", "elif", "do", "while", "until", "!", "{", "time",
    };

    public static IReadOnlyList<ShellWord> Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = new List<ShellWord>();
        var pos = 0;
        while (pos < line.Length)
        {
            var c = line[pos];
            if (c is ' ' or '\t' or '\r')
            {
                pos++;
                continue;
            }

            if (c == '#')
            {
                break;
            }

            var start = pos;
            if (IsOperatorChar(c) || (char.IsAsciiDigit(c) && RedirectionAfterDigits(line, pos)))
            {
                while (pos < line.Length && char.IsAsciiDigit(line[pos]))
                {
                    pos++;
                }

                var first = line[pos];
                pos++;
                while (pos < line.Length && (line[pos] == first || (first is '>' or '<' && line[pos] is '&' or '>')))
                {
                    pos++;
                }

                words.Add(new ShellWord(start, pos, line[start..pos], true));
                continue;
            }

            pos = EndOfWord(line, pos);
            words.Add(new ShellWord(start, pos, line[start..pos], false));
        }

        return words;
    }

    /// <summary>Whether word <paramref name="index"/> is where a command name goes.</summary>
    public static bool IsCommandPosition(IReadOnlyList<ShellWord> words, int index)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (index == 0)
        {
            return true;
        }

        var previous = words[index - 1];
        return previous.IsControl || (!previous.IsOperator && CommandKeywords.Contains(previous.Raw));
    }

    /// <summary>
    /// The arguments of the command at <paramref name="index"/>, up to the end of the simple
    /// command, without redirections and their targets.
    /// </summary>
    public static List<ShellWord> Arguments(IReadOnlyList<ShellWord> words, int index)
    {
        ArgumentNullException.ThrowIfNull(words);
        var arguments = new List<ShellWord>();
        for (var i = index + 1; i < words.Count && !words[i].IsControl; i++)
        {
            if (words[i].IsRedirection)
            {
                i++;
                continue;
            }

            arguments.Add(words[i]);
        }

        return arguments;
    }

    private static bool IsOperatorChar(char c) => c is ';' or '&' or '|' or '(' or ')' or '<' or '>';

    private static bool RedirectionAfterDigits(string line, int pos)
    {
        while (pos < line.Length && char.IsAsciiDigit(line[pos]))
        {
            pos++;
        }

        return pos < line.Length && line[pos] is '<' or '>';
    }

    private static int EndOfWord(string line, int pos)
    {
        while (pos < line.Length)
        {
            var c = line[pos];
            if (c is ' ' or '\t' or '\r' || IsOperatorChar(c))
            {
                return pos;
            }

            if (c == '\\')
            {
                pos = Math.Min(pos + 2, line.Length);
            }
            else if (c is '"' or '\'' or '`')
            {
                var close = line.IndexOf(c, pos + 1);
                while (close > 0 && c == '"' && line[close - 1] == '\\')
                {
                    close = line.IndexOf(c, close + 1);
                }

                pos = close < 0 ? line.Length : close + 1;
            }
            else if (c == '$' && pos + 1 < line.Length && line[pos + 1] == '(')
            {
                var depth = 0;
                while (pos < line.Length)
                {
                    depth += line[pos] == '(' ? 1 : line[pos] == ')' ? -1 : 0;
                    pos++;
                    if (depth == 0)
                    {
                        break;
                    }
                }
            }
            else
            {
                pos++;
            }
        }

        return pos;
    }
}
