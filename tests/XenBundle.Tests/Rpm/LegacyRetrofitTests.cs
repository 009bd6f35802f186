using XenBundle.Repository;
using XenBundle.Rpm;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Rpm;

/// <summary>
/// Packages read as rpm 4.x reads them, on peers' RPMs from rpm 3.0 to 5.99: source RPMs
/// without the SOURCEPACKAGE tag (every one built before rpm 4.14) are source packages, and
/// an rpm 3 header gets the self-provide rpm 4 adds.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
public sealed class LegacyRetrofitTests
{
    private static string Conformance(string relative) => Path.Combine(Repository.Root, "tests", "conformance", "rpm", relative);

    private static RpmPackage Read(string relative)
    {
        using var file = File.OpenRead(Conformance(relative));
        return RpmPackageReader.Read(file, relative);
    }

    [TestCase("rpmlint/non-utf8-1.0-1.el5.centos.src.rpm")] // rpm 4.4.2.3, build arch x86_64
    [TestCase("createrepo_c-history/Cython-0.17.1-2.el7.src.rpm")] // rpm 4.10.1, ppc
    [TestCase("pulp_rpm/grinder_test_package-10.0-1.fc14.src.rpm")] // rpm 4.8.1, noarch
    [TestCase("rpm-history/hello-1.0-1.src.rpm")] // rpm 4.4.2, i386
    [TestCase("rpm/SRPMS/hello-1.0-1.src.rpm")] // rpm 5.99.90, still without SOURCEPACKAGE
    [TestCase("rpmlint/invalid-spec-name-0-0.src.rpm")] // rpm 4.15.1, with SOURCEPACKAGE
    public void A_source_rpm_is_src_whatever_rpm_built_it(string relative)
    {
        var package = Read(relative);

        Assert.That((package.Arch, package.IsSource, package.SourceRpm), Is.EqualTo(("src", true, (string?)null)));
    }

    [Test]
    public void A_binary_keeps_its_arch_and_source_rpm() =>
        Assert.That(Read("pulp_rpm/grinder_test_package-10.0-1.fc14.noarch.rpm") is { Arch: "noarch", IsSource: false, SourceRpm: "grinder_test_package-10.0-1.fc14.src.rpm" });

    [Test]
    public void A_binary_without_source_rpm_whose_files_have_directories_stays_binary_with_source_rpm_none()
    {
        var bytes = HandMadeRpm.WithFiles("orphan", 1, "/usr/bin/", "orphan");

        var package = RpmPackageReader.Read(new MemoryStream(bytes), "orphan.rpm");

        Assert.That((package.Arch, package.IsSource, package.SourceRpm), Is.EqualTo(("noarch", false, (string?)"(none)")));
    }

    [Test]
    public void A_package_without_source_rpm_holding_bare_file_names_is_a_source_package()
    {
        var bytes = HandMadeRpm.WithFiles("bare", 2, string.Empty, "bare.spec");

        var package = RpmPackageReader.Read(new MemoryStream(bytes), "bare.rpm");

        Assert.That((package.Arch, package.IsSource), Is.EqualTo(("src", true)));
    }

    // rpm splits a list of whole paths into directories for any header, with a region or not,
    // and puts every name into the unnamed directory when the first does not start with '/'.
    [TestCase(false, "hello.spec", "hello-1.0.tar.gz", true)]
    [TestCase(true, "hello.spec", "hello-1.0.tar.gz", true)]
    [TestCase(true, "hello.spec", "patches/fix.patch", true)]
    [TestCase(true, "/usr/bin/hello", "hello.spec", false)]
    [TestCase(false, "/usr/bin/hello", "/usr/share/doc/hello", false)]
    public void A_package_without_source_rpm_listing_whole_paths_is_source_when_its_first_name_is_bare(bool region, string first, string second, bool isSource)
    {
        (int, RpmTagType, int, byte[])[] entries =
        [
            (RpmTag.Name, RpmTagType.String, 1, HandMadeRpm.Text("hello")),
            (RpmTag.Version, RpmTagType.String, 1, HandMadeRpm.Text("1.0")),
            (RpmTag.Release, RpmTagType.String, 1, HandMadeRpm.Text("1")),
            (RpmTag.Arch, RpmTagType.String, 1, HandMadeRpm.Text("i386")),
            (RpmTag.OldFileNames, RpmTagType.StringArray, 2, [.. HandMadeRpm.Text(first), .. HandMadeRpm.Text(second)]),
        ];
        var bytes = HandMadeRpm.Package(region ? [(RpmTag.HeaderImmutable, RpmTagType.Bin, 16, new byte[16]), .. entries] : entries);

        var package = RpmPackageReader.Read(new MemoryStream(bytes), "hello.rpm");

        Assert.That((package.IsSource, package.Arch), Is.EqualTo((isSource, isSource ? "src" : "i386")));
    }

    [Test]
    public void An_rpm_3_header_provides_its_own_name_and_version_as_rpm_4_adds_it()
    {
        var package = Read("rpm-history/foo.i386.rpm"); // xemacs-extras-21.1.3-1, rpm 3.0, no header region

        var presented = new PresentedDependencies(package);

        Assert.That(package.Provides, Is.EqualTo(new[] { new RpmDependency("xemacs-extras", RpmSense.Equal, "21.1.3-1") }));
        Assert.That(presented.Provides, Is.EqualTo(new[] { new DependencyEntry("xemacs-extras", "EQ", "0", "21.1.3", "1", false) }));
    }

    [Test]
    public void Versionless_provides_of_rpm_before_3_0_3_get_an_empty_version_then_the_self_provide()
    {
        var bytes = HandMadeRpm.Package(
            (RpmTag.Name, RpmTagType.String, 1, HandMadeRpm.Text("old")),
            (RpmTag.Version, RpmTagType.String, 1, HandMadeRpm.Text("2.0")),
            (RpmTag.Release, RpmTagType.String, 1, HandMadeRpm.Text("3")),
            (RpmTag.Epoch, RpmTagType.Int32, 1, [0, 0, 0, 1]),
            (RpmTag.Arch, RpmTagType.String, 1, HandMadeRpm.Text("i386")),
            (RpmTag.SourceRpm, RpmTagType.String, 1, HandMadeRpm.Text("old-2.0-3.src.rpm")),
            (RpmTag.ProvideName, RpmTagType.StringArray, 2, [.. HandMadeRpm.Text("smtpdaemon"), .. HandMadeRpm.Text("old")]));

        var package = RpmPackageReader.Read(new MemoryStream(bytes), "old.rpm");

        Assert.That(package.Provides, Is.EqualTo(new[]
        {
            new RpmDependency("smtpdaemon", RpmSense.None, string.Empty),
            new RpmDependency("old", RpmSense.None, string.Empty),
            new RpmDependency("old", RpmSense.Equal, "1:2.0-3"),
        }));
    }

    [Test]
    public void A_header_with_a_region_gets_no_added_provide() =>
        Assert.That(Read("rpm-history/test-rpm-1.0-1.noarch.rpm").Provides.Select(p => p.Name), Is.EqualTo(new[] { "test-rpm" }));

    [Test]
    public void A_package_and_its_source_rpm_of_one_version_do_not_clash_on_one_medium()
    {
        var scanned = new[] { "grinder_test_package-10.0-1.fc14.noarch.rpm", "grinder_test_package-10.0-1.fc14.src.rpm" }
            .Select(name => PackageScanner.ScanOne(new PackageSource("RPMS/" + name, new XenBundle.Tree.FileContent(Conformance("pulp_rpm/" + name), new FileInfo(Conformance("pulp_rpm/" + name)).Length, "ks:/RPMS/" + name), "ks"), ChecksumType.Sha256))
            .ToList();

        var merge = PackageMerger.Merge(scanned, ["ks"]);

        Assert.That(merge.Packages.Select(p => p.Package.Nevra), Is.EquivalentTo(new[] { "grinder_test_package-10.0-1.fc14.noarch", "grinder_test_package-10.0-1.fc14.src" }));
        Assert.That(merge.Duplicates, Is.Empty);
    }
}
