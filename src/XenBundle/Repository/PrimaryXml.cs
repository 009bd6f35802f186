namespace XenBundle.Repository;

/// <summary>primary.xml: what yum and dnf resolve with (names, versions, dependencies, primary files).</summary>
internal static class PrimaryXml
{
    public const string Namespace = "http://linux.duke.edu/metadata/common";
    public const string RpmNamespace = "http://linux.duke.edu/metadata/rpm";

    public static void Write(Stream stream, IReadOnlyCollection<PackageMetadata> packages)
    {
        using var xml = new XmlOut(stream);
        xml.Raw(XmlOut.Declaration).Raw("<metadata").Attribute("xmlns", Namespace).Attribute("xmlns:rpm", RpmNamespace).Attribute("packages", packages.Count).Raw(">\n");
        foreach (var package in packages)
        {
            WritePackage(xml, package);
        }

        xml.Raw("</metadata>");
    }

    private static void WritePackage(XmlOut xml, PackageMetadata p)
    {
        xml.Raw("<package").Attribute("type", "rpm").Raw(">\n")
            .TextElement("  ", "name", p.Name)
            .TextElement("  ", "arch", p.Arch)
            .Raw("  <version").Attribute("epoch", p.Epoch).Attribute("ver", p.Version).Attribute("rel", p.Release).Raw("/>\n")
            .Raw("  <checksum").Attribute("type", p.ChecksumType).Attribute("pkgid", "YES").Raw('>').Text(p.PkgId).Raw("</checksum>\n")
            .TextElement("  ", "summary", p.Summary)
            .TextElement("  ", "description", p.Description)
            .TextElement("  ", "packager", p.Packager)
            .TextElement("  ", "url", p.Url)
            .Raw("  <time").Attribute("file", p.FileTime).Attribute("build", p.BuildTime).Raw("/>\n")
            .Raw("  <size").Attribute("package", p.PackageSize).Attribute("installed", p.InstalledSize).Attribute("archive", p.ArchiveSize).Raw("/>\n")
            .Raw("  <location").Attribute("href", p.Href).Raw("/>\n")
            .Raw("  <format>\n")
            .TextElement("    ", "rpm:license", p.License)
            .TextElement("    ", "rpm:vendor", p.Vendor)
            .TextElement("    ", "rpm:group", p.Group)
            .TextElement("    ", "rpm:buildhost", p.BuildHost)
            .TextElement("    ", "rpm:sourcerpm", p.SourceRpm)
            .Raw("    <rpm:header-range").Attribute("start", p.HeaderStart).Attribute("end", p.HeaderEnd).Raw("/>\n");
        WriteDependencies(xml, "rpm:provides", p.Provides);
        WriteDependencies(xml, "rpm:requires", p.Requires);
        WriteDependencies(xml, "rpm:conflicts", p.Conflicts);
        WriteDependencies(xml, "rpm:obsoletes", p.Obsoletes);
        WriteDependencies(xml, "rpm:suggests", p.Suggests);
        WriteDependencies(xml, "rpm:enhances", p.Enhances);
        WriteDependencies(xml, "rpm:recommends", p.Recommends);
        WriteDependencies(xml, "rpm:supplements", p.Supplements);
        foreach (var file in p.Files.Where(f => PackageMetadataBuilder.IsPrimaryFile(f.Path)))
        {
            FilelistsXml.WriteFile(xml, "    ", file);
        }

        xml.Raw("  </format>\n</package>\n");
    }

    private static void WriteDependencies(XmlOut xml, string element, IReadOnlyList<MetadataDependency> dependencies)
    {
        if (dependencies.Count == 0)
        {
            return;
        }

        var named = dependencies.Where(d => d.Name.Length > 0).ToList();
        if (named.Count == 0)
        {
            xml.Raw("    <").Raw(element).Raw("/>\n");
            return;
        }

        xml.Raw("    <").Raw(element).Raw(">\n");
        foreach (var d in named)
        {
            xml.Raw("      <rpm:entry").Attribute("name", d.Name);
            if (!string.IsNullOrEmpty(d.Flags))
            {
                xml.Attribute("flags", d.Flags);
                WriteIfPresent(xml, "epoch", d.Epoch);
                WriteIfPresent(xml, "ver", d.Version);
                WriteIfPresent(xml, "rel", d.Release);
            }

            if (d.Pre)
            {
                xml.Attribute("pre", "1");
            }

            xml.Raw("/>\n");
        }

        xml.Raw("    </").Raw(element).Raw(">\n");
    }

    private static void WriteIfPresent(XmlOut xml, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            xml.Attribute(name, value);
        }
    }
}
