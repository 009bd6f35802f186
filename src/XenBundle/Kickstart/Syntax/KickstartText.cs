using System.Text;

namespace XenBundle.Kickstart.Syntax;

/// <summary>
/// Kickstarts are bytes, not text: a comment may be in Latin-1 next to a UTF-8 one. The
/// syntax tree works on strings in which every char is one byte (ISO-8859-1), so any byte
/// sequence decodes and encodes back to itself.
/// </summary>
public static class KickstartText
{
    public static string Decode(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    public static byte[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (c > '\u00ff')
            {
                throw new ArgumentException($"'{c}' is not one byte: generated kickstart text must be Latin-1", nameof(text));
            }
        }

        return Encoding.Latin1.GetBytes(text);
    }

    /// <summary>
    /// Unicode text (a file name of a medium) as kickstart text: its UTF-8 bytes, one char
    /// each, so that the guest's script names the file as the medium's UTF-8 name does.
    /// </summary>
    public static string FromUnicode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Decode(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// For people (reports, logs): the one-byte chars read as UTF-8 where they are, U+FFFD
    /// where not; chars beyond one byte (a medium's file name) stay as they are.
    /// </summary>
    public static string ForDisplay(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new List<byte>(text.Length);
        foreach (var c in text)
        {
            if (c <= '\u00ff')
            {
                bytes.Add((byte)c);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>The line ending the file uses: CRLF when any line has one, else LF.</summary>
    public static string NewLineOf(string text) =>
        text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

    /// <summary>Spaces and tabs separate words (and a stray CR, form feed or vertical tab).</summary>
    public static bool IsBlank(char c) => c is ' ' or '\t' or '\r' or '\f' or '\v';

    /// <summary>Text that is safe in a generated line: printable ASCII, anything else as '?'.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= ' ' and <= '~' ? source[i] : '?';
            }
        });
    }
}
