namespace XenBundle.Pipeline;

/// <summary>A path that two media hold with different content, and which one was kept.</summary>
public sealed record PathConflict(string Path, string Kept, string Dropped, string Reason);
