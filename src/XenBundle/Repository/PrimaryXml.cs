namespace XenBundle.Repository;

/// <summary>primary.xml: what yum and dnf resolve with (names, versions, dependencies, primary files).</summary>
internal static class PrimaryXml
{
    public const string Namespace = "http://linux.duke.edu/metadata/common";
    public const string RpmNamespace = "http://linux.duke.edu/metadata/rpm";

    /// <summary>Files that primary.xml lists: what yum's file requires are resolved against without filelists.</summary>
    public static bool IsPrimaryFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith("/etc/", StringComparison.Ordinal)
            || path == "/usr/lib/sendmail"
            || path.Contains("bin/", StringComparison.Ordinal);
    }

    /// <summary>Every package, each with <paramref name="fileTime"/> as its file time.</summary>
    public static void Write(Stream stream, IReadOnlyCollection<ScannedPackage> packages, long fileTime)
    {
        using var xml = new XmlOut(stream);
        xml.Raw(XmlOut.Declaration).Raw("<metadata").Attribute("xmlns", Namespace).Attribute("xmlns:rpm", RpmNamespace).Attribute("packages", packages.Count).Raw(">\n");
        foreach (var package in packages)
        {
            WritePackage(xml, package, fileTime);
        }

        xml.Raw("</metadata>");
    }

    /// <summary>
    /// One package: the header's facts, its text for people screened
    /// (<see cref="ControlCharacterScreen.ForPeople"/>), its dependencies as
    /// <see cref="PresentedDependencies"/> filters them, and its primary files.
    /// </summary>
    private static void WritePackage(XmlOut xml, ScannedPackage scanned, long fileTime)
    {
        ControlCharacterScreen.EnsureCarried(scanned);
        var p = scanned.Package;
        var dependencies = new PresentedDependencies(p);
        xml.Raw("<package").Attribute("type", "rpm").Raw(">\n")
            .TextElement("  ", "name", p.Name)
            .TextElement("  ", "arch", p.Arch)
            .Version(p)
            .Raw("  <checksum").Attribute("type", scanned.ChecksumType.ToName()).Attribute("pkgid", "YES").Raw('>').Text(scanned.KnownChecksum).Raw("</checksum>\n")
            .TextElement("  ", "summary", ControlCharacterScreen.ForPeople(p.Summary))
            .TextElement("  ", "description", ControlCharacterScreen.ForPeople(p.Description))
            .TextElement("  ", "packager", ControlCharacterScreen.ForPeople(p.Packager))
            .TextElement("  ", "url", ControlCharacterScreen.ForPeople(p.Url))
            .Raw("  <time").Attribute("file", fileTime).Attribute("build", p.BuildTime).Raw("/>\n")
            .Raw("  <size").Attribute("package", scanned.Size).Attribute("installed", p.InstalledSize).Attribute("archive", p.ArchiveSize).Raw("/>\n")
            .Raw("  <location").Attribute("href", scanned.Href).Raw("/>\n")
            .Raw("  <format>\n")
            .TextElement("    ", "rpm:license", ControlCharacterScreen.ForPeople(p.License))
            .TextElement("    ", "rpm:vendor", ControlCharacterScreen.ForPeople(p.Vendor))
            .TextElement("    ", "rpm:group", ControlCharacterScreen.ForPeople(p.Group))
            .TextElement("    ", "rpm:buildhost", ControlCharacterScreen.ForPeople(p.BuildHost))
            .TextElement("    ", "rpm:sourcerpm", p.SourceRpm)
            .Raw("    <rpm:header-range").Attribute("start", p.HeaderRange.Start).Attribute("end", p.HeaderRange.End).Raw("/>\n");
        WriteDependencies(xml, "rpm:provides", dependencies.Provides);
        WriteDependencies(xml, "rpm:requires", dependencies.Requires);
        WriteDependencies(xml, "rpm:conflicts", dependencies.Conflicts);
        WriteDependencies(xml, "rpm:obsoletes", dependencies.Obsoletes);
        WriteDependencies(xml, "rpm:suggests", dependencies.Suggests);
        WriteDependencies(xml, "rpm:enhances", dependencies.Enhances);
        WriteDependencies(xml, "rpm:recommends", dependencies.Recommends);
        WriteDependencies(xml, "rpm:supplements", dependencies.Supplements);
        foreach (var file in p.Files)
        {
            if (IsPrimaryFile(file.Path))
            {
                FilelistsXml.WriteFile(xml, "    ", file);
            }
        }

        xml.Raw("  </format>\n</package>\n");
    }

    private static void WriteDependencies(XmlOut xml, string element, IReadOnlyList<DependencyEntry> dependencies)
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
