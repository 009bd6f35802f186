namespace XenBundle.Repository;

/// <summary>
/// A <c>.discinfo</c>: line 1 the set's timestamp, 2 the release, 3 the architecture, 4
/// the disc numbers this disc holds (<c>1</c>, <c>1,2,3</c> or <c>ALL</c>); EL5 adds the
/// base, packages and pixmaps directories. Anaconda asks for no other disc when line 4
/// lists them all.
/// </summary>
public sealed class DiscInfo
{
    public const string FileName = ".discinfo";

    private readonly List<string> _lines;
    private readonly bool _finalNewline;

    private DiscInfo(List<string> lines, bool finalNewline)
    {
        _lines = lines;
        _finalNewline = finalNewline;
    }

    public static DiscInfo Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var finalNewline = text.EndsWith('\n');
        var lines = text.ReplaceLineEndings("\n").Split('\n').ToList();
        if (finalNewline)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return new DiscInfo(lines, finalNewline);
    }

    public string? Release => Line(2);

    public string? Arch => Line(3);

    public string? Discs => Line(4);

    /// <summary>The same file with line 4 saying the tree holds discs 1 to <paramref name="count"/>.</summary>
    public DiscInfo WithAllDiscs(int count)
    {
        if (count <= 1 && Discs == "ALL")
        {
            return this;
        }

        var lines = new List<string>(_lines);
        while (lines.Count < 4)
        {
            lines.Add(string.Empty);
        }

        lines[3] = string.Join(',', Enumerable.Range(1, Math.Max(count, 1)));
        return new DiscInfo(lines, _finalNewline || _lines.Count < 4);
    }

    public override string ToString() => string.Join('\n', _lines) + (_finalNewline ? "\n" : string.Empty);

    private string? Line(int number) => _lines.Count >= number ? _lines[number - 1].Trim() : null;
}
