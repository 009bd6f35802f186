using System.Xml;
using System.Xml.Linq;

namespace XenBundle.Repository;

/// <summary>
/// XML from a medium (comps, repomd.xml): read without resolving anything outside it, and
/// nested no deeper than such files are, since copying and comparing elements recurses and
/// a file of nested elements would overflow the stack (a crash nothing can catch). Every
/// failure of the parser is one error naming the file and line; that includes the few
/// inputs on which .NET's own reader fails with another exception than XmlException (an
/// XML declaration of odd bytes makes it throw ArgumentOutOfRangeException).
/// </summary>
internal static class MediaXml
{
    /// <summary>Elements nested deeper than this are refused (comps needs four levels, repomd.xml three).</summary>
    public const int MaxDepth = 32;

    /// <param name="what">The kind of file, for messages: <c>comps</c>, <c>repomd.xml</c>.</param>
    public static XDocument Load(byte[] bytes, string origin, string what, XmlReaderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            CheckDepth(bytes, origin, what, settings);
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

    private static void CheckDepth(byte[] bytes, string origin, string what, XmlReaderSettings settings)
    {
        using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), settings);
        while (reader.Read())
        {
            if (reader.Depth > MaxDepth)
            {
                var line = reader is IXmlLineInfo info ? info.LineNumber : 0;
                throw new XenBundleException($"{origin}:{line}", $"elements nested more than {MaxDepth} deep: not a {what} file");
            }
        }
    }
}
