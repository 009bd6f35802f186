using System.Text;

namespace XenBundle.Kickstart.Transform;

/// <summary>What happens to a line from one text to the other.</summary>
public enum DiffOperation
{
    Keep,
    Delete,
    Insert,
}

/// <summary>One step of an edit script: the operation and the line's index in the old and new text.</summary>
public readonly record struct DiffEdit(DiffOperation Operation, int OldIndex, int NewIndex);

/// <summary>
/// A line diff (Myers' O(ND) algorithm, which finds a shortest edit script) and the unified
/// format that diff -u writes and patch reads: <c>---</c>/<c>+++</c> headers, hunks with three
/// lines of context, "\ No newline at end of file" after a last line without one. Lines
/// compare with their endings, so a CRLF that became LF is a change.
/// </summary>
public static class UnifiedDiff
{
    public const int Context = 3;

    /// <summary>
    /// Beyond this many changes the search for a shortest script stops (its time grows with
    /// the lines times the changes, its memory with the changes squared) and the script
    /// keeps the common head and tail and replaces the middle: still a diff that patch
    /// applies, found in bounded time and memory whatever the input.
    /// </summary>
    public const int MaxEdits = 2000;

    /// <summary>The unified diff of two texts; empty when they are equal.</summary>
    public static string Create(string oldText, string newText, string oldLabel = "source", string newLabel = "transformed")
    {
        var a = SplitLines(oldText);
        var b = SplitLines(newText);
        var edits = Compute(a, b);
        if (edits.All(e => e.Operation == DiffOperation.Keep))
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        text.Append("--- ").Append(oldLabel).Append('\n');
        text.Append("+++ ").Append(newLabel).Append('\n');
        foreach (var (start, end) in Hunks(edits))
        {
            var hunk = edits.Skip(start).Take(end - start).ToList();
            var oldStart = hunk[0].OldIndex;
            var newStart = hunk[0].NewIndex;
            var oldCount = hunk.Count(e => e.Operation != DiffOperation.Insert);
            var newCount = hunk.Count(e => e.Operation != DiffOperation.Delete);
            text.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
            foreach (var edit in hunk)
            {
                var (prefix, line) = edit.Operation switch
                {
                    DiffOperation.Keep => (' ', a[edit.OldIndex]),
                    DiffOperation.Delete => ('-', a[edit.OldIndex]),
                    _ => ('+', b[edit.NewIndex]),
                };
                text.Append(prefix).Append(line);
                if (!line.EndsWith('\n'))
                {
                    text.Append("\n\\ No newline at end of file\n");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>Lines with their endings ("\n" or "\r\n"; the last may have none).</summary>
    public static List<string> SplitLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline + 1;
            lines.Add(text[start..end]);
            start = end;
        }

        return lines;
    }

    /// <summary>A shortest edit script from <paramref name="a"/> to <paramref name="b"/>.</summary>
    public static List<DiffEdit> Compute(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var n = a.Count;
        var m = b.Count;
        var max = n + m;
        var v = new int[(2 * max) + 3];
        var offset = max + 1;
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            if (d > MaxEdits)
            {
                return Replacement(a, b);
            }

            // The furthest x on each diagonal after d - 1 edits, kept to walk back.
            trace.Add(v[(offset - d - 1)..(offset + d + 2)]);
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && string.Equals(a[x], b[y], StringComparison.Ordinal))
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    return Backtrack(trace, n, m, d);
                }
            }
        }

        throw new InvalidOperationException("unreachable: an edit script always exists");
    }

    /// <summary>The common head and tail kept, every other line of <paramref name="a"/> deleted and of <paramref name="b"/> inserted.</summary>
    private static List<DiffEdit> Replacement(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var head = 0;
        while (head < a.Count && head < b.Count && string.Equals(a[head], b[head], StringComparison.Ordinal))
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Count - head && tail < b.Count - head && string.Equals(a[a.Count - 1 - tail], b[b.Count - 1 - tail], StringComparison.Ordinal))
        {
            tail++;
        }

        var edits = new List<DiffEdit>(a.Count + b.Count - head - tail);
        edits.AddRange(Enumerable.Range(0, head).Select(i => new DiffEdit(DiffOperation.Keep, i, i)));
        edits.AddRange(Enumerable.Range(head, a.Count - head - tail).Select(i => new DiffEdit(DiffOperation.Delete, i, head)));
        edits.AddRange(Enumerable.Range(head, b.Count - head - tail).Select(j => new DiffEdit(DiffOperation.Insert, a.Count - tail, j)));
        edits.AddRange(Enumerable.Range(0, tail).Select(i => new DiffEdit(DiffOperation.Keep, a.Count - tail + i, b.Count - tail + i)));
        return edits;
    }

    private static List<DiffEdit> Backtrack(List<int[]> trace, int n, int m, int depth)
    {
        var edits = new List<DiffEdit>();
        var x = n;
        var y = m;
        for (var d = depth; d > 0; d--)
        {
            var v = trace[d];
            int At(int k) => v[k + d + 1];
            var k = x - y;
            var previousK = k == -d || (k != d && At(k - 1) < At(k + 1)) ? k + 1 : k - 1;
            var previousX = At(previousK);
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                edits.Add(new DiffEdit(DiffOperation.Keep, --x, --y));
            }

            edits.Add(x == previousX ? new DiffEdit(DiffOperation.Insert, x, --y) : new DiffEdit(DiffOperation.Delete, --x, y));
        }

        while (x > 0 && y > 0)
        {
            edits.Add(new DiffEdit(DiffOperation.Keep, --x, --y));
        }

        edits.Reverse();
        return edits;
    }

    /// <summary>Ranges of the edit script that make hunks: changes with their context, joined when the context overlaps.</summary>
    private static List<(int Start, int End)> Hunks(List<DiffEdit> edits)
    {
        var hunks = new List<(int Start, int End)>();
        for (var i = 0; i < edits.Count; i++)
        {
            if (edits[i].Operation == DiffOperation.Keep)
            {
                continue;
            }

            var start = Math.Max(0, i - Context);
            var end = i;
            while (end < edits.Count)
            {
                var keeps = 0;
                while (end + keeps < edits.Count && edits[end + keeps].Operation == DiffOperation.Keep)
                {
                    keeps++;
                }

                if (end + keeps >= edits.Count || keeps > 2 * Context)
                {
                    end += Math.Min(keeps, Context);
                    break;
                }

                end += keeps + 1;
            }

            if (hunks.Count > 0 && start <= hunks[^1].End)
            {
                start = hunks[^1].Start;
                hunks.RemoveAt(hunks.Count - 1);
            }

            hunks.Add((start, end));
            i = end - 1;
        }

        return hunks;
    }

    /// <summary>A hunk range as diff writes it: "start,count", "start" for one line, "before,0" for none.</summary>
    private static string Range(int start, int count) => count switch
    {
        0 => $"{start},0",
        1 => $"{start + 1}",
        _ => $"{start + 1},{count}",
    };
}
