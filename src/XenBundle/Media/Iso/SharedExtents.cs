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
        var runs = new List<(long Start, long End, MediaEntry Entry)>();
        foreach (var entry in entries)
        {
            if (entry is { Kind: Tree.EntryKind.File, Size: > 0, Locator: IsoLocation location })
            {
                CheckOwnRuns(entry, location, image);
                runs.AddRange(location.Extents.Select(x => (x.Offset, x.Offset + x.Length, entry)));
            }
        }

        // Sorted by start, a run that overlaps any earlier one overlaps the one that reaches furthest.
        runs.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        var furthest = 0;
        for (var i = 1; i < runs.Count; i++)
        {
            var (run, other) = (runs[i], runs[furthest]);
            if (run.Start < other.End && !Extents(run.Entry).SequenceEqual(Extents(other.Entry)))
            {
                throw Overlap(image, run.Entry, $"that of '{Tree.TreePath.Printable(other.Entry.Path)}'");
            }

            furthest = run.End > other.End ? i : furthest;
        }
    }

    private static void CheckOwnRuns(MediaEntry entry, IsoLocation location, string image)
    {
        if (location.Extents.Count < 2)
        {
            return;
        }

        var sorted = location.Extents.OrderBy(e => e.Offset).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Offset < sorted[i - 1].Offset + sorted[i - 1].Length)
            {
                throw Overlap(image, entry, "itself");
            }
        }
    }

    private static IReadOnlyList<IsoExtent> Extents(MediaEntry entry) => ((IsoLocation)entry.Locator!).Extents;

    private static IsoFormatException Overlap(string image, MediaEntry entry, string what) =>
        new(image, ((IsoLocation)entry.Locator!).RecordOffset,
            $"the content of '{Tree.TreePath.Printable(entry.Path)}' overlaps {what} with other lengths: files of an image share bytes only as hard links");
}
