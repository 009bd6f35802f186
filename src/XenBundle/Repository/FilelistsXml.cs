namespace XenBundle.Repository;

/// <summary>filelists.xml: every file of every package, for file requires outside the primary set.</summary>
internal static class FilelistsXml
{
    public const string Namespace = "http://linux.duke.edu/metadata/filelists";

    public static void Write(Stream stream, IReadOnlyCollection<PackageMetadata> packages)
    {
        using var xml = new XmlOut(stream);
        xml.Raw(XmlOut.Declaration).Raw("<filelists").Attribute("xmlns", Namespace).Attribute("packages", packages.Count).Raw(">\n");
        foreach (var p in packages)
        {
            OtherXml.WritePackageStart(xml, p);
            foreach (var file in p.Files)
            {
                WriteFile(xml, "  ", file);
            }

            xml.Raw("</package>\n");
        }

        xml.Raw("</filelists>");
    }

    public static void WriteFile(XmlOut xml, string indent, MetadataFile file)
    {
        xml.Raw(indent).Raw("<file");
        if (file.Type.Length > 0 && file.Type != "file")
        {
            xml.Attribute("type", file.Type);
        }

        xml.Raw('>').Text(file.Path).Raw("</file>\n");
    }
}
