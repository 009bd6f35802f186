using System.Text;
using XenBundle.Bundling;
using XenBundle.Kickstart;
using XenBundle.Kickstart.Rewriters;
using XenBundle.Kickstart.Syntax;
using XenBundle.Model;
using XenBundle.Reporting;

namespace XenBundle.Tests.Kickstart;

/// <summary>Passwords in a kickstart: a plain-text one is a warning; reports show every one masked.</summary>
[Category(TestCategories.Unit)]
public sealed class KickstartSecretsTests
{
    [TestCase("rootpw hunter2\n", OsRelease.El5, "rootpw")]
    [TestCase("rootpw --plaintext hunter2\n", OsRelease.El6, "rootpw")]
    [TestCase("user --name=ops --password=hunter2\n", OsRelease.El6, "user")]
    [TestCase("user --name=ops --password hunter2\n", OsRelease.El7, "user")]
    [TestCase("sshpw --username=install hunter2\n", OsRelease.El7, "sshpw")]
    [TestCase("bootloader --location=mbr --password=hunter2\n", OsRelease.El7, "bootloader")]
    public void A_password_in_plain_text_is_a_warning_that_does_not_print_it(string line, OsRelease os, string command)
    {
        var result = KickstartFixtures.Apply(new PlainTextPasswordChecker(), line, os);

        Assert.That(result.Messages(), Is.EqualTo(new[] { $"ks.cfg:1: {command} gives a password in plain text: it is readable in the bundle, on the NFS export and in the guest's /root/anaconda-ks.cfg; give a hash with --iscrypted (openssl passwd -6)" }));
        Assert.That(result.Messages().Single(), Does.Not.Contain("hunter2"));
    }

    [TestCase("rootpw --iscrypted $6$salt$hash\n", OsRelease.El5)]
    [TestCase("rootpw --lock\n", OsRelease.El7)]
    [TestCase("user --name=ops --iscrypted --password=$6$salt$hash\n", OsRelease.El7)]
    [TestCase("bootloader --location=mbr --md5pass=$1$salt$hash\n", OsRelease.El5)]
    [TestCase("bootloader --location=mbr --md5=$1$salt$hash\n", OsRelease.El5)]
    [TestCase("rootpw --iscrypt $6$salt$hash\n", OsRelease.El5)]
    [TestCase("bootloader --iscrypted --password=grub.pbkdf2.sha512.10000.AB\n", OsRelease.El7)]
    [TestCase("network --bootproto=dhcp\n", OsRelease.El7)]
    public void A_crypted_password_or_none_is_not_a_warning(string line, OsRelease os) =>
        Assert.That(KickstartFixtures.Apply(new PlainTextPasswordChecker(), line, os).Messages(), Is.Empty);

    [Test]
    public void The_whole_rewrite_warns_of_a_plain_text_root_password()
    {
        var result = KickstartFixtures.Transform("install\ncdrom\nrootpw hunter2\n", OsRelease.El5, allowInteractive: true);

        Assert.That(result.Warnings.Select(w => w.ToString()), Has.One.StartWith("ks.cfg:3: rootpw gives a password in plain text"));
    }

    [TestCase("rootpw hunter2\n", "rootpw ********\n")]
    [TestCase("rootpw   --plaintext 'hunter 2' # the old one\n", "rootpw   --plaintext ******** # the old one\n")]
    [TestCase("rootpw --iscrypted $6$salt$hash\n", "rootpw --iscrypted ********\n")]
    [TestCase("rootpw \\\n    hunter2\n", "rootpw \\\n    ********\n")]
    [TestCase("user --name=ops --password=\"hunter2\" --groups=wheel\n", "user --name=ops --password=******** --groups=wheel\n")]
    [TestCase("bootloader --append=\"quiet\" --md5pass=$1$x$y\n", "bootloader --append=\"quiet\" --md5pass=********\n")]
    [TestCase("%post\necho \"unterminated\nrootpw x\n", "%post\necho \"unterminated\nrootpw ********\n")]
    public void Masking_replaces_the_passwords_and_keeps_every_other_byte(string text, string masked) =>
        Assert.That(KickstartSecrets.Mask(text, KickstartDialect.For(OsRelease.El7)), Is.EqualTo(masked));

    // One case per option of the kickstart reference that holds a secret (KickstartSecrets
    // lists them with their commands), in the spellings the installer accepts.
    [TestCase("vnc --password=S3cr3t\n", OsRelease.El6, "vnc --password=********\n")]
    [TestCase("vnc --password S3cr3t\n", OsRelease.El8, "vnc --password ********\n")]
    [TestCase("vnc --password --S3cr3t\n", OsRelease.El7, "vnc --password ********\n")]
    [TestCase("part /home --ondisk=sda --encrypted --passphrase=S3cr3t\n", OsRelease.El6, "part /home --ondisk=sda --encrypted --passphrase=********\n")]
    [TestCase("part /home --encrypted --passphrase S3cr3t --ondisk=sda\n", OsRelease.El8, "part /home --encrypted --passphrase ******** --ondisk=sda\n")]
    [TestCase("logvol /home --vgname=vg --name=home --size=100 --encrypted --passphrase \"S3 cr3t\"\n", OsRelease.El7, "logvol /home --vgname=vg --name=home --size=100 --encrypted --passphrase ********\n")]
    [TestCase("raid / --level=1 --device=md0 --encrypted --passphrase=S3cr3t raid.01 raid.02\n", OsRelease.El7, "raid / --level=1 --device=md0 --encrypted --passphrase=******** raid.01 raid.02\n")]
    [TestCase("autopart --encrypted --passphrase=S3cr3t --backuppassphrase\n", OsRelease.El7, "autopart --encrypted --passphrase=******** --backuppassphrase\n")]
    [TestCase("part / --hw-passphrase=S3cr3t\n", OsRelease.El9, "part / --hw-passphrase=********\n")]
    [TestCase("autopart --encrypted --escrowcert=http://ops:S3cr3t@certs.example/escrow.pem\n", OsRelease.El7, "autopart --encrypted --escrowcert=http://********@certs.example/escrow.pem\n")]
    [TestCase("network --device=wlan0 --essid=office --wpakey=S3cr3t\n", OsRelease.El7, "network --device=wlan0 --essid=office --wpakey=********\n")]
    [TestCase("network --device=wlan0 --essid=office --wepkey S3cr3t\n", OsRelease.El5, "network --device=wlan0 --essid=office --wepkey ********\n")]
    [TestCase("sshpw --username=install --plaintext S3cr3t\n", OsRelease.El7, "sshpw --username=install --plaintext ********\n")]
    [TestCase("iscsi --ipaddr=10.0.0.1 --user=u --password=S3cr3t --reverse-user=r --reverse-password S3cr3t\n", OsRelease.El6, "iscsi --ipaddr=10.0.0.1 --user=u --password=******** --reverse-user=r --reverse-password ********\n")]
    [TestCase("rhsm --organization=acme --activation-key=S3cr3t --proxy=http://u:S3cr3t@proxy.example:3128\n", OsRelease.El8, "rhsm --organization=acme --activation-key=******** --proxy=http://********@proxy.example:3128\n")]
    [TestCase("realm join --one-time-password=S3cr3t ad.example.com\n", OsRelease.El7, "realm join --one-time-password=******** ad.example.com\n")]
    [TestCase("realm join --no-password ad.example.com\n", OsRelease.El7, "realm join --no-password ad.example.com\n")]
    [TestCase("authconfig --enablewinbind --winbindjoin=Administrator%S3cr3t\n", OsRelease.El5, "authconfig --enablewinbind --winbindjoin=********\n")]
    [TestCase("auth --enableldap --ldapbindpassword S3cr3t\n", OsRelease.El6, "auth --enableldap --ldapbindpassword ********\n")]
    [TestCase("key S3cr3t-1234\n", OsRelease.El5, "key ********\n")]
    [TestCase("key --skip\n", OsRelease.El5, "key --skip\n")]
    [TestCase("url --url=http://u:S3cr3t@mirror.example/os --proxy=u:S3cr3t@proxy.example:3128\n", OsRelease.El7, "url --url=http://********@mirror.example/os --proxy=********@proxy.example:3128\n")]
    [TestCase("url --url http://u:p@S3cr3t@mirror.example/os\n", OsRelease.El5, "url --url http://********@mirror.example/os\n")]
    [TestCase("url --mirrorlist=https://u:S3cr3t@mirrors.example/?repo=os\n", OsRelease.El8, "url --mirrorlist=https://********@mirrors.example/?repo=os\n")]
    [TestCase("repo --name=extras --baseurl=\"https://u:S3cr3t@repo.example/el7\" --proxy http://u:S3cr3t@proxy:3128\n", OsRelease.El7, "repo --name=extras --baseurl=\"https://********@repo.example/el7\" --proxy http://********@proxy:3128\n")]
    [TestCase("repo --name=x --metalink=https://u:S3cr3t@m.example/metalink\n", OsRelease.El8, "repo --name=x --metalink=https://********@m.example/metalink\n")]
    [TestCase("liveimg --url=http://u:S3cr3t@img.example/root.img --proxy=http://p:S3cr3t@proxy:3128\n", OsRelease.El7, "liveimg --url=http://********@img.example/root.img --proxy=http://********@proxy:3128\n")]
    [TestCase("ostreesetup --osname=rhel --remote=r --url=https://u:S3cr3t@ostree.example/repo --ref=rhel/8\n", OsRelease.El8, "ostreesetup --osname=rhel --remote=r --url=https://********@ostree.example/repo --ref=rhel/8\n")]
    [TestCase("ostreecontainer --url=u:S3cr3t@registry.example/os:9\n", OsRelease.El9, "ostreecontainer --url=********@registry.example/os:9\n")]
    [TestCase("updates http://u:S3cr3t@updates.example/updates.img\n", OsRelease.El7, "updates http://********@updates.example/updates.img\n")]
    [TestCase("driverdisk --source=nfs://u:S3cr3t@dd.example/dd.img\n", OsRelease.El6, "driverdisk --source=nfs://********@dd.example/dd.img\n")]
    [TestCase("%ksappend http://u:S3cr3t@ks.example/extra.cfg\n", OsRelease.El7, "%ksappend http://********@ks.example/extra.cfg\n")]
    [TestCase("%post\nwget -q \"http://u:S3cr3t@files.example/x\n%end\n", OsRelease.El7, "%post\nwget -q \"http://********@files.example/x\n%end\n")]
    [TestCase("rdp --username=u --password=S3cr3t\n", OsRelease.El9, "rdp --username=u --password=********\n")]
    [TestCase("url --url=http://mirror.example/os\n", OsRelease.El7, "url --url=http://mirror.example/os\n")]
    public void Every_secret_of_the_kickstart_reference_is_masked(string text, OsRelease os, string masked)
    {
        var result = KickstartSecrets.Mask(text, KickstartDialect.For(os));

        Assert.That(result, Is.EqualTo(masked));
        Assert.That(result, Does.Not.Contain("S3cr3t"));
    }

    // The installer's parsers take any unambiguous beginning of an option (optparse on
    // EL5-EL7, argparse abbreviations later), and kickstarts keep old commands commented
    // out; the rewrite disables a second install method behind a label.
    [TestCase("vnc --pass=S3cr3t\n", OsRelease.El5, "vnc --pass=********\n")]
    [TestCase("user --name=bob --pass=S3cr3t\n", OsRelease.El6, "user --name=bob --pass=********\n")]
    [TestCase("bootloader --location=mbr --md5=S3cr3t\n", OsRelease.El5, "bootloader --location=mbr --md5=********\n")]
    [TestCase("part /x --size=1 --encrypted --passp=S3cr3t\n", OsRelease.El6, "part /x --size=1 --encrypted --passp=********\n")]
    [TestCase("network --device=wlan0 --wpa=S3cr3t\n", OsRelease.El7, "network --device=wlan0 --wpa=********\n")]
    [TestCase("url --url=http://mirror/x --prox=user:S3cr3t@p:3128\n", OsRelease.El5, "url --url=http://mirror/x --prox=********@p:3128\n")]
    [TestCase("#rootpw S3cr3t\n", OsRelease.El5, "#rootpw ********\n")]
    [TestCase("  # old: vnc --password=S3cr3t\n", OsRelease.El7, "  # old: vnc --password=********\n")]
    [TestCase("# xenbundle-disabled: url --url=http://mirror/x --proxy=user:S3cr3t@p:3128\n", OsRelease.El5, "# xenbundle-disabled: url --url=http://mirror/x --proxy=********@p:3128\n")]
    [TestCase("# a comment that says \"password\n", OsRelease.El7, "# a comment that says \"password\n")]
    public void Abbreviated_options_and_commented_out_commands_are_masked_too(string text, OsRelease os, string masked) =>
        Every_secret_of_the_kickstart_reference_is_masked(text, os, masked);

    // A commented-out or disabled command may be continued with a backslash: its second line
    // holds options of the first line's command. A comment whose quotes do not balance, or
    // that starts with more than one '#', is still masked as the command it holds.
    [TestCase("#url --url=http://mirror/x \\\n#  --proxy=user:S3cr3t@p:3128\n", OsRelease.El5, "#url --url=http://mirror/x \\\n#  --proxy=********@p:3128\n")]
    [TestCase("# xenbundle-disabled: url --url=http://mirror/x \\\n# xenbundle-disabled:   --proxy user:S3cr3t@p:3128\n", OsRelease.El6, "# xenbundle-disabled: url --url=http://mirror/x \\\n# xenbundle-disabled:   --proxy ********@p:3128\n")]
    [TestCase("#user --name=bob \\\n#     --password S3cr3t\n", OsRelease.El7, "#user --name=bob \\\n#     --password ********\n")]
    [TestCase("#rootpw \\\n# S3cr3t\n", OsRelease.El5, "#rootpw \\\n# ********\n")]
    [TestCase("#rootpw Bob's-S3cr3t\n", OsRelease.El5, "#rootpw ********\n")]
    [TestCase("## rootpw S3cr3t\n", OsRelease.El7, "## rootpw ********\n")]
    [TestCase("#  #  rootpw --iscrypted $1$S3cr3t\n", OsRelease.El6, "#  #  rootpw --iscrypted ********\n")]
    [TestCase("#vnc --password=\"two S3cr3t words\" --port=5901\n", OsRelease.El6, "#vnc --password=******** --port=5901\n")]
    [TestCase("rootpw \"S3cr3t\n", OsRelease.El5, "rootpw ********\n")]
    [TestCase("#sshpw --username=x \\\nrootpw --plaintext S3cr3t\n", OsRelease.El7, "#sshpw --username=x \\\nrootpw --plaintext ********\n")]
    public void Continued_and_unreadable_commented_commands_are_masked_too(string text, OsRelease os, string masked) =>
        Every_secret_of_the_kickstart_reference_is_masked(text, os, masked);

    [Test]
    public void Url_credentials_are_masked_in_linear_time_whatever_the_text()
    {
        var letters = new string('a', 1 << 20);
        var separators = string.Concat(Enumerable.Repeat("a://", 1 << 18));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.That(UrlCredentials.MaskIn(letters), Is.SameAs(letters));
        Assert.That(UrlCredentials.MaskIn(separators + "u:p@h"), Is.EqualTo(separators + "********@h"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void A_passphrase_on_a_rewritten_line_is_masked_on_both_diff_lines_and_urls_in_reasons_and_warnings_too()
    {
        const string Source = "install\nurl --url=http://u:S3cr3t@mirror.example/centos/5/os/i386\n"
            + "part /home --size=100 --ondisk=sda --encrypted --passphrase=S3cr3t\n"
            + "logvol /srv --name=srv --vgname=vg --size=64 --encrypted --passphrase S3cr3t\n"
            + "repo --name=local --baseurl=file://u:S3cr3t@/mnt/extras\nvnc --password=S3cr3t\n";
        var result = KickstartFixtures.Transform(Source, OsRelease.El5, allowInteractive: true);

        var report = KickstartReport.Describe(result, "ks.cfg");
        var log = result.Changes.Select(c => KickstartReport.Describe(c, result.Dialect)).Concat(result.Warnings.Select(KickstartReport.Describe)).ToList();

        Assert.That(result.Diff, Does.Contain("S3cr3t"), "the exact diff, which patch applies, has them");
        Assert.That(report, Does.Not.Contain("S3cr3t")
            .And.Contain("-part /home --size=100 --ondisk=sda --encrypted --passphrase=********\n")
            .And.Contain("+part /home --size=100 --ondisk=xvda --encrypted --passphrase=********\n")
            .And.Contain("-url --url=http://********@mirror.example/centos/5/os/i386\n"));
        Assert.That(log, Has.None.Contain("S3cr3t"));
        Assert.That(log, Has.One.Contain("repo --baseurl=file://********@/mnt/extras points at local media"));
    }

    [Test]
    public void The_report_shows_the_diff_with_the_password_masked_and_the_same_hunks()
    {
        // rootpw is within the context of the cdrom line that changes.
        var result = KickstartFixtures.Transform("install\ncdrom\nrootpw hunter2\nlang en_US.UTF-8\n", OsRelease.El5, allowInteractive: true);

        var report = KickstartReport.Describe(result, "ks.cfg");

        Assert.That(result.Diff, Does.Contain(" rootpw hunter2\n"), "the exact diff, which patch applies, has it");
        Assert.That(report, Does.Not.Contain("hunter2").And.Contain(" rootpw ********\n"));
        Assert.That(result.MaskedDiff.Split('\n').Length, Is.EqualTo(result.Diff.Split('\n').Length));
    }

    [Test]
    public void Release_notes_show_a_changed_password_as_such_without_either_password()
    {
        var notes = Notes("install\nrootpw oldsecret\n"u8.ToArray(), "install\nrootpw newsecret\n"u8.ToArray());

        Assert.That(notes, Does.Contain("Only a password changed (passwords are not shown).").And.Not.Contain("oldsecret").And.Not.Contain("newsecret"));
    }

    [Test]
    public void Release_notes_mask_the_passwords_in_the_kickstart_diff()
    {
        var notes = Notes(Encoding.ASCII.GetBytes("install\nrootpw oldsecret\nlang C\n"), Encoding.ASCII.GetBytes("install\nrootpw newsecret\nlang en_US\n"));

        Assert.That(notes, Does.Contain("+lang en_US").And.Contain(" rootpw ********").And.Not.Contain("oldsecret").And.Not.Contain("newsecret"));
    }

    /// <summary>The release notes between two bundles whose only difference is the kickstart.</summary>
    private static string Notes(byte[] before, byte[] after)
    {
        const string Path = "install/ks/kickstart.cfg";
        var previous = new PreviousBundle("web-1.0.0.tar.gz", Manifest("1.0.0", before), new Dictionary<string, byte[]> { [Path] = before });
        return ReleaseNotes.Describe(previous, Manifest("1.1.0", after), p => p == Path ? after : null, XenBundle.Kickstart.Transform.UnifiedDiff.Create, t => KickstartSecrets.Mask(t, KickstartDialect.For(OsRelease.El5)));
    }

    private static BundleManifest Manifest(string version, byte[] kickstart) => new()
    {
        Name = "web",
        Version = version,
        Inputs = [],
        Files = [new ManifestFile { Path = "install/ks/kickstart.cfg", Type = "file", Size = kickstart.Length, Mode = "0644", Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(kickstart)) }],
    };
}
