using System.IO.Compression;
using XenBundle.Repository;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.RepositoryMerge;

/// <summary>
/// Real packages with control characters in their headers (rpmlint's test RPMs) no longer
/// stop the run: text only people read is kept with U+FFFD in place of the character; a
/// character in what dnf resolves (a ksym() requirement, provides, conflicts) leaves the
/// package out with a warning naming it.
/// </summary>
[TestFixture]
public sealed class ControlCharacterScreenTests
{
    private const string FastGettext = "ruby2.6-rubygem-fast_gettext-2.0.1-1.1.x86_64.rpm"; // ^D in a changelog entry
    private const string Xtables = "xtables-addons-kmp-default-2.14_k4.12.14_lp151.16-lp151.3.10.x86_64.rpm"; // ^B in ksym(default:^B)
    private const string SpecCheck4 = "SpecCheck4-0.0.1-0.x86_64.rpm"; // ^F in a provide, requirement, conflict, obsolete and the changelog

    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1767225600);

    [Category(TestCategories.Tool)]
    [Test]
    public void Createrepo_keeps_a_package_whose_changelog_has_a_control_character_and_leaves_out_those_with_one_in_dependencies()
    {
        using var temp = new TempDirectory("ctlchars");
        foreach (var name in new[] { FastGettext, Xtables, SpecCheck4 })
        {
            File.Copy(Path.Combine(Repository.Root, "tests", "conformance", "rpm", "rpmlint", name), temp[name]);
        }

        var repodata = RepodataGenerator.Generate(temp.Path, new RepodataOptions { ChecksumType = ChecksumType.Sha256, Time = Time });

        Assert.That(repodata.Packages.Select(p => p.Href), Is.EqualTo(new[] { FastGettext }));
        Assert.That(repodata.Warnings, Is.EqualTo(new[]
        {
            $"{SpecCheck4}: left out of the repository metadata: its provide 'provide\\x06' has a control character, which dnf could not resolve",
            $"{FastGettext}: control characters in its changelog are shown as U+FFFD in the repository metadata",
            $"{Xtables}: left out of the repository metadata: its requirement 'ksym(default:\\x02)' has a control character, which dnf could not resolve",
        }));
        Assert.That(Other(temp.Path), Does.Contain("\uFFFD").And.Not.Contain("\u0004"));
        Assert.That(Dnf.Query(temp.Path, "repoquery", "--qf", "%{name}"), Is.EqualTo(new[] { "ruby2.6-rubygem-fast_gettext" }));
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void A_noncharacter_in_a_provide_leaves_the_package_out_and_one_in_the_changelog_becomes_U_FFFD()
    {
        // XML 1.0 cannot carry U+FFFE or U+FFFF either; they used to vanish silently, so that
        // the metadata promised "odd" for a package that provides "odd\uFFFF".
        using var temp = new TempDirectory("nonchars");
        RpmFixtures.MakeRpm(temp.Path, "1500000000", "oddprovide", "1", "1", "noarch", "Provides: odd\uFFFF");
        RpmFixtures.MakeRpm(temp.Path, "1500000000", "oddlog", "1", "1", "noarch",
            "CHANGELOG:* Mon Sep 29 2014 XenBundle fixtures <fixtures@example.com> - 1-1", "CHANGELOG:- a note\uFFFE");

        var repodata = RepodataGenerator.Generate(temp.Path, new RepodataOptions { ChecksumType = ChecksumType.Sha256, Time = Time });

        Assert.That(repodata.Packages.Select(p => p.Href), Is.EqualTo(new[] { "oddlog-1-1.noarch.rpm" }));
        Assert.That(repodata.Warnings, Is.EqualTo(new[]
        {
            "oddlog-1-1.noarch.rpm: control characters in its changelog are shown as U+FFFD in the repository metadata",
            "oddprovide-1-1.noarch.rpm: left out of the repository metadata: its provide 'odd\\uffff' has a noncharacter (U+FFFE or U+FFFF), which dnf could not resolve",
        }));
        Assert.That(Other(temp.Path), Does.Contain("a note\uFFFD"));
        Assert.That(Dnf.Query(temp.Path, "repoquery", "--qf", "%{name}"), Is.EqualTo(new[] { "oddlog" }));
    }

    [Category(TestCategories.EndToEnd)]
    [Test]
    public void CreateRepo_says_the_warnings_on_the_console_and_succeeds()
    {
        using var temp = new TempDirectory("ctlcharscli");
        foreach (var name in new[] { FastGettext, Xtables })
        {
            File.Copy(Path.Combine(Repository.Root, "tests", "conformance", "rpm", "rpmlint", name), temp[name]);
        }

        var result = BuildScript.Run("--target=CreateRepo", $"--input={temp.Path}");

        Assert.That(result.ExitCode, Is.Zero, result.Output + result.Error);
        Assert.That(result.Output + result.Error, Does.Contain($"{Xtables}: left out of the repository metadata: its requirement 'ksym(default:\\x02)'")
            .And.Contain($"{FastGettext}: control characters in its changelog are shown as U+FFFD"));
        Assert.That(Directory.GetFiles(temp["repodata"]), Has.Length.EqualTo(4));
    }

    private static string Other(string repository)
    {
        var file = Directory.GetFiles(Path.Combine(repository, "repodata"), "*-other.xml.gz").Single();
        using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }
}
