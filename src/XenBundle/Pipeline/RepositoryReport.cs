using System.Globalization;
using System.Text;
using XenBundle.Repository;
using XenBundle.Reporting;
using XenBundle.Tree;

namespace XenBundle.Pipeline;

/// <summary>
/// The report sections of the repository merge: tree, packages per medium, duplicates,
/// groups. Names come from the media (file names, package headers, comps), so they are
/// written as escaped text, never inside code spans or HTML.
/// </summary>
internal static class RepositoryReport
{
    /// <param name="laterFiles">Files the tree gets once the packages are hashed (the new metadata), counted with the rest.</param>
    public static string Tree(VirtualTree tree, int laterFiles, IReadOnlyList<string> skipped, IReadOnlyList<PathConflict> conflicts, IReadOnlyList<string> replaced)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{tree.Entries.Count(e => e.Kind == EntryKind.File) + laterFiles} files; {skipped.Count} media-only files left out (TRANS.TBL, boot catalogs).\n\n");
        if (replaced.Count > 0)
        {
            text.Append("Old metadata of the media, replaced by the merged repository: ").Append(Markdown.Text(string.Join(", ", replaced.Select(r => r + "/")))).Append(".\n\n");
        }

        var real = conflicts.Where(c => !replaced.Any(r => c.Path == r || c.Path.StartsWith(r + "/", StringComparison.Ordinal))).ToList();
        if (real.Count == 0)
        {
            return text.Append("No conflicting paths.\n").ToString();
        }

        return text.Append("Paths with different content on several media:\n\n")
            .Append(Markdown.Table(["path", "kept", "dropped", "why"], real.Select(c => (IReadOnlyList<string>)[c.Path, c.Kept, c.Dropped, c.Reason])))
            .ToString();
    }

    /// <summary>The distribution's repositories kept as they are, and where the kickstart CD's packages went.</summary>
    public static string Kept(IReadOnlyList<KeptRepository> kept, string? packageRepository)
    {
        var text = new StringBuilder();
        text.Append("The distribution's repositories are kept as its medium has them (.treeinfo declares them; their metadata, modules included, is the compose's own):\n\n");
        text.Append(Markdown.Table(["variant", "directory", "metadata"], kept.Select(k => (IReadOnlyList<string>)[k.Variant, k.Directory + "/", string.Join(", ", k.DataTypes)])));
        text.Append('\n').Append(packageRepository is null
            ? "The kickstart CD has no packages: no repository of its own.\n"
            : $"The kickstart CD's packages are the repository {Markdown.Text(packageRepository)}/ (metadata made anew), which the kickstart names with a `repo` line.\n");
        return text.ToString();
    }

    public static string PackagesPerMedium(MediaSet media, PackageMerge merge)
    {
        var byMedium = merge.Packages.GroupBy(p => p.Source.Medium).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var duplicates = merge.Duplicates.GroupBy(d => d.Dropped.Source.Medium).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rows = media.All.Select(m => (IReadOnlyList<string>)
        [
            m.Name,
            byMedium.GetValueOrDefault(m.Name)?.Count.ToString(CultureInfo.InvariantCulture) ?? "0",
            duplicates.GetValueOrDefault(m.Name).ToString(CultureInfo.InvariantCulture),
        ]);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{merge.Packages.Count} packages in the merged repository.\n\n");
        text.Append(Markdown.Table(["medium", "packages", "duplicates left out"], rows));
        foreach (var medium in media.All.Where(m => byMedium.ContainsKey(m.Name)))
        {
            text.Append("\n<details><summary>").Append(Markdown.HtmlText(medium.Name)).Append("</summary>\n\n");
            foreach (var package in byMedium[medium.Name].OrderBy(p => p.Package.Nevra, StringComparer.Ordinal))
            {
                text.Append(Markdown.ListItem($"{package.Package.Nevra} ({package.Href})"));
            }

            text.Append("\n</details>\n");
        }

        return text.ToString();
    }

    public static string Duplicates(PackageMerge merge)
    {
        if (merge.Duplicates.Count == 0)
        {
            return "No package is on more than one medium.\n";
        }

        return "The same package (same NEVRA and checksum) on several media, kept once:\n\n"
            + Markdown.Table(["package", "kept", "left out"], merge.Duplicates.Select(d => (IReadOnlyList<string>)[d.Nevra, d.Kept.Origin, d.Dropped.Origin]));
    }

    public static string Groups(Comps? comps, IReadOnlyList<string> sources)
    {
        if (comps is null)
        {
            return "No medium has package groups (comps); the repository has none.\n";
        }

        var text = new StringBuilder();
        text.Append("Merged from ").Append(Markdown.Text(string.Join(", ", sources))).Append(".\n\n");
        text.Append(Markdown.Table(["group", "name", "packages"], comps.Groups.Select(g => (IReadOnlyList<string>)
        [
            Comps.IdOf(g) ?? string.Empty,
            Comps.NameOf(g) ?? string.Empty,
            g.Element("packagelist")?.Elements().Count().ToString(CultureInfo.InvariantCulture) ?? "0",
        ])));
        var categories = comps.Categories.Concat(comps.Environments).ToList();
        if (categories.Count > 0)
        {
            text.Append('\n').Append(Markdown.Table(["category or environment", "name", "groups"], categories.Select(c => (IReadOnlyList<string>)
            [
                Comps.IdOf(c) ?? string.Empty,
                Comps.NameOf(c) ?? string.Empty,
                string.Join(", ", c.Element("grouplist")?.Elements().Select(e => e.Value.Trim()) ?? []),
            ])));
        }

        return text.ToString();
    }
}
