namespace XenBundle.Media.Iso;

/// <summary>
/// Two files of an image share bytes only as hard links: the same runs of the image, which
/// the bundle writes once. Records that point into each other's content with other lengths
/// (or one file whose runs overlap) would let a small image describe a huge tree, 1 000
/// files of one MiB each from one MiB of image, so they are refused. Empty files are left
/// out: their extent numbers mean nothing.
/// </summary>
internal static class SharedExtents
{
    public static void Check(IEnumerable<MediaEntry> entries, string image)
    {
        // One run list per stored file: the names of a hard link share theirs.
        var stored = new Dictionary<string, MediaEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry is { Kind: Tree.EntryKind.File, Size: > 0, Locator: IsoLocation location })
            {
                stored.TryAdd(string.Join(';', location.Extents.Select(e => FormattableString.Invariant($"{e.Offset}+{e.Length}"))), entry);
            }
        }

        var runs = stored.Values
            .SelectMany(e => ((IsoLocation)e.Locator!).Extents.Select(x => (Start: x.Offset, End: x.Offset + x.Length, Entry: e)))
            .OrderBy(r => r.Start).ThenBy(r => r.End)
            .ToList();
        for (var i = 1; i < runs.Count; i++)
        {
            if (runs[i].Start < runs[i - 1].End)
            {
                var (earlier, later) = (runs[i - 1].Entry, runs[i].Entry);
                var what = ReferenceEquals(earlier, later) ? "itself" : $"that of '{Tree.TreePath.Printable(earlier.Path)}'";
                throw new IsoFormatException(image, ((IsoLocation)later.Locator!).RecordOffset,
                    $"the content of '{Tree.TreePath.Printable(later.Path)}' overlaps {what} with other lengths: files of an image share bytes only as hard links");
            }
        }
    }
}
