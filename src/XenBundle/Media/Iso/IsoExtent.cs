namespace XenBundle.Media.Iso;

/// <summary>A run of a file's bytes in the image: where it starts and how long it is.</summary>
public readonly record struct IsoExtent(long Offset, long Length);

/// <summary>
/// Where an entry of an image lives: its directory record (for error messages) and, for
/// a file, its extents in order (several for a file over 4 GiB).
/// </summary>
internal sealed record IsoLocation(long RecordOffset, IReadOnlyList<IsoExtent> Extents);
