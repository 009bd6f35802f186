using System.Collections.Immutable;
using System.Text;

namespace XenBundle.Kickstart.Syntax;

/// <summary>
/// A top-level element of a kickstart. Blank and comment lines before it are its leading
/// trivia (as in Roslyn), so that a node moved or inserted keeps its comments with it.
/// </summary>
public abstract record KickstartNode(ImmutableArray<TextLine> Leading)
{
    /// <summary>The first line of the node itself (not of its trivia).</summary>
    public abstract LineRef Source { get; }

    public void WriteTo(StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var line in Leading)
        {
            text.Append(line.Text).Append(line.Ending);
        }

        WriteBodyTo(text);
    }

    /// <summary>The node without its leading trivia.</summary>
    public string PrintWithoutTrivia()
    {
        var text = new StringBuilder();
        WriteBodyTo(text);
        return text.ToString();
    }

    protected abstract void WriteBodyTo(StringBuilder text);
}

/// <summary>A command: <c>part /boot --size=100 --ondisk=sda</c>.</summary>
public sealed record CommandNode(ImmutableArray<TextLine> Leading, CommandLine Line) : KickstartNode(Leading)
{
    public string Name => Line.Name;

    public override LineRef Source => Line.Source;

    protected override void WriteBodyTo(StringBuilder text) => Line.WriteTo(text);
}

/// <summary><c>%include FILE</c> or <c>%ksappend URL</c> outside a section.</summary>
public sealed record IncludeNode(ImmutableArray<TextLine> Leading, CommandLine Line) : KickstartNode(Leading)
{
    /// <summary>The file or URL named (empty when missing).</summary>
    public string Target => Line.Tokens.Length > 1 ? Line.Tokens[1].Value : string.Empty;

    public override LineRef Source => Line.Source;

    protected override void WriteBodyTo(StringBuilder text) => Line.WriteTo(text);
}

/// <summary>
/// A section: its header (<c>%post --nochroot</c>), its body, and its <c>%end</c> line,
/// which EL5 does not know and EL6 does not require.
/// </summary>
public sealed record SectionNode(ImmutableArray<TextLine> Leading, CommandLine Header, ImmutableArray<SectionItem> Body, CommandLine? Terminator)
    : KickstartNode(Leading)
{
    /// <summary>The keyword: <c>%packages</c>, <c>%post</c>, ...</summary>
    public string Keyword => Header.Name;

    public bool IsScript => KickstartSections.IsScript(Keyword);

    public override LineRef Source => Header.Source;

    /// <summary>Whether a header option is given (<c>--nochroot</c>, also as <c>--nochroot=...</c>).</summary>
    public bool HasOption(string option) =>
        Header.Arguments.Any(t => t.Value == option || t.Value.StartsWith(option + "=", StringComparison.Ordinal));

    protected override void WriteBodyTo(StringBuilder text)
    {
        Header.WriteTo(text);
        foreach (var item in Body)
        {
            item.WriteTo(text);
        }

        Terminator?.WriteTo(text);
    }
}

/// <summary>A line of a section body: text, or an <c>%include</c> inside the section.</summary>
public abstract record SectionItem
{
    public abstract LineRef Source { get; }

    public abstract void WriteTo(StringBuilder text);
}

/// <summary>A line of a script or of <c>%packages</c>, kept as written.</summary>
public sealed record BodyLine(TextLine Line) : SectionItem
{
    public override LineRef Source => Line.Source;

    public override void WriteTo(StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Append(Line.Text).Append(Line.Ending);
    }
}

/// <summary><c>%include FILE</c> (or <c>%ksappend</c>) inside a section.</summary>
public sealed record BodyInclude(CommandLine Line) : SectionItem
{
    public string Target => Line.Tokens.Length > 1 ? Line.Tokens[1].Value : string.Empty;

    public override LineRef Source => Line.Source;

    public override void WriteTo(StringBuilder text) => Line.WriteTo(text);
}
