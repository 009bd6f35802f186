using System.Globalization;
using System.Text;

namespace XenBundle.Frosting.Output;

/// <summary>
/// Text on its way to a terminal. Log lines and error lines quote values from the media, the
/// kickstart, the recipe and the command line; a control character among them (ESC ]0;...BEL
/// retitles the terminal, ESC [2J clears it, CR overwrites the line a reader sees) is written
/// as <c>\xNN</c>, and line or paragraph separators and bidirectional overrides as <c>\uNNNN</c>,
/// so one message stays one visible line that shows what it holds.
/// </summary>
public static class ConsoleText
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else if (NeedsEscape(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Writes one line to stderr, escaped: the host's way to say <c>error: ...</c>.</summary>
    public static void WriteErrorLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        System.Console.Error.WriteLine(Escape(line));
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');
}
