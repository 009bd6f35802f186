using XenBundle.Model;

namespace XenBundle.Repository;

/// <summary>repomd.xml: the index of the repository's metadata files, the one file clients fetch first.</summary>
internal static class RepomdXml
{
    public const string Namespace = "http://linux.duke.edu/metadata/repo";

    public static void Write(Stream stream, IEnumerable<RepodataFile> files, ChecksumType checksumType, long time)
    {
        using var xml = new XmlOut(stream);
        var type = checksumType.ToName();
        xml.Raw(XmlOut.Declaration).Raw("<repomd").Attribute("xmlns", Namespace).Attribute("xmlns:rpm", PrimaryXml.RpmNamespace).Raw(">\n")
            .Raw("  <revision>").Raw(time.ToString(System.Globalization.CultureInfo.InvariantCulture)).Raw("</revision>\n");
        foreach (var file in files)
        {
            xml.Raw("  <data").Attribute("type", file.Type).Raw(">\n")
                .Raw("    <checksum").Attribute("type", type).Raw('>').Text(file.Checksum).Raw("</checksum>\n");
            if (file.OpenChecksum is not null)
            {
                xml.Raw("    <open-checksum").Attribute("type", type).Raw('>').Text(file.OpenChecksum).Raw("</open-checksum>\n");
            }

            xml.Raw("    <location").Attribute("href", file.Path).Raw("/>\n")
                .TextElement("    ", "timestamp", time.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .TextElement("    ", "size", file.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (file.OpenSize is { } openSize)
            {
                xml.TextElement("    ", "open-size", openSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            xml.Raw("  </data>\n");
        }

        xml.Raw("</repomd>\n");
    }
}
