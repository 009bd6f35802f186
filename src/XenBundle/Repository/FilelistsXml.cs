using XenBundle.Rpm;

namespace XenBundle.Repository;

/// <summary>filelists.xml: every file of every package, for file requires outside the primary set.</summary>
internal static class FilelistsXml
{
    public const string Namespace = "http://linux.duke.edu/metadata/filelists";

    public static void Write(Stream stream, IReadOnlyCollection<ScannedPackage> packages) =>
        PackageXml.WritePackages(stream, "filelists", Namespace, packages, (xml, p) =>
        {
            foreach (var file in p.Files)
            {
                WriteFile(xml, "  ", file);
            }
        });

    /// <summary>A file's <c>type</c>: <c>dir</c>, <c>ghost</c>, or null for a plain file (written without one).</summary>
    public static string? FileType(RpmFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.IsDirectory ? "dir" : file.IsGhost ? "ghost" : null;
    }

    public static void WriteFile(XmlOut xml, string indent, RpmFile file)
    {
        xml.Raw(indent).Raw("<file");
        if (FileType(file) is { } type)
        {
            xml.Attribute("type", type);
        }

        xml.Raw('>').Text(file.Path).Raw("</file>\n");
    }
}
