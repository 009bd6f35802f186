namespace XenBundle.Rpm;

/// <summary>rpm's version comparison (rpmvercmp): alternating digit and letter segments, '~' sorts before anything, '^' after the end.</summary>
public static class RpmVersion
{
    /// <summary>Negative when <paramref name="a"/> is older than <paramref name="b"/>, 0 when equal, positive when newer.</summary>
    public static int Compare(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 0;
        }

        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while (i < a.Length && IsSeparator(a[i]))
            {
                i++;
            }

            while (j < b.Length && IsSeparator(b[j]))
            {
                j++;
            }

            var ca = i < a.Length ? a[i] : '\0';
            var cb = j < b.Length ? b[j] : '\0';
            if (ca == '~' || cb == '~')
            {
                if (ca != '~')
                {
                    return 1;
                }

                if (cb != '~')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (ca == '^' || cb == '^')
            {
                if (i == a.Length)
                {
                    return -1;
                }

                if (j == b.Length)
                {
                    return 1;
                }

                if (ca != '^')
                {
                    return 1;
                }

                if (cb != '^')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (i == a.Length || j == b.Length)
            {
                break;
            }

            var numeric = char.IsAsciiDigit(a[i]);
            var endA = SegmentEnd(a, i, numeric);
            var endB = SegmentEnd(b, j, numeric);
            if (endB == j)
            {
                return numeric ? 1 : -1; // a number is newer than letters
            }

            var segmentA = a[i..endA];
            var segmentB = b[j..endB];
            if (numeric)
            {
                segmentA = segmentA.TrimStart('0');
                segmentB = segmentB.TrimStart('0');
                if (segmentA.Length != segmentB.Length)
                {
                    return segmentA.Length > segmentB.Length ? 1 : -1;
                }
            }

            var order = string.CompareOrdinal(segmentA, segmentB);
            if (order != 0)
            {
                return order < 0 ? -1 : 1;
            }

            i = endA;
            j = endB;
        }

        if (i >= a.Length && j >= b.Length)
        {
            return 0;
        }

        return i >= a.Length ? -1 : 1;
    }

    private static bool IsSeparator(char c) => !char.IsAsciiLetterOrDigit(c) && c != '~' && c != '^';

    private static int SegmentEnd(string text, int start, bool numeric)
    {
        var end = start;
        while (end < text.Length && (numeric ? char.IsAsciiDigit(text[end]) : char.IsAsciiLetter(text[end])))
        {
            end++;
        }

        return end;
    }
}
