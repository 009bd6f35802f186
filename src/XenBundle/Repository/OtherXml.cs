namespace XenBundle.Repository;

/// <summary>other.xml: the changelogs.</summary>
internal static class OtherXml
{
    public const string Namespace = "http://linux.duke.edu/metadata/other";

    public static void Write(Stream stream, IReadOnlyCollection<PackageMetadata> packages)
    {
        using var xml = new XmlOut(stream);
        xml.Raw(XmlOut.Declaration).Raw("<otherdata").Attribute("xmlns", Namespace).Attribute("packages", packages.Count).Raw(">\n");
        foreach (var p in packages)
        {
            WritePackageStart(xml, p);
            foreach (var entry in p.Changelogs)
            {
                xml.Raw("  <changelog").Attribute("author", entry.Author).Attribute("date", entry.Date).Raw('>').Text(entry.Text).Raw("</changelog>\n");
            }

            xml.Raw("</package>\n");
        }

        xml.Raw("</otherdata>");
    }

    /// <summary>The package element and version line that filelists.xml and other.xml share.</summary>
    public static void WritePackageStart(XmlOut xml, PackageMetadata p) =>
        xml.Raw("<package").Attribute("pkgid", p.PkgId).Attribute("name", p.Name).Attribute("arch", p.Arch).Raw(">\n")
            .Raw("  <version").Attribute("epoch", p.Epoch).Attribute("ver", p.Version).Attribute("rel", p.Release).Raw("/>\n");
}
