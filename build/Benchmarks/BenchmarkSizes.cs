using System.Globalization;
using XenBundle;

namespace Build.Benchmarks;

/// <summary>
/// The media sizes of one benchmark run (<c>--size=1g,4.5g</c>, <c>--size=1024</c>): each a
/// number of MiB, or of GiB with a <c>g</c> suffix, several separated by commas. Every
/// size-dependent measurement runs once per size, smallest first.
/// </summary>
internal static class BenchmarkSizes
{
    /// <summary>The default: the 1 GiB set the issue's figures are given for.</summary>
    public const string Default = "1g";

    /// <summary>
    /// The generated media spread packages of 1 to 12 MiB over three discs: below this,
    /// a disc could be left without a package.
    /// </summary>
    public const long Smallest = 64L << 20;

    /// <summary>Far beyond any disk this runs on; keeps the arithmetic clear of overflow.</summary>
    public const long Largest = 1L << 40;

    /// <summary>The sizes in bytes, ascending, or an <c>error: --size: ...</c> (exit 2).</summary>
    public static IReadOnlyList<long> Parse(string? text)
    {
        text ??= Default;
        var sizes = new List<long>();
        foreach (var item in text.Split(','))
        {
            var size = ParseOne(item.Trim());
            if (sizes.Contains(size))
            {
                throw Bad($"'{item.Trim()}' is given twice ({Name(size)})");
            }

            sizes.Add(size);
        }

        sizes.Sort();
        return sizes;
    }

    /// <summary>How a size reads in the table: <c>64 MiB</c>, <c>1 GiB</c>, <c>4.5 GiB</c>.</summary>
    public static string Name(long bytes) =>
        bytes >= 1L << 30 && bytes % (1L << 30 >> 4) == 0
            ? ((double)bytes / (1L << 30)).ToString("0.####", CultureInfo.InvariantCulture) + " GiB"
            : (bytes >> 20).ToString(CultureInfo.InvariantCulture) + " MiB";

    private static long ParseOne(string item)
    {
        var gib = item.EndsWith('g') || item.EndsWith('G');
        var number = gib ? item[..^1] : item;

        // Digits and at most one point: no sign, no exponent, no thousands separator,
        // whatever the culture, so that '1,5g' cannot be read as fifteen.
        if (number.Length == 0 || number.Count(c => c == '.') > 1 || number.Any(c => c != '.' && !char.IsAsciiDigit(c)) || number[0] == '.' || number[^1] == '.')
        {
            throw Bad($"'{item}' is not a size: MiB as a number (1024), or GiB with a g suffix (1g, 4.5g)");
        }

        if (!gib && number.Contains('.', StringComparison.Ordinal))
        {
            throw Bad($"'{item}' is not a whole number of MiB (write GiB with a g suffix: 4.5g)");
        }

        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value > Largest >> 20)
        {
            throw Bad($"'{item}' is more than {Name(Largest)}");
        }

        var mib = gib ? value * 1024 : value;
        if (mib != decimal.Truncate(mib))
        {
            throw Bad($"'{item}' is not a whole number of MiB ({mib} MiB)");
        }

        var bytes = (long)mib << 20;
        if (bytes < Smallest)
        {
            throw Bad($"'{item}' is less than {Name(Smallest)}, too small for three discs of packages");
        }

        return bytes <= Largest ? bytes : throw Bad($"'{item}' is more than {Name(Largest)}");
    }

    private static XenBundleException Bad(string message) => new("--size", message, ExitCode.BadUsage);
}
