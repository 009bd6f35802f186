using XenBundle.Model;
using XenBundle.Recipes;
using XenBundle.Repository;
using XenBundle.Tests.Support;
using XenBundle.Tree;

namespace XenBundle.Tests.RepositoryMerge;

/// <summary>The MergeRepositories stage on a small CD set: one tree, one repository, the guest's needs checked.</summary>
[TestFixture]
[Category(TestCategories.Tool)]
public sealed class MergeRepositoriesTests
{
    [Test]
    public void The_media_become_one_tree_with_one_repository()
    {
        using var media = new MergeMedia();
        using var pipeline = MergeMedia.Merged(media.Recipe());
        var tree = pipeline.MergedRepository!.CompleteTree();
        var merged = pipeline.MergedRepository!;

        Assert.Multiple(() =>
        {
            Assert.That(merged.Repodata.Packages.Select(p => $"{p.Package.Name}.{p.Package.Arch}"), Is.EquivalentTo(new[]
            {
                "bash.i386", "centos-release.i386", "glibc.i686", "kernel.i686", "openssh-server.i386", "yum.noarch",
                "kernel-xen.i686", "python.i386", "xen-libs.i386", "gamma.noarch",
            }));
            Assert.That(tree.Entries.Where(e => e.Path.Split('/').Contains("repodata")).Select(e => e.Path),
                Is.EquivalentTo(new[] { "repodata", Repodata.RepomdPath }.Concat(merged.Repodata.Files.Select(f => f.Path))));
            Assert.That(tree.Entries.Select(e => e.Path), Has.None.EndsWith("TRANS.TBL").And.None.EqualTo("isolinux/boot.cat"));
            Assert.That(TreeFiles.ReadText(tree, ".discinfo").Split('\n')[3], Is.EqualTo("1,2"));
            Assert.That(TreeFiles.ReadText(tree, ".treeinfo"), Does.Contain("totaldiscs = 1\n").And.Contain("discnum = 1\n").And.Contain("[images-xen]"));
            Assert.That(merged.Comps!.Groups.Select(Comps.IdOf), Is.EqualTo(new[] { "core", "acme" }));
            Assert.That(merged.Comps!.Groups.First().Element("packagelist")!.Elements().Select(p => p.Value), Is.EqualTo(new[] { "bash", "glibc", "kernel-xen" }));
            Assert.That(merged.ChecksumType, Is.EqualTo(ChecksumType.Sha1));
            Assert.That(TreeFiles.ReadText(tree, Repodata.RepomdPath), Does.Contain("<checksum type=\"sha\">").And.Contain("type=\"group_gz\""));
        });
    }

    [Test]
    public void The_same_package_on_two_media_is_kept_once_and_reported()
    {
        using var media = new MergeMedia();
        using var pipeline = MergeMedia.Merged(media.Recipe());
        var duplicate = pipeline.MergedRepository!.Packages.Duplicates.Single();
        var report = pipeline.Report.Render("merge");

        Assert.Multiple(() =>
        {
            Assert.That(duplicate.Nevra, Is.EqualTo("bash-3.2-33.el5_11.4.i386"));
            Assert.That(duplicate.Kept.Origin, Is.EqualTo("CentOS-5.11-i386-disc1:/CentOS/bash-3.2-33.el5_11.4.i386.rpm"));
            Assert.That(duplicate.Dropped.Origin, Is.EqualTo("CentOS-5.11-i386-disc2:/Extras/bash-3.2-33.el5_11.4.i386.rpm"));
            Assert.That(pipeline.MergedRepository!.Tree.Contains("Extras/bash-3.2-33.el5_11.4.i386.rpm"), Is.False);
            Assert.That(report, Does.Contain("## Duplicate packages").And.Contain("| bash-3.2-33.el5_11.4.i386 | CentOS-5.11-i386-disc1:/CentOS/bash"));
            Assert.That(report, Does.Contain("## Packages per medium").And.Contain("| CentOS-5.11-i386-disc2 | 3 | 1 |"));
            Assert.That(report, Does.Contain("## Groups").And.Contain("| acme | acme name | 1 |"));
            Assert.That(report, Does.Contain("| .discinfo | CentOS-5.11-i386-disc1:/.discinfo | CentOS-5.11-i386-disc2:/.discinfo |"));
            Assert.That(report, Does.Not.Contain("| repodata/"), "old repodata is replaced, not a conflict");
        });
    }

    [Test]
    public void The_same_nevra_with_other_content_is_an_error_naming_both_media()
    {
        using var media = new MergeMedia();
        RpmFixtures.MakeRpm(Path.Combine(media.KickstartCd, "RPMS"), "1500000000", "bash", "3.2", "33.el5_11.4", "i386", "FILE:/bin/bash:0755:#!rebuilt bash");
        var error = MergeMedia.MergeError(media.Recipe());

        Assert.That(error.Location, Is.EqualTo("acme-ks-cd:/RPMS/bash-3.2-33.el5_11.4.i386.rpm"));
        Assert.That(error.Message, Does.StartWith("bash-3.2-33.el5_11.4.i386 differs").And.Contain("CentOS-5.11-i386-disc1:/CentOS/bash-3.2-33.el5_11.4.i386.rpm"));
    }

    [Test]
    public void Without_the_disc_that_has_kernel_xen_an_el5_xen_pv_guest_fails()
    {
        using var media = new MergeMedia();
        var error = MergeMedia.MergeError(media.Recipe(discs: [media.Disc1]));

        Assert.That(error.Message, Does.StartWith("kernel-xen for i386 (i386/i486/i586/i686/athlon/geode/pentium3/pentium4) is not in the merged repository"));
        Assert.That(error.Location, Is.EqualTo("CentOS-5.11-i386-disc1 + acme-ks-cd"));
    }

    [Test]
    public void A_recipe_os_that_contradicts_the_media_is_an_error_naming_the_key()
    {
        using var media = new MergeMedia();
        using var pipeline = MergeMedia.Pipeline(media.Recipe(os: "el6", discs: [media.Disc1]));

        var error = Assert.Throws<XenBundleException>(pipeline.ExtractMedia)!;

        Assert.That(error.ExitCodeValue, Is.EqualTo(ExitCode.BadUsage));
        Assert.That(error.Location, Does.Match(@"recipe\.yaml:3$"));
        Assert.That(error.Message, Does.StartWith("os: el6 contradicts the media, which are el5 (version 5.11 in .treeinfo of CentOS-5.11-i386-disc1)"));
    }

    [Test]
    public void The_release_is_detected_from_the_media_when_the_recipe_has_none()
    {
        using var media = new MergeMedia();
        using var pipeline = MergeMedia.Merged(media.Recipe(os: null));

        Assert.That(pipeline.Extracted!.DetectedOs, Is.EqualTo(OsRelease.El5));
        Assert.That(pipeline.Os, Is.EqualTo(OsRelease.El5));
        Assert.That(pipeline.Report.Warnings, Is.Empty);
    }

    [TestCase("images/xen/vmlinuz", "CentOS-5.11-i386-disc1:/images/xen/vmlinuz", "missing: .treeinfo [images-xen] names it as the kernel")]
    [TestCase("images/xen/initrd.img", "CentOS-5.11-i386-disc1:/images/xen/initrd.img", "missing: .treeinfo [images-xen] names it as the initrd")]
    [TestCase(".treeinfo", "CentOS-5.11-i386-disc1", "no .treeinfo at the root of the install tree")]
    public void A_xen_pv_tree_without_its_xen_boot_files_fails_before_packages_are_read(string missing, string location, string message)
    {
        using var media = new MergeMedia();
        File.Delete(Path.Combine(media.Disc1, missing));
        var error = MergeMedia.MergeError(media.Recipe());

        Assert.That(error.Location, Is.EqualTo(location));
        Assert.That(error.Message, Does.StartWith(message));
    }

    [Test]
    public void A_treeinfo_without_images_xen_fails()
    {
        using var media = new MergeMedia();
        var treeinfo = Path.Combine(media.Disc1, ".treeinfo");
        File.WriteAllText(treeinfo, File.ReadAllText(treeinfo).Replace("[images-xen]", "[images-other]", StringComparison.Ordinal));
        var error = MergeMedia.MergeError(media.Recipe());

        Assert.That(error.ErrorLine, Does.StartWith("error: CentOS-5.11-i386-disc1:/.treeinfo: no [images-xen] section"));
    }

    [Test]
    public void A_corrupt_package_is_an_error_naming_medium_path_and_offset()
    {
        using var media = new MergeMedia();
        File.WriteAllBytes(Path.Combine(media.Disc2, "CentOS", "broken-1-1.i386.rpm"), File.ReadAllBytes(RpmFixtures.Beta)[..1000]);
        var error = MergeMedia.MergeError(media.Recipe());

        Assert.That(error.ErrorLine, Does.StartWith("error: CentOS-5.11-i386-disc2:/CentOS/broken-1-1.i386.rpm: offset 1000: file ends inside"));
    }

    [Test]
    public void Dnf_reads_the_merged_tree_offline_with_exactly_its_packages_and_groups()
    {
        using var media = new MergeMedia();
        using var pipeline = MergeMedia.Merged(media.Recipe());
        var directory = TreeFiles.Write(pipeline.MergedRepository!.CompleteTree(), media["tree"]);

        Assert.That(Dnf.Query(directory, "repoquery", "--qf", "%{name}-%{evr}.%{arch}"), Is.EqualTo(new[]
        {
            "bash-3.2-33.el5_11.4.i386", "centos-release-5-11.el5.centos.i386", "gamma-3.1-1.noarch", "glibc-2.5-123.el5_11.3.i686",
            "kernel-2.6.18-419.el5.i686", "kernel-xen-2.6.18-419.el5.i686", "openssh-server-4.3p2-82.el5.i386",
            "python-2.4.3-56.el5.i386", "xen-libs-3.0.3-148.el5.i386", "yum-3.2.22-40.el5.centos.noarch",
        }));
        Assert.That(Dnf.Query(directory, "group", "list", "--hidden"), Is.EqualTo(new[] { "Available Groups:", "acme name", "core name" }));
        Assert.That(Dnf.Query(directory, "repoquery", "--requires", "gamma"), Is.EqualTo(new[] { "/bin/sh", "alpha >= 2:1.0" }));
    }
}
