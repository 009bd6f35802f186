using System.Text;
using XenBundle.Bundling;

namespace XenBundle.Reporting;

/// <summary>
/// What changed since an earlier bundle: the packages added, removed, upgraded or
/// downgraded (by name and arch) and rebuilt (same NEVRA, other content), and the diff
/// between the two transformed kickstarts.
/// </summary>
public static class ReleaseNotes
{
    public static string Describe(PreviousBundle previous, BundleManifest current, byte[] currentKickstart, Func<string, string, string, string, string> unifiedDiff)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(unifiedDiff);
        var text = new StringBuilder();
        text.Append("Compared with ").Append(Markdown.Text($"{previous.Manifest.Name} {previous.Manifest.Version} ({previous.Name})")).Append(".\n\n");
        text.Append("### Packages\n\n").Append(PackageChanges(previous.Manifest.Packages, current.Packages));
        text.Append("\n### Kickstart\n\n");
        if (previous.Kickstart is null)
        {
            text.Append("The earlier kickstart is not available (give the bundle, or keep it beside its manifest).\n");
        }
        else
        {
            // Passwords masked on both sides: the diff is for people, and reports travel.
            var dialect = Kickstart.Syntax.KickstartDialect.For(Recipes.OsRelease.El5);
            var before = Encoding.Latin1.GetString(previous.Kickstart);
            var after = Encoding.Latin1.GetString(currentKickstart);
            var (maskedBefore, maskedAfter) = (Kickstart.Syntax.KickstartSecrets.Mask(before, dialect), Kickstart.Syntax.KickstartSecrets.Mask(after, dialect));
            text.Append(before == after ? "Unchanged.\n"
                : maskedBefore == maskedAfter ? "Only a password changed (passwords are not shown).\n"
                : Markdown.Code(unifiedDiff(maskedBefore, maskedAfter, $"{previous.Manifest.Name}-{previous.Manifest.Version}/install/ks/kickstart.cfg", $"{current.Name}-{current.Version}/install/ks/kickstart.cfg"), "diff"));
        }

        return text.ToString();
    }

    public static string PackageChanges(IReadOnlyList<ManifestPackage> before, IReadOnlyList<ManifestPackage> after)
    {
        var old = before.GroupBy(p => (p.Name, p.Arch)).ToDictionary(g => g.Key, g => g.ToList());
        var now = after.GroupBy(p => (p.Name, p.Arch)).ToDictionary(g => g.Key, g => g.ToList());
        var rows = new List<IReadOnlyList<string>>();
        foreach (var key in old.Keys.Union(now.Keys).OrderBy(k => k.Name, StringComparer.Ordinal).ThenBy(k => k.Arch, StringComparer.Ordinal))
        {
            var was = old.GetValueOrDefault(key);
            var @is = now.GetValueOrDefault(key);
            var wasText = was is null ? "-" : string.Join(", ", was.Select(p => p.Evr));
            var isText = @is is null ? "-" : string.Join(", ", @is.Select(p => p.Evr));
            var change = (was, @is) switch
            {
                (null, _) => "added",
                (_, null) => "removed",
                _ when wasText != isText => "changed version",
                _ when !was.Select(p => p.Checksum).Order().SequenceEqual(@is.Select(p => p.Checksum).Order()) => "rebuilt (same version, other content)",
                _ => null,
            };
            if (change is not null)
            {
                rows.Add([$"{key.Name}.{key.Arch}", wasText, isText, change]);
            }
        }

        return rows.Count == 0
            ? $"No package changes ({after.Count} packages).\n"
            : $"{rows.Count} of {after.Count} packages changed.\n\n" + Markdown.Table(["package", "before", "now", "change"], rows);
    }
}
