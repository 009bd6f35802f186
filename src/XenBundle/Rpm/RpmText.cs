using System.Text;

namespace XenBundle.Rpm;

/// <summary>
/// Header strings are bytes in no declared encoding. Like createrepo_c, take them as
/// UTF-8 when they are valid UTF-8, else as ISO-8859-1, leaving out the C1 range
/// (0x80-0xBF) that a misencoded CP-1252 leaves.
/// </summary>
public static class RpmText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return FromLatin1(bytes);
        }
    }

    /// <summary>Whether <paramref name="text"/> holds a character XML 1.0 cannot carry (C0 controls but tab, LF, CR; U+FFFE, U+FFFF).</summary>
    public static bool HasControlCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (IsForbiddenInXml(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A C0 control character other than tab, LF and CR, or one of the noncharacters U+FFFE and
    /// U+FFFF: XML 1.0 has no way to write any of them.
    /// </summary>
    public static bool IsForbiddenInXml(char c) => (c < ' ' && c is not '\t' and not '\n' and not '\r') || c is '\uFFFE' or '\uFFFF';

    /// <summary>What the characters of <paramref name="text"/> that XML cannot carry are, in words for a warning.</summary>
    public static string DescribeForbidden(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Any(c => c < ' ' && IsForbiddenInXml(c)) ? "a control character" : "a noncharacter (U+FFFE or U+FFFF)";
    }

    private static string FromLatin1(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            // C0 controls are kept, as in UTF-8 text, so that the repository decides what to do with them.
            if (b < 0x80 || b >= 0xC0)
            {
                builder.Append((char)b);
            }
        }

        return builder.ToString();
    }
}
