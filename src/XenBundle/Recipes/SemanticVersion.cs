using System.Text.RegularExpressions;

namespace XenBundle.Recipes;

/// <summary>
/// A Semantic Versioning 2.0.0 version (semver.org): MAJOR.MINOR.PATCH, an optional
/// pre-release (<c>-ci.57</c>) and build metadata (<c>+sha.3f2a</c>). Two versions are
/// equal when they print the same.
/// </summary>
public sealed partial class SemanticVersion : IEquatable<SemanticVersion>
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

    public bool Equals(SemanticVersion? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => obj is SemanticVersion other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}" + (PreRelease.Length > 0 ? "-" + PreRelease : string.Empty) + (Build.Length > 0 ? "+" + Build : string.Empty);

    // The regular expression suggested by semver.org, named groups.
    [GeneratedRegex(@"^(?<major>0|[1-9][0-9]*)\.(?<minor>0|[1-9][0-9]*)\.(?<patch>0|[1-9][0-9]*)(?:-(?<pre>(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+(?<build>[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool operator ==(SemanticVersion? left, SemanticVersion? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(SemanticVersion? left, SemanticVersion? right) => !(left == right);
}
