using System.Text;
using XenBundle.Kickstart;
using XenBundle.Kickstart.Rewriters;
using XenBundle.Model;

namespace XenBundle.Tests.Kickstart;

/// <summary>Rule 1: the install method becomes the Dom0's NFS export.</summary>
[Category(TestCategories.Unit)]
public sealed class InstallMethodRewriterTests
{
    private static readonly InstallMethodRewriter Rule = new();

    [Test]
    public void Cdrom_becomes_nfs_in_place_keeping_its_comment_and_indentation()
    {
        var result = KickstartFixtures.Apply(Rule, "install\n  cdrom   # from the CD\nlang en_US\n", OsRelease.El5);

        Assert.That(result.Text(), Is.EqualTo("install\n  nfs --server=192.168.50.1 --dir=/var/xen/install   # from the CD\nlang en_US\n"));
        var change = result.Changes.Single();
        Assert.That((change.Line.ToString(), change.Before, change.After), Is.EqualTo(("ks.cfg:2", "  cdrom   # from the CD", "  nfs --server=192.168.50.1 --dir=/var/xen/install   # from the CD")));
    }

    [TestCase("url --url=http://mirror.example/centos/7/os/x86_64")]
    [TestCase("nfs --server=10.0.0.5 --dir=/exports/el7 --opts=ro")]
    [TestCase("harddrive --partition=sr0 --dir=/")]
    [TestCase("harddrive --partition=/dev/cdrom --dir=/")]
    [TestCase("harddrive --dir=/ --partition=hdc")]
    public void Network_sources_and_a_harddrive_on_the_cd_become_nfs(string method)
    {
        var result = KickstartFixtures.Apply(Rule, $"{method}\n", OsRelease.El7);
        Assert.That(result.Text(), Is.EqualTo("nfs --server=192.168.50.1 --dir=/var/xen/install\n"));
        Assert.That(result.Warnings, Is.Empty);
    }

    [TestCase("harddrive --partition=sdb1 --dir=/isos", "--partition=sdb1")]
    [TestCase("harddrive --biospart=82p2 --dir=/isos", "--biospart=82p2")]
    public void A_harddrive_source_on_a_disk_becomes_nfs_with_a_warning_the_guest_has_no_such_disk(string method, string where)
    {
        var result = KickstartFixtures.Apply(Rule, $"{method}\n", OsRelease.El6);
        Assert.That(result.Text(), Is.EqualTo("nfs --server=192.168.50.1 --dir=/var/xen/install\n"));
        Assert.That(result.Messages(), Is.EqualTo(new[] { $"ks.cfg:1: harddrive {where} is a disk partition the guest does not have: it installs from the Dom0's NFS tree 192.168.50.1:/var/xen/install instead; check that the recipe's media are the ones that were there" }));
    }

    [TestCase(OsRelease.El7)]
    [TestCase(OsRelease.El9)]
    public void A_liveimg_install_is_kept_and_the_report_says_the_guest_installs_from_the_image(OsRelease os)
    {
        var source = "cdrom\nliveimg --url=http://images.example/el/root.tar --checksum=ab12\nreboot\n";
        var result = KickstartFixtures.Apply(Rule, source, os);

        Assert.That(result.Text(), Is.EqualTo("# xenbundle-disabled: cdrom\nliveimg --url=http://images.example/el/root.tar --checksum=ab12\nreboot\n"));
        Assert.That(result.Text(), Does.Not.Contain("nfs --server"));
        var note = result.Changes.Single(c => c.Line.ToString() == "ks.cfg:2");
        Assert.That(note.Before, Is.EqualTo(note.After), "the line is kept");
        Assert.That(note.Why, Does.StartWith("kept: the guest installs from the image http://images.example/el/root.tar (liveimg)"));
        Assert.That(result.Warnings, Is.Empty);
    }

    [Test]
    public void A_liveimg_install_gets_no_repository_line_for_the_kickstart_cds_packages()
    {
        var source = "liveimg --url=http://images.example/el9/root.tar\nrootpw --iscrypted $6$x\n%packages\n@core\n%end\n";
        var packages = KickstartTransformer.Transform(new KickstartRequest
        {
            Source = Encoding.Latin1.GetBytes(source.Replace("liveimg --url=http://images.example/el9/root.tar", "cdrom", StringComparison.Ordinal)),
            FileName = "ks.cfg",
            Target = KickstartFixtures.Target(OsRelease.El9) with { PackageRepository = "xenbundle" },
            PostInstallFiles = KickstartFixtures.CdFiles,
            AllowInteractive = true,
        });
        Assert.That(packages.Text(), Does.Contain("repo --name=xenbundle"), "a package install gets it");

        var image = KickstartTransformer.Transform(new KickstartRequest
        {
            Source = Encoding.Latin1.GetBytes(source),
            FileName = "ks.cfg",
            Target = KickstartFixtures.Target(OsRelease.El9) with { PackageRepository = "xenbundle" },
            PostInstallFiles = KickstartFixtures.CdFiles,
            AllowInteractive = true,
        });
        Assert.That(image.Text(), Does.Not.Contain("repo --name").And.Not.Contain("nfs --server").And.Contain("liveimg --url=http://images.example/el9/root.tar\n"));
        Assert.That(image.Changes.Select(c => c.Why), Has.Some.StartWith("kept: the guest installs from the image"));
    }

    [Test]
    public void A_second_method_is_disabled_because_two_pass_validation()
    {
        var result = KickstartFixtures.Apply(Rule, "url --url=http://x/os\ncdrom\nreboot\n", OsRelease.El6);
        Assert.That(result.Text(), Is.EqualTo("nfs --server=192.168.50.1 --dir=/var/xen/install\n# xenbundle-disabled: cdrom\nreboot\n"));
        Assert.That(result.Changes, Has.Count.EqualTo(2));
    }

    [Test]
    public void Without_a_method_nfs_is_added_among_the_commands()
    {
        var result = KickstartFixtures.Apply(Rule, "lang en_US\nreboot\n%packages\n@core\n%end\n", OsRelease.El7);
        Assert.That(result.Text(), Is.EqualTo("lang en_US\nreboot\nnfs --server=192.168.50.1 --dir=/var/xen/install\n%packages\n@core\n%end\n"));
        Assert.That(result.Changes.Single().Before, Is.Empty);
    }

    [Test]
    public void The_right_nfs_line_already_there_is_left_alone()
    {
        var result = KickstartFixtures.Apply(Rule, "nfs --server=192.168.50.1 --dir=/var/xen/install\n", OsRelease.El6);
        Assert.That(result.Changes, Is.Empty);
    }

    [Test]
    public void A_repository_on_local_media_is_reported()
    {
        var result = KickstartFixtures.Apply(Rule, "cdrom\nrepo --name=extras --baseurl=file:///mnt/source/extras\nrepo --name=web --baseurl=http://x/y\n", OsRelease.El6);
        Assert.That(result.Messages(), Is.EqualTo(new[] { "ks.cfg:2: repo --baseurl=file:///mnt/source/extras points at local media, which the guest does not have: left as it is" }));
    }
}
