using System.Xml;
using System.Xml.Linq;

namespace XenBundle.Repository;

/// <summary>
/// XML from a medium (comps, repomd.xml): read without resolving anything outside it, and
/// nested no deeper than such files are, since copying and comparing elements recurses and
/// a file of nested elements would overflow the stack (a crash nothing can catch), and
/// with no more nodes than such files have, since a parsed node takes some hundred times
/// the bytes it took in the file (63 MiB of <c>&lt;x/&gt;</c> become 1.3 GB). Both are
/// checked by a streaming pass before the document is built. Every
/// failure of the parser is one error naming the file and line; that includes the few
/// inputs on which .NET's own reader fails with another exception than XmlException (an
/// XML declaration of odd bytes makes it throw ArgumentOutOfRangeException).
/// </summary>
internal static class MediaXml
{
    /// <summary>Elements nested deeper than this are refused (comps needs four levels, repomd.xml three).</summary>
    public const int MaxDepth = 32;

    /// <summary>Elements, attributes and texts of one file (some 30 MiB of comps; real ones are a few MiB). Parsed, they take about 100 MiB.</summary>
    public const int MaxNodes = 1_000_000;

    /// <param name="what">The kind of file, for messages: <c>comps</c>, <c>repomd.xml</c>.</param>
    /// <param name="budget">The nodes the files of its kind may still take together, when several are held at once (the comps of all media).</param>
    public static XDocument Load(byte[] bytes, string origin, string what, XmlReaderSettings settings, XmlNodeBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            if (budget is not null && bytes.Length > budget.BytesLeft)
            {
                throw new XenBundleException(origin, FormattableString.Invariant($"the {what} files of the media come to more than {budget.TotalBytes >> 20} MiB together, more than real ones"));
            }

            var nodes = CheckShape(bytes, origin, what, settings, budget);
            budget?.Spend(nodes, bytes.Length);
            using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), settings);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException exception)
        {
            throw new XenBundleException($"{origin}:{exception.LineNumber}", $"{what} is not well-formed XML: {exception.Message}");
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            throw new XenBundleException(origin, $"{what} is not well-formed XML: the XML reader failed on it ({exception.Message.ReplaceLineEndings(" ")})");
        }
    }

    /// <summary>The number of nodes, refused past the limits of depth and count.</summary>
    private static long CheckShape(byte[] bytes, string origin, string what, XmlReaderSettings settings, XmlNodeBudget? budget)
    {
        var limit = Math.Min(MaxNodes, budget?.NodesLeft ?? MaxNodes);
        long nodes = 0;
        using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), settings);
        while (reader.Read())
        {
            var line = reader is IXmlLineInfo info ? info.LineNumber : 0;
            if (reader.Depth > MaxDepth)
            {
                throw new XenBundleException($"{origin}:{line}", $"elements nested more than {MaxDepth} deep: not a {what} file");
            }

            nodes += reader.NodeType == XmlNodeType.EndElement ? 0 : 1 + reader.AttributeCount;
            if (nodes > limit)
            {
                throw new XenBundleException($"{origin}:{line}", limit == MaxNodes
                    ? FormattableString.Invariant($"more than {MaxNodes} XML nodes: not a {what} file")
                    : FormattableString.Invariant($"the {what} files of the media come to more than {budget!.TotalNodes} XML nodes together, more than real ones"));
            }
        }

        return nodes;
    }
}
