using System.Globalization;
using System.Text;

namespace Build.Benchmarks;

/// <summary>
/// Reads the output of <c>strace -f -y -e trace=read,pread64,readv,preadv,preadv2 -o FILE</c>
/// and sums, per file, the bytes those calls returned. With <c>-y</c> strace names each
/// descriptor's file (<c>3&lt;/media/disc1.iso&gt;</c>, the kernel's path: links resolved);
/// with <c>-f</c> a call that another thread interrupts is split in two lines, its start
/// (<c>read(3&lt;/x&gt;, &lt;unfinished ...&gt;</c>) and its end on another line
/// (<c>&lt;... read resumed&gt;"..."..., 1048576) = 1048576</c>) that no longer names the file,
/// so the start is kept per process id until its end comes.
/// </summary>
internal static class StraceReads
{
    private static readonly string[] Calls = ["read", "pread64", "readv", "preadv", "preadv2"];

    /// <summary>Bytes read per file, by the path strace shows (unescaped).</summary>
    public static IReadOnlyDictionary<string, long> BytesByPath(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        var pending = new Dictionary<string, (string Call, string? Path)>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var (pid, rest) = SplitPid(raw.TrimEnd());
            string? path;
            if (rest.StartsWith("<... ", StringComparison.Ordinal))
            {
                var end = rest.IndexOf(" resumed>", StringComparison.Ordinal);
                if (end < 0 || !pending.Remove(pid, out var started) || started.Call != rest[5..end])
                {
                    continue; // the end of a call that is not traced here, or began before the trace
                }

                path = started.Path;
                rest = rest[(end + " resumed>".Length)..];
            }
            else
            {
                var open = rest.IndexOf('(', StringComparison.Ordinal);
                if (open <= 0 || !Calls.Contains(rest[..open], StringComparer.Ordinal))
                {
                    continue; // a signal, an exit, another call
                }

                path = DescriptorPath(rest, open + 1);
                if (rest.EndsWith("<unfinished ...>", StringComparison.Ordinal))
                {
                    pending[pid] = (rest[..open], path);
                    continue;
                }
            }

            if (path is not null && Returned(rest) is { } bytes and > 0)
            {
                totals[path] = totals.GetValueOrDefault(path) + bytes;
            }
        }

        return totals;
    }

    /// <summary>With -f and -o, each line starts with the process id; without -f, none; on a terminal, [pid N].</summary>
    private static (string Pid, string Call) SplitPid(string line)
    {
        if (line.StartsWith("[pid ", StringComparison.Ordinal) && line.IndexOf(']', StringComparison.Ordinal) is var close and > 0)
        {
            return (line[5..close].Trim(), line[(close + 1)..].TrimStart());
        }

        var digits = 0;
        while (digits < line.Length && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        return digits > 0 && digits < line.Length && line[digits] == ' '
            ? (line[..digits], line[(digits + 1)..].TrimStart())
            : (string.Empty, line);
    }

    /// <summary>
    /// The file of the call's first argument, <c>FD&lt;PATH&gt;</c>, or null for a descriptor
    /// strace could not name. strace escapes '&lt;', '&gt;' and what is not printable in the
    /// path, so the first '&gt;' ends it.
    /// </summary>
    private static string? DescriptorPath(string rest, int start)
    {
        var at = start;
        while (at < rest.Length && char.IsAsciiDigit(rest[at]))
        {
            at++;
        }

        if (at == start || at >= rest.Length || rest[at] != '<')
        {
            return null;
        }

        var close = rest.IndexOf('>', at + 1);
        return close < 0 ? null : Unescape(rest[(at + 1)..close]);
    }

    /// <summary>
    /// The call's result: the number after the last " = " (the data strace prints before it may
    /// hold that text too, never after). A failed call (-1 ERRNO) or an unknown one (?) gives null.
    /// </summary>
    private static long? Returned(string rest)
    {
        var equals = rest.LastIndexOf(") = ", StringComparison.Ordinal);
        if (equals < 0)
        {
            return null;
        }

        var value = rest[(equals + 4)..];
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return long.TryParse(space < 0 ? value : value[..space], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= 0 ? number : null;
    }

    /// <summary>strace's C-style escapes (\\, \", \n and the like, \xHH, octal \NNN) back to the path's bytes, read as UTF-8.</summary>
    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                // a literal run up to the next escape, encoded whole (a surrogate pair stays a pair)
                var run = text.IndexOf('\\', i + 1) is var stop and > 0 && stop < text.Length - 1 ? stop : text.Length;
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i..run]));
                i = run - 1;
                continue;
            }

            var next = text[++i];
            if (next == 'x' && i + 2 < text.Length && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                bytes.Add(hex);
                i += 2;
            }
            else if (next is >= '0' and <= '7')
            {
                var length = 1;
                while (length < 3 && i + length < text.Length && text[i + length] is >= '0' and <= '7')
                {
                    length++;
                }

                bytes.Add((byte)Convert.ToInt32(text.Substring(i, length), 8));
                i += length - 1;
            }
            else
            {
                bytes.Add(next switch { 'n' => (byte)'\n', 't' => (byte)'\t', 'r' => (byte)'\r', 'v' => (byte)'\v', 'f' => (byte)'\f', _ => (byte)next });
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
