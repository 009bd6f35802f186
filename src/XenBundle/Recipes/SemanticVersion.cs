using System.Text.RegularExpressions;

namespace XenBundle.Recipes;

/// <summary>
/// A Semantic Versioning 2.0.0 version (semver.org): MAJOR.MINOR.PATCH, an optional
/// pre-release (<c>-ci.57</c>) and build metadata (<c>+sha.3f2a</c>), ordered by the
/// spec's precedence rules (build metadata ignored).
/// </summary>
public sealed partial class SemanticVersion : IComparable<SemanticVersion>, IEquatable<SemanticVersion>
{
    private SemanticVersion(ulong major, ulong minor, ulong patch, string preRelease, string build)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        PreRelease = preRelease;
        Build = build;
    }

    public ulong Major { get; }

    public ulong Minor { get; }

    public ulong Patch { get; }

    public string PreRelease { get; }

    public string Build { get; }

    public bool IsPreRelease => PreRelease.Length > 0;

    public static bool TryParse(string? text, out SemanticVersion version)
    {
        version = null!;
        if (text is null)
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success
            || !ulong.TryParse(match.Groups["major"].Value, System.Globalization.CultureInfo.InvariantCulture, out var major)
            || !ulong.TryParse(match.Groups["minor"].Value, System.Globalization.CultureInfo.InvariantCulture, out var minor)
            || !ulong.TryParse(match.Groups["patch"].Value, System.Globalization.CultureInfo.InvariantCulture, out var patch))
        {
            return false;
        }

        version = new SemanticVersion(major, minor, patch, match.Groups["pre"].Value, match.Groups["build"].Value);
        return true;
    }

    public static SemanticVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a SemVer 2.0 version");

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byCore = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (byCore != 0)
        {
            return byCore;
        }

        // A pre-release has lower precedence than the release it precedes.
        if (PreRelease.Length == 0 || other.PreRelease.Length == 0)
        {
            return other.PreRelease.Length.CompareTo(PreRelease.Length) switch
            {
                0 => 0,
                var c => Math.Sign(c),
            };
        }

        var mine = PreRelease.Split('.');
        var theirs = other.PreRelease.Split('.');
        for (var i = 0; i < Math.Min(mine.Length, theirs.Length); i++)
        {
            var c = CompareIdentifiers(mine[i], theirs[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return mine.Length.CompareTo(theirs.Length);
    }

    public bool Equals(SemanticVersion? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => obj is SemanticVersion other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}" + (PreRelease.Length > 0 ? "-" + PreRelease : string.Empty) + (Build.Length > 0 ? "+" + Build : string.Empty);

    private static int CompareIdentifiers(string a, string b)
    {
        var aNumeric = ulong.TryParse(a, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var an);
        var bNumeric = ulong.TryParse(b, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bn);
        return (aNumeric, bNumeric) switch
        {
            (true, true) => an.CompareTo(bn),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(a, b) switch { < 0 => -1, > 0 => 1, _ => 0 },
        };
    }

    // The regular expression suggested by semver.org, named groups.
    [GeneratedRegex(@"^(?<major>0|[1-9][0-9]*)\.(?<minor>0|[1-9][0-9]*)\.(?<patch>0|[1-9][0-9]*)(?:-(?<pre>(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+(?<build>[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool operator <(SemanticVersion left, SemanticVersion right) => left is null ? right is not null : left.CompareTo(right) < 0;

    public static bool operator >(SemanticVersion left, SemanticVersion right) => left is not null && left.CompareTo(right) > 0;

    public static bool operator <=(SemanticVersion left, SemanticVersion right) => left is null || left.CompareTo(right) <= 0;

    public static bool operator >=(SemanticVersion left, SemanticVersion right) => left is null ? right is null : left.CompareTo(right) >= 0;

    public static bool operator ==(SemanticVersion? left, SemanticVersion? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(SemanticVersion? left, SemanticVersion? right) => !(left == right);
}
