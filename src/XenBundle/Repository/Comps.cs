using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace XenBundle.Repository;

/// <summary>
/// A comps.xml (package groups: groups, categories, environments, langpacks), read
/// without its DTD and written back in the usual layout: UTF-8, two-space indentation,
/// the Red Hat DOCTYPE.
/// </summary>
public sealed class Comps
{
    private const string DocType = "<!DOCTYPE comps PUBLIC \"-//Red Hat, Inc.//DTD Comps info//EN\" \"comps.dtd\">";

    public Comps(XElement root)
    {
        Root = root ?? throw new ArgumentNullException(nameof(root));
    }

    /// <summary>The <c>comps</c> element.</summary>
    public XElement Root { get; }

    public IEnumerable<XElement> Groups => Root.Elements("group");

    public IEnumerable<XElement> Categories => Root.Elements("category");

    public IEnumerable<XElement> Environments => Root.Elements("environment");

    /// <param name="budget">What the comps of all media may take together (see <see cref="XmlNodeBudget"/>).</param>
    public static Comps Parse(byte[] bytes, string origin, XmlNodeBudget? budget = null)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreWhitespace = true };
        var root = MediaXml.Load(bytes, origin, "comps", settings, budget).Root;
        if (root is null || root.Name.LocalName != "comps")
        {
            throw new XenBundleException(origin, $"not a comps file (root element '{root?.Name.LocalName}', 'comps' expected)");
        }

        return new Comps(root);
    }

    /// <summary>The id of a group, category or environment.</summary>
    public static string? IdOf(XElement element) => element?.Element("id")?.Value.Trim();

    /// <summary>The untranslated name (the one without xml:lang).</summary>
    public static string? NameOf(XElement element) =>
        element?.Elements("name").FirstOrDefault(n => n.Attribute(XNamespace.Xml + "lang") is null)?.Value;

    public byte[] ToBytes()
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
            OmitXmlDeclaration = true,
        };
        using var stream = new MemoryStream();
        stream.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"u8);
        stream.Write(Encoding.UTF8.GetBytes(DocType + "\n"));
        using (var writer = XmlWriter.Create(stream, settings))
        {
            Root.WriteTo(writer);
        }

        stream.Write("\n"u8);
        return stream.ToArray();
    }
}
