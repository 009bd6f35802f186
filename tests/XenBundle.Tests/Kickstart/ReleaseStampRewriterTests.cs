using System.Security.Cryptography;
using System.Text;
using XenBundle.Kickstart.Rewriters;
using XenBundle.Model;

namespace XenBundle.Tests.Kickstart;

/// <summary>Rule 8: the kickstart says what made it, the guest says what it was built from.</summary>
[Category(TestCategories.Unit)]
public sealed class ReleaseStampRewriterTests
{
    [Test]
    public void The_header_names_recipe_version_and_the_source_sha256()
    {
        const string source = "# mine\ninstall\n";
        var result = KickstartFixtures.Transform(source, OsRelease.El6, allowInteractive: true);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.Latin1.GetBytes(source)));

        Assert.That(result.Text(), Does.StartWith($"# xenbundle: demo 1.0.0 (el6, xen-pv), made by XenBundle from a kickstart CD\n# xenbundle: source ks.cfg, SHA-256 {sha}\n# mine\n"));
    }

    [TestCase(OsRelease.El5, "%post\nprintf '%s\\n' NAME=demo VERSION=1.0.0 > /etc/xenbundle-release\n")]
    [TestCase(OsRelease.El7, "%post\nprintf '%s\\n' NAME=demo VERSION=1.0.0 > /etc/xenbundle-release\n%end\n")]
    public void A_last_post_writes_the_release_file_in_the_targets_syntax(OsRelease os, string expected)
    {
        var result = KickstartFixtures.Apply(new ReleaseStampRewriter(), "install\n%post\necho 1\n%end", os);
        Assert.That(result.Text(), Does.EndWith("%end\n\n# xenbundle: record what this guest was built from\n" + expected));
        Assert.That(result.Changes.Last().Why, Does.Contain("/etc/xenbundle-release"));
    }

    [Test]
    public void A_semver_with_pre_release_and_build_metadata_needs_no_quotes_in_the_script()
    {
        var document = KickstartFixtures.Parse("install\n", OsRelease.El6);
        var context = new XenBundle.Kickstart.Transform.RewriteContext
        {
            Target = KickstartFixtures.Target(OsRelease.El6) with { Version = "1.4.0-ci.57+g1a2b3c" },
            SourceSha256 = new string('0', 64),
        };
        var text = new ReleaseStampRewriter().Rewrite(document, context).Document.Print();
        Assert.That(text, Does.Contain("printf '%s\\n' NAME=demo VERSION=1.4.0-ci.57+g1a2b3c > /etc/xenbundle-release\n"));
    }
}
