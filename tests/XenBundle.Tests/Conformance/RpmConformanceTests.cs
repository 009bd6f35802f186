using System.Text.Json.Nodes;
using XenBundle.Repository;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Conformance;

/// <summary>
/// Our repodata against createrepo_c's (the oracle, run here on the same copy) for every RPM
/// set under tests/conformance/rpm: peers' own test packages from rpm 2.2 to 5.99, field for
/// field through createrepo_c's parser, with sha and sha256, file times left out; then dnf
/// reads ours. Where we choose to differ, the case says so: a package whose control
/// characters are only in text for people is kept (createrepo_c leaves it out).
/// </summary>
[TestFixture]
[Category(TestCategories.Tool)]
public sealed class RpmConformanceTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1767225600);

    private static string Sets => Path.Combine(Repository.Root, "tests", "conformance", "rpm");

    /// <summary>Kept by our choice although createrepo_c leaves it out (a ^D in its changelog only).</summary>
    private static readonly string[] KeptByChoice = ["ruby2.6-rubygem-fast_gettext-2.0.1-1.1.x86_64.rpm"];

    public static IEnumerable<TestCaseData> Cases() =>
        from set in new[] { "rpm", "rpm-history", "createrepo_c", "createrepo_c-history", "rpmlint", "pulp_rpm" }
        from checksum in new[] { "sha", "sha256" }
        select new TestCaseData(set, checksum).SetName($"Createrepo_c_agrees_on_{set.Replace('-', '_')}_with_{checksum}");

    [TestCaseSource(nameof(Cases))]
    public void Every_field_is_createrepo_cs(string set, string checksum)
    {
        using var temp = new TempDirectory("rpmconf");
        var ours = Copy(set, temp["ours"]);
        var theirs = Copy(set, temp["theirs"]);
        var repodata = RepodataGenerator.Generate(ours, new RepodataOptions { ChecksumType = checksum == "sha" ? ChecksumType.Sha1 : ChecksumType.Sha256, Time = Time });
        RepodataCompare.Createrepo(theirs, "--checksum", checksum, "--workers", "1");

        var ourView = JsonNode.Parse(RepodataCompare.Dump(ours))!;
        var ourPackages = ourView["packages"]!.AsArray();
        foreach (var kept in ourPackages.Where(p => KeptByChoice.Contains(Path.GetFileName((string)p!["location_href"]!))).ToList())
        {
            ourPackages.Remove(kept);
        }

        Assert.That(ourView.ToJsonString(), Is.EqualTo(JsonNode.Parse(RepodataCompare.Dump(theirs))!.ToJsonString()));
        Assert.That(repodata.Packages, Has.Count.EqualTo(ourPackages.Count + repodata.Packages.Count(p => KeptByChoice.Contains(Path.GetFileName(p.Href)))));
    }

    [TestCaseSource(nameof(Sets2))]
    public void Dnf_reads_ours(string set)
    {
        using var temp = new TempDirectory("rpmconfdnf");
        var ours = Copy(set, temp["ours"]);
        var repodata = RepodataGenerator.Generate(ours, new RepodataOptions { ChecksumType = ChecksumType.Sha256, Time = Time });

        var listed = Dnf.Query(ours, "repoquery", "--qf", "%{location}");

        Assert.That(listed, Is.EquivalentTo(repodata.Packages.Select(p => p.Href)));
    }

    public static IEnumerable<string> Sets2() => ["rpm", "rpm-history", "createrepo_c", "createrepo_c-history", "rpmlint", "pulp_rpm"];

    private static string Copy(string set, string target)
    {
        var source = Path.Combine(Sets, set);
        foreach (var file in Directory.EnumerateFiles(source, "*.rpm", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }
}
