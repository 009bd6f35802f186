using XenBundle.Rpm;
using XenBundle.Tree;

namespace XenBundle.Repository;

/// <summary>
/// XML cannot carry C0 control characters (but tab, LF, CR), nor U+FFFE and U+FFFF, and some packages have them
/// (a ^D pasted into a changelog, a ^B in a ksym() requirement). createrepo_c leaves such a
/// package out; we keep it when the characters are only in text people read (summary,
/// description, changelog, packager...), shown there as U+FFFD, because dnf and the
/// installer never look at that text. A control character in anything dnf matches (name,
/// version, a dependency, a file path) leaves the package out of the metadata: it could not
/// be resolved as written. Either way the run goes on, with a warning naming the package.
/// </summary>
public static class ControlCharacterScreen
{
    /// <summary>What a control character in text for people is shown as.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>The packages the metadata can carry, and one warning per package that was changed or left out.</summary>
    public static ScreenedPackages Screen(IReadOnlyList<ScannedPackage> packages)
    {
        ArgumentNullException.ThrowIfNull(packages);
        var kept = new List<ScannedPackage>(packages.Count);
        var warnings = new List<string>();
        foreach (var scanned in packages)
        {
            var origin = TreePath.Printable(scanned.Origin);
            if (MachineField(scanned.Package) is { } field)
            {
                warnings.Add($"{origin}: left out of the repository metadata: its {field.Name} '{TreePath.Printable(field.Value)}' has {RpmText.DescribeForbidden(field.Value)}, which dnf could not resolve");
                continue;
            }

            var human = HumanFields(scanned.Package);
            if (human.Count > 0)
            {
                warnings.Add($"{origin}: control characters in its {string.Join(", ", human)} are shown as U+FFFD in the repository metadata");
            }

            kept.Add(scanned);
        }

        return new ScreenedPackages(kept, warnings);
    }

    /// <summary>
    /// A package with a control character where dnf reads is left out by <see cref="Screen"/>
    /// before the metadata is written; one that comes anyway is refused, naming it, as XML could not carry it.
    /// </summary>
    public static void EnsureCarried(ScannedPackage scanned)
    {
        ArgumentNullException.ThrowIfNull(scanned);
        if (MachineField(scanned.Package) is { } field)
        {
            throw new XenBundleException(scanned.Origin, $"{TreePath.Printable(scanned.Package.Nevra)} has a control character in its {field.Name}, which repository metadata cannot carry");
        }
    }

    /// <summary>The first field dnf reads that holds a control character: its name and value; null when none does.</summary>
    public static (string Name, string Value)? MachineField(RpmPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        IEnumerable<(string Name, string? Value)> fields =
        [
            ("name", package.Name), ("version", package.Version), ("release", package.Release), ("arch", package.Arch),
            ("source RPM", package.SourceRpm),
            .. package.Files.Select(f => ("file", (string?)f.Path)),
            .. Dependencies("provide", package.Provides), .. Dependencies("requirement", package.Requires),
            .. Dependencies("conflict", package.Conflicts), .. Dependencies("obsolete", package.Obsoletes),
            .. Dependencies("recommendation", package.Recommends), .. Dependencies("suggestion", package.Suggests),
            .. Dependencies("supplement", package.Supplements), .. Dependencies("enhancement", package.Enhances),
            .. Dependencies("suggestion", package.OldSuggests), .. Dependencies("enhancement", package.OldEnhances),
        ];
        foreach (var (name, value) in fields)
        {
            if (value is not null && RpmText.HasControlCharacters(value))
            {
                return (name, value);
            }
        }

        return null;
    }

    /// <summary>The names of the text fields for people that hold a control character, in a fixed order.</summary>
    public static IReadOnlyList<string> HumanFields(RpmPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        (string Name, IEnumerable<string?> Values)[] fields =
        [
            ("summary", [package.Summary]), ("description", [package.Description]), ("packager", [package.Packager]),
            ("URL", [package.Url]), ("licence", [package.License]), ("vendor", [package.Vendor]), ("group", [package.Group]),
            ("build host", [package.BuildHost]), ("changelog", package.Changelogs.SelectMany(c => new[] { c.Author, c.Text })),
        ];
        return [.. fields.Where(f => f.Values.Any(v => v is not null && RpmText.HasControlCharacters(v))).Select(f => f.Name)];
    }

    /// <summary>Text for people as the metadata can carry it: each control character XML forbids becomes U+FFFD.</summary>
    public static string? ForPeople(string? text)
    {
        if (text is null || !RpmText.HasControlCharacters(text))
        {
            return text;
        }

        var characters = text.ToCharArray();
        for (var i = 0; i < characters.Length; i++)
        {
            if (RpmText.IsForbiddenInXml(characters[i]))
            {
                characters[i] = Replacement;
            }
        }

        return new string(characters);
    }

    private static IEnumerable<(string Name, string? Value)> Dependencies(string kind, IReadOnlyList<RpmDependency> dependencies) =>
        dependencies.SelectMany(d => new[] { (kind, (string?)d.Name), (kind + " version", (string?)d.Version) });
}

/// <summary>The packages the metadata carries, and what was said about the others.</summary>
public sealed record ScreenedPackages(IReadOnlyList<ScannedPackage> Kept, IReadOnlyList<string> Warnings);
