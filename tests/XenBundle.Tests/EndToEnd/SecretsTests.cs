using Cake.XenBundle;
using XenBundle.Pipeline;
using XenBundle.Recipes;
using XenBundle.Tests.Media.Iso;
using XenBundle.Tests.Support;
using XenBundle.Tree;

namespace XenBundle.Tests.EndToEnd;

/// <summary>
/// What the kickstart CD keeps private stays so: restrictive modes reach the bundle, the
/// transformed kickstart is no more readable than its source, and the content of the
/// post-install files appears in no report, log line or manifest, only in the bundle.
/// </summary>
public sealed class SecretsTests
{
    private const string Marker = "XENBUNDLE-SECRET-MARKER-5d1c0f";
    private const string RootPassword = "Plaintext-Root-Password-7f3a";

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory("secrets");
        RecipeText.CopyDemoMedia(_temp);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void Files_0600_on_an_image_kickstart_cd_are_0600_in_the_bundle_and_so_is_the_kickstart_made_from_a_0600_one()
    {
        var cd = _temp["media/acme-ks-cd"];
        File.SetUnixFileMode(Path.Combine(cd, "postinstall/root/authorized_keys"), (UnixFileMode)UnixMode.Private);
        File.SetUnixFileMode(Path.Combine(cd, "ks.cfg"), (UnixFileMode)UnixMode.Private);
        File.SetUnixFileMode(Path.Combine(cd, "postinstall/etc/motd"), (UnixFileMode)UnixMode.Parse("0640"));
        IsoTools.Genisoimage(cd, _temp["media/ks.iso"], "-R", "-J");
        var recipe = RecipeLoader.Load(WriteRecipe(kickstartCd: "media/ks.iso"));
        using var pipeline = new BundlePipeline(recipe, new PipelineOptions { ArtifactsDirectory = _temp["artifacts"] }, NullPipelineLog.Instance);

        var tarball = XenBundleStages.RunAll(pipeline).Tarball;

        var listing = Tool.Run("tar", "-tvzf", tarball).EnsureSuccess("tar -tv").Output.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(listing, Has.One.Match(@"^-rw------- root/root .* web-1\.4\.0/install/postinstall/root/authorized_keys$"));
            Assert.That(listing, Has.One.Match(@"^-rw-r----- root/root .* web-1\.4\.0/install/postinstall/etc/motd$"));
            Assert.That(listing, Has.One.Match(@"^-rw------- root/root .* web-1\.4\.0/install/ks\.cfg$"));
            Assert.That(listing, Has.One.Match(@"^-rw------- root/root .* web-1\.4\.0/install/ks/kickstart\.cfg$"), "no more readable than its source");
        });
    }

    [TestCase("0644", "0644")]
    [TestCase("0444", "0644")]
    [TestCase("0755", "0644")]
    [TestCase("0640", "0640")]
    [TestCase("0600", "0600")]
    [TestCase("0400", "0600")]
    public void The_transformed_kickstart_is_readable_by_no_one_the_source_was_not(string source, string bundled) =>
        Assert.That(UnixMode.Format(BundleLayout.KickstartMode(UnixMode.Parse(source))), Is.EqualTo(bundled));

    [Test]
    public void The_post_install_files_content_and_a_plain_text_password_reach_no_report_log_or_manifest()
    {
        var cd = _temp["media/acme-ks-cd"];
        File.AppendAllText(Path.Combine(cd, "postinstall/etc/motd"), Marker + "\n");
        File.AppendAllText(Path.Combine(cd, "postinstall/root/authorized_keys"), $"ssh-ed25519 AAAA{Marker} key\n");
        _temp.Write("media/acme-ks-cd/site-token", Marker + "\n");
        var kickstart = Path.Combine(cd, "ks.cfg");
        // Next to the cdrom line, which the rewrite changes: the report's diff shows it as context.
        var text = File.ReadAllText(kickstart).Replace("rootpw --iscrypted $1$acme$Xo1wW0e7yH0f5JZ8f5bUx/\n", string.Empty, StringComparison.Ordinal);
        File.WriteAllText(kickstart, text.Replace("cdrom\n", $"cdrom\nrootpw {RootPassword}\n", StringComparison.Ordinal));

        var result = BuildScript.Run([$"--recipe={WriteRecipe()}", $"--artifacts={_temp["artifacts"]}", "--verbosity=diagnostic"], _temp.Path).EnsureSuccess("./build.sh");

        var report = File.ReadAllText(_temp["artifacts/web-1.4.0.report.md"]);
        var printed = new Dictionary<string, string>
        {
            ["the log"] = result.Output + result.Error,
            ["the report"] = report,
            ["the manifest"] = File.ReadAllText(_temp["artifacts/web-1.4.0.manifest.json"]),
        };
        Assert.Multiple(() =>
        {
            foreach (var (where, text) in printed)
            {
                Assert.That(text, Does.Not.Contain(Marker), where);
                Assert.That(text, Does.Not.Contain(RootPassword), where);
            }
        });
        Assert.That(report, Does.Contain("rootpw gives a password in plain text").And.Contain("rootpw ********"));
        Assert.That(result.Output, Does.Contain("rootpw gives a password in plain text"), "the warning is in the log too");

        // The secrets are where they belong: in the bundle, for the guest.
        Directory.CreateDirectory(_temp["unpacked"]);
        Tool.Run("tar", "-xzf", _temp["artifacts/web-1.4.0.tar.gz"], "-C", _temp["unpacked"]).EnsureSuccess("tar -x");
        Assert.That(File.ReadAllText(_temp["unpacked/web-1.4.0/install/site-token"]), Does.Contain(Marker));
        Assert.That(File.ReadAllText(_temp["unpacked/web-1.4.0/install/ks/kickstart.cfg"]), Does.Contain("rootpw " + RootPassword));
    }

    /// <summary>The demo's recipe on the copies of its media (the kickstart CD replaced by <paramref name="kickstartCd"/>).</summary>
    private string WriteRecipe(string? kickstartCd = null)
    {
        var text = RecipeText.Valid(_temp["media"]);
        text = kickstartCd is null ? text : text.Replace(_temp["media/acme-ks-cd"] + "\n", _temp[kickstartCd] + "\n", StringComparison.Ordinal);
        return Path.Combine(RecipeText.Write(_temp, text), RecipeLoader.FileName);
    }
}
