using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using XenBundle.Media;
using XenBundle.Tree;

namespace XenBundle.Repository;

/// <summary>
/// Finds the comps a medium's own repositories carry: every <c>repodata/repomd.xml</c> on
/// it (at the root, or below a variant directory like <c>Server/</c>), its <c>group</c>
/// file, or its <c>group_gz</c> one when there is no plain one.
/// </summary>
public static class MediumComps
{
    /// <summary>
    /// Real comps files are a few MiB at most; anything bigger is not one (or a gzip bomb).
    /// Read, copied and parsed into UTF-16 text, a file takes some ten times its size at its peak.
    /// </summary>
    public const int MaxSize = 32 << 20;

    /// <param name="skipRepository">Repository roots (paths on the medium) whose comps are not wanted: repositories kept as they are.</param>
    /// <param name="budget">The XML nodes the comps of all media may take together; by default those of one file.</param>
    public static IReadOnlyList<(string Origin, Comps Comps)> Read(IMediaSource medium, Func<string, bool>? skipRepository = null, XmlNodeBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(medium);
        var found = new List<(string, Comps)>();
        foreach (var repomd in medium.Entries.Where(e => e.Kind == EntryKind.File && TreePath.FileName(e.Path) == "repomd.xml"
                     && TreePath.FileName(TreePath.Parent(e.Path)) == RepodataLayout.Directory))
        {
            var repositoryRoot = TreePath.Parent(TreePath.Parent(repomd.Path));
            if (skipRepository?.Invoke(repositoryRoot) == true)
            {
                continue;
            }

            var origin = $"{medium.Name}:/{repomd.Path}";
            var locations = GroupLocations(ReadAll(medium, repomd, origin), origin);
            var (href, compressed) = locations.Plain is { } plain ? (plain, false) : locations.Gzip is { } gz ? (gz, true) : (null, false);
            if (href is null)
            {
                continue;
            }

            var path = TreePath.Combine(repositoryRoot, href);
            var entry = medium.Find(path)
                ?? throw new XenBundleException(origin, $"lists comps '{TreePath.Printable(href)}', which is not on the medium");
            if (entry.Kind != EntryKind.File)
            {
                throw new XenBundleException(origin, $"lists comps '{TreePath.Printable(href)}', which is a {entry.Kind.ToString().ToLowerInvariant()} on the medium, not a file");
            }

            using var stream = medium.OpenRead(entry);
            using var content = compressed ? new GZipStream(stream, CompressionMode.Decompress) : stream;
            var bytes = Bounded(content, $"{medium.Name}:/{path}");

            found.Add(($"{medium.Name}:/{path}", Comps.Parse(bytes, $"{medium.Name}:/{path}", budget)));
        }

        return found;
    }

    private static (string? Plain, string? Gzip) GroupLocations(byte[] repomd, string origin)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        var root = MediaXml.Load(repomd, origin, "repomd.xml", settings).Root;
        string? Href(string type) => root?.Elements().Where(e => e.Name.LocalName == "data" && (string?)e.Attribute("type") == type)
            .Select(e => (string?)e.Elements().FirstOrDefault(l => l.Name.LocalName == "location")?.Attribute("href"))
            .FirstOrDefault(h => h is not null && TreePath.Problem(h) is null);
        return (Href("group"), Href("group_gz"));
    }

    private static byte[] ReadAll(IMediaSource medium, MediaEntry entry, string origin)
    {
        using var stream = medium.OpenRead(entry);
        return Bounded(stream, origin);
    }

    /// <summary>The whole stream, refused past <see cref="MaxSize"/> bytes.</summary>
    private static byte[] Bounded(Stream stream, string origin)
    {
        try
        {
            return BoundedInput.Read(stream, origin, MaxSize, "repository metadata file");
        }
        catch (InvalidDataException exception)
        {
            throw new XenBundleException(origin, $"not a gzip file: {exception.Message}");
        }
    }
}
