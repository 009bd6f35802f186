namespace XenBundle.Repository;

/// <summary>other.xml: the changelogs (the entries <see cref="Changelogs.Pick"/> chooses).</summary>
internal static class OtherXml
{
    public const string Namespace = "http://linux.duke.edu/metadata/other";

    public static void Write(Stream stream, IReadOnlyCollection<ScannedPackage> packages, int changelogLimit) =>
        PackageXml.WritePackages(stream, "otherdata", Namespace, packages, (xml, p) =>
        {
            foreach (var entry in Changelogs.Pick(p.Changelogs, changelogLimit))
            {
                xml.Raw("  <changelog").Attribute("author", entry.Author).Attribute("date", entry.Date).Raw('>').Text(entry.Text).Raw("</changelog>\n");
            }
        });
}
