using System.IO.Compression;
using System.Text.RegularExpressions;
using XenBundle.Repository;
using XenBundle.Tests.Support;
using XenBundle.Tree;

namespace XenBundle.Tests.RepositoryMerge;

/// <summary>
/// Our repodata against createrepo_c's for the same RPMs: field by field through
/// createrepo_c's own parser, and as text, where only the times may differ.
/// </summary>
[TestFixture]
[Category(TestCategories.Tool)]
public sealed partial class CreaterepoComparisonTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1412018839);

    [TestCase(ChecksumType.Sha1, "sha")]
    [TestCase(ChecksumType.Sha256, "sha256")]
    public void Every_field_is_createrepo_cs_but_times(ChecksumType type, string createrepoName)
    {
        using var temp = new TempDirectory("crcmp");
        var ours = MakeRepository(temp["ours"], type);
        var theirs = RpmFixtures.CopyTo(temp["theirs"], RpmFixtures.All);
        RepodataCompare.Createrepo(theirs, "-s", createrepoName);

        var (differ, diff) = RepodataCompare.Diff(ours, theirs);

        Assert.That(differ, Is.False, diff);
        Assert.That(RepodataCompare.Dump(ours), Does.Contain("\"name\": \"alpha\"").And.Contain($"\"checksum_type\": \"{createrepoName}\""));
    }

    [Test]
    public void With_comps_the_group_records_match_too()
    {
        using var temp = new TempDirectory("crcomps");
        var comps = File.ReadAllBytes(temp.Write("comps.xml", CompsTests.Sample("alpha-group", "alpha")));
        var ours = MakeRepository(temp["ours"], ChecksumType.Sha1, comps);
        var theirs = RpmFixtures.CopyTo(temp["theirs"], RpmFixtures.All);
        RepodataCompare.Createrepo(theirs, "-s", "sha", "-g", temp["comps.xml"]);

        var (differ, diff) = RepodataCompare.Diff(ours, theirs);

        Assert.That(differ, Is.False, diff);
        Assert.That(RepodataCompare.Dump(ours), Does.Contain("\"group_gz\""));
    }

    [Test]
    public void The_xml_is_createrepo_cs_text_but_times()
    {
        using var temp = new TempDirectory("crtext");
        var ours = MakeRepository(temp["ours"], ChecksumType.Sha1);
        var theirs = RpmFixtures.CopyTo(temp["theirs"], RpmFixtures.All);
        RepodataCompare.Createrepo(theirs, "-s", "sha");

        foreach (var kind in new[] { "primary", "filelists", "other" })
        {
            Assert.That(WithoutTimes(Metadata(ours, kind)), Is.EqualTo(WithoutTimes(Metadata(theirs, kind))), kind);
        }
    }

    [Test]
    public void The_comparison_fails_on_a_difference()
    {
        using var temp = new TempDirectory("crfail");
        var ours = MakeRepository(temp["ours"], ChecksumType.Sha1);
        var fewerChangelogs = RpmFixtures.CopyTo(temp["changelogs"], RpmFixtures.All);
        RepodataCompare.Createrepo(fewerChangelogs, "-s", "sha", "--changelog-limit", "5");
        var otherChecksum = RpmFixtures.CopyTo(temp["sha256"], RpmFixtures.All);
        RepodataCompare.Createrepo(otherChecksum, "-s", "sha256");
        var fewerPackages = RpmFixtures.CopyTo(temp["fewer"], RpmFixtures.All.Skip(1));
        RepodataCompare.Createrepo(fewerPackages, "-s", "sha");

        var changelogs = RepodataCompare.Diff(ours, fewerChangelogs);
        var checksums = RepodataCompare.Diff(ours, otherChecksum);
        var packages = RepodataCompare.Diff(ours, fewerPackages);

        Assert.Multiple(() =>
        {
            Assert.That(changelogs.Differ, Is.True);
            Assert.That(changelogs.Diff, Does.Contain("change of Sep 08"));
            Assert.That(checksums.Differ, Is.True);
            Assert.That(checksums.Diff, Does.Contain("sha256"));
            Assert.That(packages.Differ, Is.True);
            Assert.That(packages.Diff, Does.Contain("alpha-1.0-1.x86_64.rpm"));
        });
    }

    [Test]
    public void The_same_packages_give_the_same_bytes()
    {
        using var temp = new TempDirectory("crrepro");
        var first = RepodataGenerator.Generate(MakeTree(), new RepodataOptions { ChecksumType = ChecksumType.Sha256, Time = Time });
        var second = RepodataGenerator.Generate(MakeTree(), new RepodataOptions { ChecksumType = ChecksumType.Sha256, Time = Time, Workers = 1 });

        Assert.That(second.Repomd.ToArray(), Is.EqualTo(first.Repomd.ToArray()));
        Assert.That(second.Files.Select(f => f.Bytes.ToArray()), Is.EqualTo(first.Files.Select(f => f.Bytes.ToArray())));
        Assert.That(System.Text.Encoding.UTF8.GetString(first.Repomd.Span), Does.Contain("<revision>1412018839</revision>").And.Not.Contain("xml:base"));
    }

    private static VirtualTree MakeTree()
    {
        var tree = new VirtualTree();
        foreach (var package in RpmFixtures.All)
        {
            var name = Path.GetFileName(package);
            tree.Set(TreeEntry.File("Packages/" + name, new FileContent(package, new FileInfo(package).Length, name)));
        }

        return tree;
    }

    private static string MakeRepository(string directory, ChecksumType type, byte[]? comps = null)
    {
        RpmFixtures.CopyTo(directory, RpmFixtures.All);
        RepodataGenerator.Generate(directory, new RepodataOptions { ChecksumType = type, Time = Time }, comps);
        return directory;
    }

    private static string Metadata(string repository, string kind)
    {
        var file = Directory.GetFiles(Path.Combine(repository, "repodata"), $"*-{kind}.xml.gz").Single();
        using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }

    private static string WithoutTimes(string xml) => FileTime().Replace(xml, "<time file=\"T\"");

    [GeneratedRegex("<time file=\"[0-9]+\"")]
    private static partial Regex FileTime();
}
