namespace XenBundle.Tree;

/// <summary>Whether two contents hold the same bytes (sizes first, then a streaming compare).</summary>
public static class ContentComparer
{
    public static bool Same(IContent a, IContent b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != b.Length)
        {
            return false;
        }

        using var left = a.OpenRead();
        using var right = b.OpenRead();
        var x = new byte[1 << 16];
        var y = new byte[1 << 16];
        while (true)
        {
            var n = left.ReadAtLeast(x, x.Length, throwOnEndOfStream: false);
            var m = right.ReadAtLeast(y, y.Length, throwOnEndOfStream: false);
            if (n != m || !x.AsSpan(0, n).SequenceEqual(y.AsSpan(0, m)))
            {
                return false;
            }

            if (n == 0)
            {
                return true;
            }
        }
    }
}
