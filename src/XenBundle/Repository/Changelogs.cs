using XenBundle.Rpm;

namespace XenBundle.Repository;

/// <summary>One <c>changelog</c> element of other.xml: the author, the date it carries and the text.</summary>
internal sealed record ChangelogEntry(string Author, long Date, string Text);

/// <summary>
/// Which changelog entries other.xml lists and how, as createrepo_c's parsehdr.c does: the
/// newest entries are kept, written oldest first, with equal times made distinct; the
/// author loses its trailing spaces; control characters in the text show as U+FFFD.
/// </summary>
internal static class Changelogs
{
    /// <summary>createrepo_c's default <c>--changelog-limit</c>.</summary>
    public const int DefaultLimit = 10;

    /// <summary>
    /// The newest <paramref name="limit"/> entries (all when negative) of the header's list
    /// (newest first), oldest first; an entry as old as the one before it moves that one a second later.
    /// </summary>
    public static IReadOnlyList<ChangelogEntry> Pick(IReadOnlyList<RpmChangelog> entries, int limit)
    {
        ArgumentNullException.ThrowIfNull(entries);

        // Built head first, as a list that grows at the front: index 0 is the oldest kept entry.
        var dates = new List<long>();
        var kept = new List<RpmChangelog>();
        long lastTime = 0;
        foreach (var entry in entries.Take(limit < 0 ? int.MaxValue : limit))
        {
            kept.Insert(0, entry);
            dates.Insert(0, entry.Time);
            if (lastTime == entry.Time)
            {
                var time = unchecked((int)entry.Time);
                for (var k = 1; k < dates.Count && dates[k] == time; k++)
                {
                    dates[k]++;
                    time++;
                }
            }
            else
            {
                lastTime = entry.Time;
            }
        }

        return [.. kept.Select((e, i) => new ChangelogEntry(Author(e.Author), dates[i], ControlCharacterScreen.ForPeople(e.Text)!))];
    }

    /// <summary>The author as other.xml writes it: screened, and trailing spaces gone, but never its first character.</summary>
    public static string Author(string author)
    {
        var screened = ControlCharacterScreen.ForPeople(author)!;
        var end = screened.Length;
        while (end > 1 && screened[end - 1] == ' ')
        {
            end--;
        }

        return screened[..end];
    }
}
