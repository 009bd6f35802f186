using System.Collections.Immutable;
using System.Text.RegularExpressions;
using XenBundle.Kickstart.Syntax;

namespace XenBundle.Kickstart.Transform;

/// <summary>
/// A line of a script and its place in here-documents: whether it opens one, and for the
/// lines of one (its terminator included) the line that opened it.
/// </summary>
public sealed record ScriptLine(int Index, TextLine Line, string? HeredocOpener, bool OpensHeredoc = false, bool EndsHeredoc = false)
{
    /// <summary>A line of here-document data (not its terminator): text for a file, not a command.</summary>
    public bool InHeredoc => HeredocOpener is not null && !EndsHeredoc;
}

/// <summary>
/// Walks the lines of a script body, tracking here-documents (<c>cat &gt;&gt; /etc/inittab &lt;&lt;EOF</c>),
/// whose lines are data for a file, not commands.
/// </summary>
public static partial class ScriptLines
{
    public static IEnumerable<ScriptLine> Scan(ImmutableArray<SectionItem> body)
    {
        string? opener = null;
        string? delimiter = null;
        var stripTabs = false;
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] is not BodyLine { Line: var line })
            {
                continue;
            }

            if (delimiter is not null)
            {
                if ((stripTabs ? line.Text.TrimStart('\t') : line.Text) == delimiter)
                {
                    yield return new ScriptLine(i, line, opener, EndsHeredoc: true);
                    delimiter = null;
                    opener = null;
                    continue;
                }

                yield return new ScriptLine(i, line, opener);
                continue;
            }

            var match = Heredoc().Match(line.Text);
            var opens = match.Success && !line.IsComment;
            yield return new ScriptLine(i, line, null, OpensHeredoc: opens);
            if (opens)
            {
                delimiter = match.Groups["word"].Value;
                stripTabs = match.Groups["dash"].Value.Length > 0;
                opener = line.Text;
            }
        }
    }

    [GeneratedRegex(@"(?<!<)<<(?!<)(?<dash>-?)\s*\\?(?<q>['""]?)(?<word>[A-Za-z_][A-Za-z0-9_.-]*)\k<q>", RegexOptions.CultureInvariant)]
    private static partial Regex Heredoc();
}
