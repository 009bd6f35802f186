namespace XenBundle.Kickstart.Syntax;

/// <summary>
/// One physical line kept as written: its text without the line ending, and the ending
/// ("\n", "\r\n", or "" on a last line that has none).
/// </summary>
public sealed record TextLine(LineRef Source, string Text, string Ending)
{
    public bool IsBlank => Indentation.Length == Text.Length;

    /// <summary>A comment line: '#' is the first character after the indentation.</summary>
    public bool IsComment => Text.Length > Indentation.Length && Text[Indentation.Length] == '#';

    public bool IsBlankOrComment => IsBlank || IsComment;

    public string Indentation
    {
        get
        {
            var end = 0;
            while (end < Text.Length && KickstartText.IsBlank(Text[end]))
            {
                end++;
            }

            return Text[..end];
        }
    }

    /// <summary>The first word, as the installer splits it (up to the first blank).</summary>
    public string FirstWord
    {
        get
        {
            var start = Indentation.Length;
            var end = start;
            while (end < Text.Length && !KickstartText.IsBlank(Text[end]))
            {
                end++;
            }

            return Text[start..end];
        }
    }

    public override string ToString() => Text + Ending;

    /// <summary>A line the rewrite adds.</summary>
    public static TextLine Added(string text, string ending) => new(LineRef.Added, text, ending);
}
