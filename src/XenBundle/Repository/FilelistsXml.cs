namespace XenBundle.Repository;

/// <summary>filelists.xml: every file of every package, for file requires outside the primary set.</summary>
internal static class FilelistsXml
{
    public const string Namespace = "http://linux.duke.edu/metadata/filelists";

    public static void Write(Stream stream, IReadOnlyCollection<PackageMetadata> packages) =>
        OtherXml.WritePackages(stream, "filelists", Namespace, packages, (xml, p) =>
        {
            foreach (var file in p.Files)
            {
                WriteFile(xml, "  ", file);
            }
        });

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
