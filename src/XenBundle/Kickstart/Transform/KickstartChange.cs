using XenBundle.Kickstart.Syntax;

namespace XenBundle.Kickstart.Transform;

/// <summary>
/// One change the rewrite made: where (the source line, or the line an insertion follows),
/// the text before and after (empty for an insertion or a removal), and why.
/// </summary>
public sealed record KickstartChange(LineRef Line, string Before, string After, string Why)
{
    public override string ToString() => $"{Line}: {Why}";
}

/// <summary>Something the rewrite left alone but a person should look at.</summary>
public sealed record KickstartWarning(LineRef Line, string Message)
{
    public override string ToString() => Line.IsAdded ? Message : $"{Line}: {Message}";
}
