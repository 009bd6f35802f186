using XenBundle.Kickstart.Rewriters;
using XenBundle.Kickstart.Transform;
using XenBundle.Model;

namespace XenBundle.Tests.Kickstart;

/// <summary>Rule 9: the kickstart names the kickstart CD's own repository (EL8, EL9 trees).</summary>
[Category(TestCategories.Unit)]
public sealed class PackageRepositoryRewriterTests
{
    private static readonly PackageRepositoryRewriter Rule = new();

    private const string Repo = "repo --name=xenbundle --baseurl=nfs://192.168.50.1:/var/xen/install/xenbundle";

    [Test]
    public void The_repository_is_named_among_the_commands_with_the_url_anaconda_mounts()
    {
        var result = Apply("nfs --server=192.168.50.1 --dir=/var/xen/install\nreboot\n%packages\n@core\nacme-tools\n%end\n", "xenbundle");

        Assert.That(result.Text(), Is.EqualTo($"nfs --server=192.168.50.1 --dir=/var/xen/install\nreboot\n{Repo}\n%packages\n@core\nacme-tools\n%end\n"));
        Assert.That(result.Changes.Single().Why, Does.Contain("xenbundle/ of the install tree"));
    }

    [Test]
    public void A_repo_line_of_the_same_name_is_replaced_in_place()
    {
        var result = Apply("  repo --name=xenbundle --baseurl=cdrom:sr0\nrepo --name=extras --baseurl=http://mirror/extras\n", "xenbundle");

        Assert.That(result.Text(), Is.EqualTo($"  {Repo}\nrepo --name=extras --baseurl=http://mirror/extras\n"));
        Assert.That(result.Changes.Single().Line.Number, Is.EqualTo(1));
    }

    [Test]
    public void Without_a_repository_of_its_own_nothing_changes()
    {
        var text = "reboot\n%packages\n@core\n%end\n";
        var result = Apply(text, null);

        Assert.That(result.Text(), Is.EqualTo(text));
        Assert.That(result.Changes, Is.Empty);
    }

    private static RewriteResult Apply(string text, string? repository) =>
        Rule.Rewrite(KickstartFixtures.Parse(text, OsRelease.El9), new RewriteContext
        {
            Target = KickstartFixtures.Target(OsRelease.El9, VirtType.Kvm) with { PackageRepository = repository },
            SourceSha256 = new string('0', 64),
        });
}
