namespace XenBundle.Repository;

/// <summary>
/// A <c>.treeinfo</c> (an INI file: <c>[section]</c> and <c>key = value</c> lines) that is
/// changed in place: every line, comment and blank is kept, and only the values set are
/// rewritten, so that installers and virt-install read the rest exactly as before.
/// </summary>
public sealed class TreeInfo
{
    public const string FileName = ".treeinfo";

    private readonly List<string> _lines;
    private readonly List<string> _endings;
    private readonly string _newline;

    private TreeInfo(List<string> lines, List<string> endings, string newline)
    {
        _lines = lines;
        _endings = endings;
        _newline = newline;
    }

    /// <summary>Reads the lines, each with the ending it has (a file may mix CRLF and LF; none is lost).</summary>
    public static TreeInfo Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        var endings = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            if (newline < 0)
            {
                lines.Add(text[start..]);
                endings.Add(string.Empty);
                break;
            }

            var crlf = newline > start && text[newline - 1] == '\r';
            lines.Add(text[start..(crlf ? newline - 1 : newline)]);
            endings.Add(crlf ? "\r\n" : "\n");
            start = newline + 1;
        }

        return new TreeInfo(lines, endings, text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n");
    }

    public IEnumerable<string> Sections => _lines.Select(SectionName).OfType<string>();

    public bool HasSection(string section) => Sections.Contains(section, StringComparer.Ordinal);

    public string? Get(string section, string key)
    {
        var index = FindKey(section, key);
        return index < 0 ? null : _lines[index][(_lines[index].IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();
    }

    /// <summary>Sets a value; when the key is not there it is added at the end of the section (which must exist).</summary>
    public bool Set(string section, string key, string value)
    {
        var index = FindKey(section, key);
        if (index >= 0)
        {
            var line = _lines[index];
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var spacing = equals + 1 < line.Length && line[equals + 1] == ' ' ? " " : string.Empty;
            _lines[index] = line[..(equals + 1)] + spacing + value;
            return true;
        }

        var (start, end) = SectionRange(section);
        if (start < 0)
        {
            return false;
        }

        var last = end;
        while (last > start + 1 && string.IsNullOrWhiteSpace(_lines[last - 1]))
        {
            last--;
        }

        // After the file's last line, which has no ending: that line gets one, the new line none.
        var ending = _newline;
        if (_endings[last - 1].Length == 0)
        {
            _endings[last - 1] = _newline;
            ending = string.Empty;
        }

        _lines.Insert(last, $"{key} = {value}");
        _endings.Insert(last, ending);
        return true;
    }

    public override string ToString() => string.Concat(_lines.Select((line, i) => line + _endings[i]));

    private static string? SectionName(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length > 2 && trimmed[0] == '[' && trimmed[^1] == ']' ? trimmed[1..^1].Trim() : null;
    }

    /// <summary>The line of the section header and the line after its last line; (-1, -1) when absent.</summary>
    private (int Start, int End) SectionRange(string section)
    {
        for (var i = 0; i < _lines.Count; i++)
        {
            if (SectionName(_lines[i]) == section)
            {
                var end = i + 1;
                while (end < _lines.Count && SectionName(_lines[end]) is null)
                {
                    end++;
                }

                return (i, end);
            }
        }

        return (-1, -1);
    }

    private int FindKey(string section, string key)
    {
        var (start, end) = SectionRange(section);
        for (var i = start + 1; i > 0 && i < end; i++)
        {
            var line = _lines[i].TrimStart();
            if (line.StartsWith('#') || line.StartsWith(';'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && string.Equals(line[..equals].Trim(), key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
