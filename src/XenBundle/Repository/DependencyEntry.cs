using XenBundle.Rpm;

namespace XenBundle.Repository;

/// <summary>
/// One <c>rpm:entry</c> of primary.xml: the name, the comparison (LT, GT, EQ, LE, GE or
/// none) and the EVR split as createrepo_c splits it; <see cref="Pre"/> writes <c>pre="1"</c>.
/// </summary>
internal sealed record DependencyEntry(string Name, string? Flags, string? Epoch, string? Version, string? Release, bool Pre)
{
    /// <summary>The entry for a header's dependency; null when its epoch is not a number.</summary>
    public static DependencyEntry? From(RpmDependency dependency, bool pre)
    {
        ArgumentNullException.ThrowIfNull(dependency);
        var (epoch, version, release) = SplitEvr(dependency.Version);
        if (dependency.Version.Length > 0 && epoch is null)
        {
            return null; // createrepo_c: "Bad epoch in version string", dependency skipped
        }

        return new DependencyEntry(dependency.Name, FlagName(dependency.Flags), epoch, version, release, pre);
    }

    /// <summary>rpm's comparison operators as the metadata spells them (only the LESS/GREATER/EQUAL bits count).</summary>
    public static string? FlagName(RpmSense flags) => ((int)flags & 0xF) switch
    {
        2 => "LT",
        4 => "GT",
        8 => "EQ",
        10 => "LE",
        12 => "GE",
        _ => null,
    };

    /// <summary>
    /// Splits "[E:]V[-R]" at the first ':' and the first '-' after it. The epoch is 0 when
    /// absent; null when it is not a number (the dependency is then dropped) or the text is empty.
    /// </summary>
    public static (string? Epoch, string? Version, string? Release) SplitEvr(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null, null);
        }

        string? epoch = "0";
        var rest = text;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var before = text[..colon];
            if (before.Length > 0)
            {
                epoch = IsCNumber(before) ? before : null;
            }

            rest = text[(colon + 1)..];
        }

        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return (epoch, rest, null);
        }

        var release = rest[(dash + 1)..];
        return (epoch, rest[..dash], release.Length == 0 ? null : release);
    }

    /// <summary>What C's strtol reads whole: optional white space, an optional sign, digits.</summary>
    private static bool IsCNumber(string text)
    {
        var i = 0;
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
        {
            i++;
        }

        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        var digits = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i > digits && i == text.Length;
    }
}
