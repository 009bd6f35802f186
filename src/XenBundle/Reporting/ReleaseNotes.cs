using System.Globalization;
using System.Text;
using XenBundle.Bundling;
using XenBundle.Model;

namespace XenBundle.Reporting;

/// <summary>
/// What changed since an earlier bundle: the packages added, removed, upgraded or
/// downgraded (by name and arch) and rebuilt (same NEVRA, other content); every file of the
/// bundle added, removed or changed, by path; and the diff of each changed file XenBundle
/// writes (<see cref="PreviousBundle.IsComparedText"/>), the kickstart's secrets masked.
/// </summary>
public static class ReleaseNotes
{
    /// <summary>Package files named in the file list before "and N more": the Packages table has them all.</summary>
    public const int PackageFilesNamed = 20;

    /// <param name="currentText">The bytes of a compared file of the new bundle, by path (null when it has none).</param>
    /// <param name="maskKickstart">Masks the kickstart's secrets (the caller knows the guest's release and its syntax).</param>
    public static string Describe(PreviousBundle previous, BundleManifest current, Func<string, byte[]?> currentText, Func<string, string, string, string, string> unifiedDiff, Func<string, string> maskKickstart)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(currentText);
        ArgumentNullException.ThrowIfNull(unifiedDiff);
        ArgumentNullException.ThrowIfNull(maskKickstart);
        var text = new StringBuilder();
        text.Append("Compared with ").Append(Markdown.Text($"{previous.Manifest.Name} {previous.Manifest.Version} ({previous.Name})")).Append(".\n\n");
        text.Append("### Packages\n\n").Append(PackageChanges(previous.Manifest.Packages, current.Packages));
        var changes = FileChanges(previous.Manifest.Files, current.Files);
        text.Append("\n### Files\n\n").Append(DescribeFiles(changes, current.Files.Count));
        foreach (var change in changes.Where(c => PreviousBundle.IsComparedText(c.Path)))
        {
            text.Append("\n#### ").Append(Markdown.Text(change.Path)).Append("\n\n")
                .Append(Diff(previous, current, change, currentText, unifiedDiff, maskKickstart));
        }

        return text.ToString();
    }

    /// <summary>One file of either bundle that is not the same in both.</summary>
    public sealed record FileChange(string Path, string Change, ManifestFile? Before, ManifestFile? After);

    /// <summary>The files added, removed or changed (type, size, mode, content or link target), by path.</summary>
    public static IReadOnlyList<FileChange> FileChanges(IReadOnlyList<ManifestFile> before, IReadOnlyList<ManifestFile> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var now = after.GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var changes = new List<FileChange>();
        foreach (var path in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            var was = old.GetValueOrDefault(path);
            var @is = now.GetValueOrDefault(path);
            var change = (was, @is) switch
            {
                (null, _) => "added",
                (_, null) => "removed",
                _ when was.Type != @is.Type => $"was a {was.Type}, now a {@is.Type}",
                _ when was.Sha256 != @is.Sha256 || was.Size != @is.Size || was.Target != @is.Target => was.Mode == @is.Mode
                    ? string.Create(CultureInfo.InvariantCulture, $"changed ({was.Size:N0} to {@is.Size:N0} bytes)")
                    : string.Create(CultureInfo.InvariantCulture, $"changed ({was.Size:N0} to {@is.Size:N0} bytes), mode {was.Mode} to {@is.Mode}"),
                _ when was.Mode != @is.Mode => $"mode {was.Mode} to {@is.Mode}",
                _ => null,
            };
            if (change is not null)
            {
                changes.Add(new FileChange(path, change, was, @is));
            }
        }

        return changes;
    }

    private static string DescribeFiles(IReadOnlyList<FileChange> changes, int total)
    {
        if (changes.Count == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"No file changed ({total} files).\n");
        }

        // Package files are many on a DVD and the Packages table already names each package.
        var packages = changes.Where(c => c.Path.EndsWith(".rpm", StringComparison.Ordinal)).ToList();
        var others = changes.Where(c => !c.Path.EndsWith(".rpm", StringComparison.Ordinal)).ToList();
        var text = new StringBuilder();
        text.Append(string.Create(CultureInfo.InvariantCulture,
            $"{changes.Count} of {total} files changed: {changes.Count(c => c.Before is null)} added, {changes.Count(c => c.After is null)} removed, {changes.Count(c => c.Before is not null && c.After is not null)} changed.\n\n"));
        if (others.Count > 0)
        {
            text.Append(Markdown.Table(["file", "change"], others.Select(c => (IReadOnlyList<string>)[c.Path, c.Change])));
        }

        if (packages.Count > 0)
        {
            var named = packages.Take(PackageFilesNamed).Select(c => $"{c.Path} ({c.Change})");
            var more = packages.Count > PackageFilesNamed ? string.Create(CultureInfo.InvariantCulture, $" and {packages.Count - PackageFilesNamed} more") : string.Empty;
            text.Append(others.Count > 0 ? "\n" : string.Empty)
                .Append(Markdown.Line(string.Create(CultureInfo.InvariantCulture, $"{packages.Count} package files (see Packages): {string.Join(", ", named)}{more}.")));
        }

        return text.ToString();
    }

    private static string Diff(PreviousBundle previous, BundleManifest current, FileChange change, Func<string, byte[]?> currentText, Func<string, string, string, string, string> unifiedDiff, Func<string, string> maskKickstart)
    {
        if (previous.Texts is null)
        {
            return "No diff: the earlier bundle was given as a manifest alone, which lists files without their text (give the bundle, or keep it beside its manifest).\n";
        }

        var before = change.Before is null ? [] : previous.Text(change.Path);
        var after = change.After is null ? [] : currentText(change.Path);
        if (before is null || after is null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"No diff: the {(before is null ? "earlier" : "new")} file is larger than {PreviousBundle.MaxTextSize / 1024 / 1024} MiB, or was not read.\n");
        }

        if (Array.IndexOf(before, (byte)0) >= 0 || Array.IndexOf(after, (byte)0) >= 0)
        {
            return "No diff: not a text file.\n";
        }

        var oldLabel = $"{previous.Manifest.Name}-{previous.Manifest.Version}/{change.Path}";
        var newLabel = $"{current.Name}-{current.Version}/{change.Path}";
        if (!change.Path.StartsWith("install/", StringComparison.Ordinal))
        {
            // README.txt and dom0/ are made from the recipe's names, paths and addresses: no secrets.
            var diff = unifiedDiff(Encoding.UTF8.GetString(before), Encoding.UTF8.GetString(after), oldLabel, newLabel);
            return diff.Length == 0 ? "Same text (the change is in the mode).\n" : Markdown.Code(diff, "diff");
        }

        // The kickstart: passwords masked on both sides; the diff is for people, and reports travel.
        var (oldText, newText) = (Encoding.Latin1.GetString(before), Encoding.Latin1.GetString(after));
        var (maskedBefore, maskedAfter) = (maskKickstart(oldText), maskKickstart(newText));
        return oldText == newText ? "Same text (the change is in the mode).\n"
            : maskedBefore == maskedAfter ? "Only a password changed (passwords are not shown).\n"
            : Markdown.Code(unifiedDiff(maskedBefore, maskedAfter, oldLabel, newLabel), "diff");
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
