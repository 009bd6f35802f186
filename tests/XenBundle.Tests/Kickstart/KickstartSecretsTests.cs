using System.Text;
using XenBundle.Bundling;
using XenBundle.Kickstart;
using XenBundle.Kickstart.Rewriters;
using XenBundle.Kickstart.Syntax;
using XenBundle.Recipes;
using XenBundle.Reporting;

namespace XenBundle.Tests.Kickstart;

/// <summary>Passwords in a kickstart: a plain-text one is a warning; reports show every one masked.</summary>
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
    [TestCase("bootloader --iscrypted --password=grub.pbkdf2.sha512.10000.AB\n", OsRelease.El7)]
    [TestCase("network --bootproto=dhcp\n", OsRelease.El7)]
    public void A_crypted_password_or_none_is_not_a_warning(string line, OsRelease os) =>
        Assert.That(KickstartFixtures.Apply(new PlainTextPasswordChecker(), line, os).Messages(), Is.Empty);

    [Test]
    public void The_whole_rewrite_warns_of_a_plain_text_root_password()
    {
        var result = KickstartFixtures.Transform("install\ncdrom\nrootpw hunter2\n", OsRelease.El5);

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

    [Test]
    public void The_report_shows_the_diff_with_the_password_masked_and_the_same_hunks()
    {
        // rootpw is within the context of the cdrom line that changes.
        var result = KickstartFixtures.Transform("install\ncdrom\nrootpw hunter2\nlang en_US.UTF-8\n", OsRelease.El5);

        var report = KickstartReport.Describe(result, "ks.cfg");

        Assert.That(result.Diff, Does.Contain(" rootpw hunter2\n"), "the exact diff, which patch applies, has it");
        Assert.That(report, Does.Not.Contain("hunter2").And.Contain(" rootpw ********\n"));
        Assert.That(result.MaskedDiff.Split('\n').Length, Is.EqualTo(result.Diff.Split('\n').Length));
    }

    [Test]
    public void Release_notes_show_a_changed_password_as_such_without_either_password()
    {
        var previous = new PreviousBundle("web-1.0.0.tar.gz", Manifest("1.0.0"), "install\nrootpw oldsecret\n"u8.ToArray());

        var notes = ReleaseNotes.Describe(previous, Manifest("1.1.0"), "install\nrootpw newsecret\n"u8.ToArray(), XenBundle.Kickstart.Transform.UnifiedDiff.Create);

        Assert.That(notes, Does.Contain("Only a password changed (passwords are not shown).").And.Not.Contain("oldsecret").And.Not.Contain("newsecret"));
    }

    [Test]
    public void Release_notes_mask_the_passwords_in_the_kickstart_diff()
    {
        var previous = new PreviousBundle("web-1.0.0.tar.gz", Manifest("1.0.0"), Encoding.ASCII.GetBytes("install\nrootpw oldsecret\nlang C\n"));

        var notes = ReleaseNotes.Describe(previous, Manifest("1.1.0"), Encoding.ASCII.GetBytes("install\nrootpw newsecret\nlang en_US\n"), XenBundle.Kickstart.Transform.UnifiedDiff.Create);

        Assert.That(notes, Does.Contain("+lang en_US").And.Contain(" rootpw ********").And.Not.Contain("oldsecret").And.Not.Contain("newsecret"));
    }

    private static BundleManifest Manifest(string version) => new() { Name = "web", Version = version, Inputs = [] };
}
