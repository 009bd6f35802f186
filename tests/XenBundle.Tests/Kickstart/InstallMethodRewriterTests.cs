using XenBundle.Kickstart.Rewriters;
using XenBundle.Recipes;

namespace XenBundle.Tests.Kickstart;

/// <summary>Rule 1: the install method becomes the Dom0's NFS export.</summary>
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
    [TestCase("harddrive --partition=sdb1 --dir=/isos")]
    [TestCase("nfs --server=10.0.0.5 --dir=/exports/el7 --opts=ro")]
    [TestCase("liveimg --url=http://x/squashfs.img")]
    public void Any_other_install_method_becomes_nfs_too(string method)
    {
        var result = KickstartFixtures.Apply(Rule, $"{method}\n", OsRelease.El7);
        Assert.That(result.Text(), Is.EqualTo("nfs --server=192.168.50.1 --dir=/var/xen/install\n"));
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
