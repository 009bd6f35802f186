using System.Xml;
using System.Xml.Linq;
using XenBundle.Tree;

namespace XenBundle.Repository;

/// <summary>A repository of the distribution that the tree keeps exactly as the medium has it.</summary>
/// <param name="Variant">The productmd variant (<c>BaseOS</c>, <c>AppStream</c>).</param>
/// <param name="Directory">Its directory in the tree (<c>BaseOS</c>).</param>
/// <param name="DataTypes">What its repomd.xml lists (primary, filelists, group, modules, ...).</param>
public sealed record KeptRepository(string Variant, string Directory, IReadOnlyList<string> DataTypes);

/// <summary>
/// The repositories a productmd <c>.treeinfo</c> (EL8, EL9: <c>[header] type =
/// productmd.treeinfo</c>) declares below the tree's root: each <c>[variant-NAME]</c> with a
/// <c>repository</c> other than <c>.</c> (BaseOS, AppStream). Their metadata is the
/// compose's own, modular metadata (<c>modules.yaml</c>) included, which a regenerated
/// repository would lose, and anaconda finds them through <c>.treeinfo</c>: they are kept
/// as they are. A variant at <c>.</c> (EL7's Server) is the tree's root repository, which
/// is made anew like an EL5 or EL6 one.
/// </summary>
public static class VariantRepositories
{
    public static IReadOnlyList<KeptRepository> Of(VirtualTree tree, TreeInfo? treeInfo, string treeName)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (treeInfo is null)
        {
            return [];
        }

        var kept = new List<KeptRepository>();
        foreach (var section in treeInfo.Sections.Where(s => s.StartsWith("variant-", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            var directory = treeInfo.Get(section, "repository")?.Trim().Trim('/');
            if (string.IsNullOrEmpty(directory) || directory == "." || kept.Any(k => k.Directory == directory))
            {
                continue;
            }

            var variant = section["variant-".Length..];
            var location = $"{treeName}:/.treeinfo";
            if (TreePath.Problem(directory) is { } problem)
            {
                throw new XenBundleException(location, $"[{section}] repository = {TreePath.Printable(directory)}: {problem}");
            }

            var repomdPath = $"{directory}/{Repodata.RepomdPath}";
            var repomd = InstallTreeInfo.ReadText(tree, repomdPath)
                ?? throw new XenBundleException(location, $"[{section}] names the repository {directory}/, which has no {Repodata.RepomdPath}: the installer could not read the {variant} variant");
            kept.Add(new KeptRepository(variant, directory, DataTypes(repomd, $"{treeName}:/{repomdPath}")));
        }

        return kept;
    }

    /// <summary>Whether a tree path lies inside one of the kept repositories.</summary>
    public static bool Contains(IReadOnlyList<KeptRepository> kept, string path)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(path);
        return kept.Any(k => path == k.Directory || path.StartsWith(k.Directory + "/", StringComparison.Ordinal));
    }

    private static List<string> DataTypes(string repomd, string origin)
    {
        // Through MediaXml like every XML of the media: its depth and node limits apply.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        return [.. MediaXml.Load(System.Text.Encoding.UTF8.GetBytes(repomd), origin, "repomd.xml", settings).Root?.Elements().Where(e => e.Name.LocalName == "data")
            .Select(e => (string?)e.Attribute("type")).OfType<string>() ?? []];
    }
}
