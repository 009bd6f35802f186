namespace XenBundle;

/// <summary>
/// Text from the inputs made safe to show on one line of a terminal, a log or the report:
/// what could break the line, hide text or move the cursor is written as an escape. At the
/// bottom of the layers, so that error lines (<see cref="XenBundleException.ErrorLine"/>)
/// and every reader can use it.
/// </summary>
public static class PrintableText
{
    /// <summary>A path made safe to show in a one-line message: control characters and line separators escaped.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            Append(builder, c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// One character as <see cref="Of(string)"/> shows it: control characters as
    /// <c>\xNN</c>; line separators (which would break a line in two) and bidirectional
    /// overrides (which make a viewer show text other than what it says) and the noncharacters
    /// U+FFFE and U+FFFF (which show as nothing) as <c>\uNNNN</c>.
    /// </summary>
    public static void Append(System.Text.StringBuilder text, char c)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (char.IsControl(c))
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
        }
        else if (c is '\u2028' or '\u2029' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\uFFFE' or '\uFFFF')
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }
        else
        {
            text.Append(c);
        }
    }
}
