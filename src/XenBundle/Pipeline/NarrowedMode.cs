namespace XenBundle.Pipeline;

/// <summary>An entry of a medium whose permission bits the bundle does not carry whole: what it had and what it got.</summary>
public sealed record NarrowedMode(string Path, string Origin, int Old, int New);
