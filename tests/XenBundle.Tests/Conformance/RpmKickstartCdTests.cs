using XenBundle.Tests.EndToEnd;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Conformance;

/// <summary>
/// The whole XenBundle run with peers' RPMs on the kickstart CD: a package beside its source
/// RPM of the same version (rpm 4.8, no SOURCEPACKAGE tag) and packages with control
/// characters in their headers. The run succeeds; the warnings naming the packages reach
/// the console and the report.
/// </summary>
[TestFixture]
[Category(TestCategories.EndToEnd)]
public sealed class RpmKickstartCdTests
{
    private static readonly string[] Packages =
    [
        "pulp_rpm/grinder_test_package-10.0-1.fc14.noarch.rpm",
        "pulp_rpm/grinder_test_package-10.0-1.fc14.src.rpm",
        "rpmlint/ruby2.6-rubygem-fast_gettext-2.0.1-1.1.x86_64.rpm",
        "rpmlint/xtables-addons-kmp-default-2.14_k4.12.14_lp151.16-lp151.3.10.x86_64.rpm",
    ];

    [Test]
    public void A_kickstart_cd_with_a_package_and_its_source_rpm_and_control_characters_builds_with_warnings()
    {
        using var temp = new TempDirectory("rpmks-e2e");
        RecipeText.CopyDemoMedia(temp);
        foreach (var package in Packages)
        {
            File.Copy(Path.Combine(Repository.Root, "tests", "conformance", "rpm", package), temp["media/acme-ks-cd/RPMS/" + Path.GetFileName(package)]);
        }

        File.WriteAllText(temp["recipe.yaml"], RecipeText.Valid(temp["media"]));
        var result = BuildScript.Run([$"--recipe={temp["recipe.yaml"]}", $"--artifacts={temp["artifacts"]}"], workingDirectory: temp.Path);

        Assert.That(result.ExitCode, Is.Zero, result.Output + result.Error);
        Assert.That(BuildScriptTests.ErrorLines(result), Is.Empty);
        const string LeftOut = "acme-ks-cd:/RPMS/xtables-addons-kmp-default-2.14_k4.12.14_lp151.16-lp151.3.10.x86_64.rpm: left out of the repository metadata: its requirement 'ksym(default:\\x02)' has a control character, which dnf could not resolve";
        const string Replaced = "acme-ks-cd:/RPMS/ruby2.6-rubygem-fast_gettext-2.0.1-1.1.x86_64.rpm: control characters in its changelog are shown as U+FFFD in the repository metadata";
        Assert.That(result.Output + result.Error, Does.Contain(LeftOut).And.Contain(Replaced));
        var report = File.ReadAllText(Directory.GetFiles(temp["artifacts"], "*.report.md").Single());
        // The report is Markdown: its backslashes are escaped.
        Assert.That(report, Does.Contain("- " + LeftOut.Replace("\\", "\\\\", StringComparison.Ordinal)).And.Contain("- " + Replaced));

        Directory.CreateDirectory(temp["unpacked"]);
        Tool.Run("tar", "-xzf", Directory.GetFiles(temp["artifacts"], "*.tar.gz").Single(), "-C", temp["unpacked"]).EnsureSuccess("tar -x");
        var repomd = Directory.GetFiles(temp["unpacked"], "repomd.xml", SearchOption.AllDirectories);
        var listed = repomd.SelectMany(r => Dnf.Query(Path.GetDirectoryName(Path.GetDirectoryName(r))!, "repoquery", "--qf", "%{name}.%{arch}")).ToList();
        Assert.That(listed, Does.Contain("grinder_test_package.noarch").And.Contain("grinder_test_package.src").And.Contain("ruby2.6-rubygem-fast_gettext.x86_64"));
        Assert.That(listed, Has.None.StartsWith("xtables-addons-kmp-default"));
    }
}
