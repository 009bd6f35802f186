using System.Globalization;
using XenBundle.Rpm;

namespace XenBundle.Repository;

/// <summary>What primary.xml, filelists.xml and other.xml write alike about a package.</summary>
internal static class PackageXml
{
    /// <summary>The epoch as the metadata writes it: "0" for a package without one.</summary>
    public static string Epoch(RpmPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return (package.Epoch ?? 0).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The <c>version</c> element: epoch, version and release.</summary>
    public static XmlOut Version(this XmlOut xml, RpmPackage package) =>
        xml.Raw("  <version").Attribute("epoch", Epoch(package)).Attribute("ver", package.Version).Attribute("rel", package.Release).Raw("/>\n");

    /// <summary>
    /// The layout filelists.xml and other.xml share: a root element counting the packages,
    /// and per package its id, name, arch and version, then what <paramref name="body"/> writes.
    /// </summary>
    public static void WritePackages(Stream stream, string root, string ns, IReadOnlyCollection<ScannedPackage> packages, Action<XmlOut, RpmPackage> body)
    {
        using var xml = new XmlOut(stream);
        xml.Raw(XmlOut.Declaration).Raw("<").Raw(root).Attribute("xmlns", ns).Attribute("packages", packages.Count).Raw(">\n");
        foreach (var scanned in packages)
        {
            var p = scanned.Package;
            xml.Raw("<package").Attribute("pkgid", scanned.KnownChecksum).Attribute("name", p.Name).Attribute("arch", p.Arch).Raw(">\n")
                .Version(p);
            body(xml, p);
            xml.Raw("</package>\n");
        }

        xml.Raw("</").Raw(root).Raw(">");
    }
}
