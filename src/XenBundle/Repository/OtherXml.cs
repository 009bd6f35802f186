namespace XenBundle.Repository;

/// <summary>other.xml: the changelogs.</summary>
internal static class OtherXml
{
    public const string Namespace = "http://linux.duke.edu/metadata/other";

    public static void Write(Stream stream, IReadOnlyCollection<PackageMetadata> packages) =>
        WritePackages(stream, "otherdata", Namespace, packages, (xml, p) =>
        {
            foreach (var entry in p.Changelogs)
            {
                xml.Raw("  <changelog").Attribute("author", entry.Author).Attribute("date", entry.Date).Raw('>').Text(entry.Text).Raw("</changelog>\n");
            }
        });

    /// <summary>
    /// The layout filelists.xml and other.xml share: a root element counting the packages,
    /// and per package its id, name, arch and version, then what <paramref name="body"/> writes.
    /// </summary>
    public static void WritePackages(Stream stream, string root, string ns, IReadOnlyCollection<PackageMetadata> packages, Action<XmlOut, PackageMetadata> body)
    {
        using var xml = new XmlOut(stream);
        xml.Raw(XmlOut.Declaration).Raw("<").Raw(root).Attribute("xmlns", ns).Attribute("packages", packages.Count).Raw(">\n");
        foreach (var p in packages)
        {
            xml.Raw("<package").Attribute("pkgid", p.PkgId).Attribute("name", p.Name).Attribute("arch", p.Arch).Raw(">\n")
                .Raw("  <version").Attribute("epoch", p.Epoch).Attribute("ver", p.Version).Attribute("rel", p.Release).Raw("/>\n");
            body(xml, p);
            xml.Raw("</package>\n");
        }

        xml.Raw("</").Raw(root).Raw(">");
    }
}
