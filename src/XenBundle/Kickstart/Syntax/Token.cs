namespace XenBundle.Kickstart.Syntax;

/// <summary>
/// One word of a command line: the blanks (and line continuations) before it, and its text
/// exactly as written, quotes included.
/// </summary>
public sealed record Token(string Leading, string Text, LineRef Source)
{
    /// <summary>What the installer sees: the text without its quotes and escapes.</summary>
    public string Value => ShellQuoting.Unquote(Text);

    /// <summary>A token the rewrite adds, after one space.</summary>
    public static Token Added(string text) => new(" ", text, LineRef.Added);

    public override string ToString() => Leading + Text;
}
