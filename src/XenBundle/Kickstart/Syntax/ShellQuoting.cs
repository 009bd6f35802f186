using System.Text;

namespace XenBundle.Kickstart.Syntax;

/// <summary>
/// The quoting of kickstart command lines, which the installer splits like a POSIX shell
/// (pykickstart uses Python's shlex): single quotes are literal, double quotes take a
/// backslash before '"' or '\', a backslash outside quotes escapes any character.
/// </summary>
public static class ShellQuoting
{
    /// <summary>The value a token stands for, its quotes and escapes removed.</summary>
    public static string Unquote(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.AsSpan().IndexOfAny("\\\"'") < 0)
        {
            return raw;
        }

        var value = new StringBuilder(raw.Length);
        var i = 0;
        while (i < raw.Length)
        {
            var c = raw[i];
            if (c == '\\')
            {
                value.Append(i + 1 < raw.Length ? raw[i + 1] : '\\');
                i += 2;
            }
            else if (c == '"')
            {
                i++;
                while (i < raw.Length && raw[i] != '"')
                {
                    if (raw[i] == '\\' && i + 1 < raw.Length && raw[i + 1] is '"' or '\\')
                    {
                        i++;
                    }

                    value.Append(raw[i++]);
                }

                i++;
            }
            else if (c == '\'')
            {
                i++;
                while (i < raw.Length && raw[i] != '\'')
                {
                    value.Append(raw[i++]);
                }

                i++;
            }
            else
            {
                value.Append(c);
                i++;
            }
        }

        return value.ToString();
    }

    /// <summary>A token for <paramref name="value"/>: as is when it needs no quotes, else in double quotes.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 0 && value.All(IsPlain) ? value : DoubleQuote(value);
    }

    /// <summary>
    /// A new value written the way the old one was: in the same quotes when it had them,
    /// bare when it was bare and needs none.
    /// </summary>
    public static string Requote(string oldRaw, string value)
    {
        ArgumentNullException.ThrowIfNull(oldRaw);
        ArgumentNullException.ThrowIfNull(value);
        if (oldRaw.Length >= 2 && oldRaw[0] == '\'' && oldRaw[^1] == '\'' && !value.Contains('\'', StringComparison.Ordinal))
        {
            return "'" + value + "'";
        }

        if (oldRaw.Length >= 2 && oldRaw[0] == '"' && oldRaw[^1] == '"')
        {
            return DoubleQuote(value);
        }

        return Quote(value);
    }

    /// <summary>
    /// A word for a POSIX shell script: bare when safe, else in double quotes with \, ", $
    /// and ` escaped (single quotes would do, but shellcheck takes a quoted "$x" for a mistake).
    /// </summary>
    public static string ForShell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value.All(IsPlain))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '\\' or '"' or '$' or '`')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.Append('"').ToString();
    }

    private static string DoubleQuote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static bool IsPlain(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '@' or '%' or '+' or '=' or ':' or ',' or '.' or '/' or '_' or '-';
}
