using Cake.XenBundle;
using XenBundle.Bundling;
using XenBundle.Media;
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
    private const string KickstartSecret = "XB-KS-SECRET-3e9a";

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory("secrets");
        RecipeText.CopyDemoMedia(_temp);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Category(TestCategories.Tool)]
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

    [Category(TestCategories.Tool)]
    [TestCase("0644", "0644")]
    [TestCase("0444", "0644")]
    [TestCase("0755", "0644")]
    [TestCase("0640", "0640")]
    [TestCase("0600", "0600")]
    [TestCase("0400", "0600")]
    public void The_transformed_kickstart_is_readable_by_no_one_the_source_was_not(string source, string bundled) =>
        Assert.That(UnixMode.Format(BundleLayout.KickstartMode(UnixMode.Parse(source))), Is.EqualTo(bundled));

    [Category(TestCategories.EndToEnd)]
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

    [Category(TestCategories.EndToEnd)]
    [Test]
    public void Every_kind_of_kickstart_secret_reaches_no_report_log_manifest_or_release_notes()
    {
        var kickstart = Path.Combine(_temp["media/acme-ks-cd"], "ks.cfg");
        var original = File.ReadAllText(kickstart);
        File.WriteAllText(kickstart, WithSecrets(original, "first", "100"));
        var first = BuildScript.Run([$"--recipe={WriteRecipe()}", $"--artifacts={_temp["v1"]}", "--verbosity=diagnostic"], _temp.Path).EnsureSuccess("first build");

        // The next release changes the encrypted partition and every secret; its report compares with the first.
        File.WriteAllText(kickstart, WithSecrets(original, "second", "200"));
        var recipe = RecipeText.Write(_temp, RecipeText.Valid(_temp["media"]).Replace("version: 1.4.0", "version: 1.5.0", StringComparison.Ordinal), "recipe2");
        var second = BuildScript.Run([$"--recipe={Path.Combine(recipe, RecipeLoader.FileName)}", $"--artifacts={_temp["v2"]}", $"--previous={_temp["v1/web-1.4.0.tar.gz"]}", "--verbosity=diagnostic"], _temp.Path)
            .EnsureSuccess("second build");

        var reports = new[] { File.ReadAllText(_temp["v1/web-1.4.0.report.md"]), File.ReadAllText(_temp["v2/web-1.5.0.report.md"]) };
        var printed = new Dictionary<string, string>
        {
            ["the first log"] = first.Output + first.Error,
            ["the second log"] = second.Output + second.Error,
            ["the first report"] = reports[0],
            ["the second report, with its release notes"] = reports[1],
            ["the first manifest"] = File.ReadAllText(_temp["v1/web-1.4.0.manifest.json"]),
            ["the second manifest"] = File.ReadAllText(_temp["v2/web-1.5.0.manifest.json"]),
        };
        Assert.Multiple(() =>
        {
            foreach (var (where, text) in printed)
            {
                Assert.That(text, Does.Not.Contain(KickstartSecret), where);
            }

            Assert.That(reports[0], Does.Contain("-part /home --size=100 --ondisk=sda --encrypted --passphrase=********\n")
                .And.Contain("+part /home --size=100 --ondisk=xvda --encrypted --passphrase=********\n")
                .And.Contain("-url --url=http://********@mirror.example/centos/5/os/i386\n"));
            Assert.That(reports[1], Does.Contain("## Changes since 1.4.0")
                .And.Contain("-part /home --size=100 --ondisk=xvda --encrypted --passphrase=********\n")
                .And.Contain("+part /home --size=200 --ondisk=xvda --encrypted --passphrase=********\n"));
            Assert.That(first.Output, Does.Contain("repo --baseurl=file://********@/mnt/extras points at local media"));
        });

        // In the bundle, for the guest, they are whole.
        Directory.CreateDirectory(_temp["unpacked"]);
        Tool.Run("tar", "-xzf", _temp["v2/web-1.5.0.tar.gz"], "-C", _temp["unpacked"]).EnsureSuccess("tar -x");
        Assert.That(File.ReadAllText(_temp["unpacked/web-1.5.0/install/ks/kickstart.cfg"]), Does.Contain($"--passphrase={KickstartSecret}-second-part"));
    }

    /// <summary>
    /// The demo's kickstart with a secret in every place an EL5 kickstart has one, most of
    /// them on or next to a line the rewrite changes, so that the diffs show them.
    /// </summary>
    private static string WithSecrets(string kickstart, string round, string homeSize)
    {
        var secret = $"{KickstartSecret}-{round}";
        var edits = new (string Line, string With)[]
        {
            ("\ncdrom\n", $"\nurl --url=http://mirror:{secret}-url@mirror.example/centos/5/os/i386\n"),
            ("network --device eth0 --bootproto dhcp\n", $"network --device eth0 --bootproto dhcp --wepkey {secret}-wep\n"),
            ("bootloader --location=mbr", $"bootloader --md5pass={secret}-md5 --location=mbr"),
            ("part pv.2 --size=0 --grow --ondisk=sda\n", $"part pv.2 --size=0 --grow --ondisk=sda\npart /home --size={homeSize} --ondisk=sda --encrypted --passphrase={secret}-part\n"),
            ("--size=512\n", $"--size=512\nlogvol /srv --fstype ext3 --name=LogVol02 --vgname=VolGroup00 --size=64 --encrypted --passphrase {secret}-logvol\n"),
            ("reboot\n", $"vnc --password={secret}-vnc\nrepo --name=extras --baseurl=file://u:{secret}-repo@/mnt/extras\nkey {secret}-key\nreboot\n"),
            ("umount /mnt/cdrom\n", $"umount /mnt/cdrom\nwget -q http://u:{secret}-wget@files.example/site.tgz\n"),
        };
        foreach (var (line, with) in edits)
        {
            Assert.That(kickstart, Does.Contain(line), "the demo's kickstart changed");
            kickstart = kickstart.Replace(line, with, StringComparison.Ordinal);
        }

        return kickstart;
    }

    /// <summary>The demo's recipe on the copies of its media (the kickstart CD replaced by <paramref name="kickstartCd"/>).</summary>
    private string WriteRecipe(string? kickstartCd = null)
    {
        var text = RecipeText.Valid(_temp["media"]);
        text = kickstartCd is null ? text : text.Replace(_temp["media/acme-ks-cd"] + "\n", _temp[kickstartCd] + "\n", StringComparison.Ordinal);
        return Path.Combine(RecipeText.Write(_temp, text), RecipeLoader.FileName);
    }
}
