using System.Text;
using System.Xml.Linq;
using XenBundle.Repository;
using XenBundle.Rpm;

namespace XenBundle.Tests.RepositoryMerge;

/// <summary>
/// createrepo_c's rules for how the metadata presents a package's header, applied where
/// primary.xml, filelists.xml and other.xml are written, on cases the fixture RPMs do not reach.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
public sealed class MetadataPresentationTests
{
    [TestCase("", null, null, null)]
    [TestCase("1.0", "0", "1.0", null)]
    [TestCase("1.0-2", "0", "1.0", "2")]
    [TestCase("3:1.0-2.el5", "3", "1.0", "2.el5")]
    [TestCase(":1.0", "0", "1.0", null)]
    [TestCase("1.0-", "0", "1.0", null)]
    [TestCase("1.0-2-3", "0", "1.0", "2-3")]
    [TestCase("x:1.0", null, "1.0", null)]
    public void Evr_splits_as_createrepo_c_splits_it(string text, string? epoch, string? version, string? release) =>
        Assert.That(DependencyEntry.SplitEvr(text), Is.EqualTo((epoch, version, release)));

    [TestCase(RpmSense.Less, "LT")]
    [TestCase(RpmSense.Less | RpmSense.Equal, "LE")]
    [TestCase(RpmSense.Greater | RpmSense.Equal | RpmSense.ScriptPre, "GE")]
    [TestCase(RpmSense.Equal | RpmSense.RpmLib, "EQ")]
    [TestCase(RpmSense.Prereq, null)]
    public void Flags_are_named_by_their_comparison_bits(RpmSense flags, string? name) =>
        Assert.That(DependencyEntry.FlagName(flags), Is.EqualTo(name));

    [Test]
    public void Requires_keep_the_highest_libc_last_and_drop_bad_epochs_and_move_missingok_to_recommends()
    {
        var package = Package(requires:
        [
            new RpmDependency("libc.so.6(GLIBC_2.4)", RpmSense.None, string.Empty),
            new RpmDependency("zlib", RpmSense.Greater | RpmSense.Equal, "x:1.2"),
            new RpmDependency("libc.so.6(GLIBC_2.11)", RpmSense.None, string.Empty),
            new RpmDependency("perl", RpmSense.MissingOk, string.Empty),
            new RpmDependency("bash", RpmSense.None, string.Empty),
            new RpmDependency("bash", RpmSense.None, string.Empty),
            new RpmDependency("libc.so.6(GLIBC_2.3)", RpmSense.None, string.Empty),
        ]);

        var dependencies = new PresentedDependencies(package.Package);

        Assert.That(dependencies.Requires, Is.EqualTo(new[]
        {
            new DependencyEntry("bash", null, null, null, null, false),
            new DependencyEntry("libc.so.6(GLIBC_2.11)", null, null, null, null, false),
        }));
        Assert.That(dependencies.Recommends, Is.EqualTo(new[] { new DependencyEntry("perl", null, null, null, null, false) }));
    }

    [Test]
    public void Requires_on_the_packages_own_primary_files_and_provides_and_rpmlib_are_left_out()
    {
        var package = Package(
            requires:
            [
                new RpmDependency("/usr/bin/t", RpmSense.None, string.Empty),           // its own, primary: left out
                new RpmDependency("/usr/share/t/data", RpmSense.None, string.Empty),    // its own, not primary: kept
                new RpmDependency("/bin/sh", RpmSense.ScriptPre, string.Empty),         // primary, another package's: kept
                new RpmDependency("t-libs", RpmSense.Equal, "1-1"),                     // its own provide: left out
                new RpmDependency("rpmlib(PayloadIsXz)", RpmSense.RpmLib | RpmSense.Less | RpmSense.Equal, "5.2-1"),
            ],
            provides: [new RpmDependency("t-libs", RpmSense.Equal, "1-1")],
            files: [new RpmFile("/usr/bin/t", 0x81ED, RpmFileFlags.None), new RpmFile("/usr/share/t/data", 0x81A4, RpmFileFlags.None)]);

        var dependencies = new PresentedDependencies(package.Package);

        Assert.That(dependencies.Provides, Is.EqualTo(new[] { new DependencyEntry("t-libs", "EQ", "0", "1", "1", false) }));
        Assert.That(dependencies.Requires, Is.EqualTo(new[]
        {
            new DependencyEntry("/usr/share/t/data", null, null, null, null, false),
            new DependencyEntry("/bin/sh", null, null, null, null, true),
        }));
    }

    [Test]
    public void Changelog_entries_with_one_time_become_a_second_apart_and_come_oldest_first()
    {
        RpmChangelog[] entries =
        [
            new(300, "c  ", "third"),
            new(200, "b", "second b"),
            new(200, "b", "second a"),
            new(200, "b", "second"),
            new(100, "a", "first"),
        ];

        Assert.That(Changelogs.Pick(entries, 4), Is.EqualTo(new[]
        {
            new ChangelogEntry("b", 200, "second"),
            new ChangelogEntry("b", 201, "second a"),
            new ChangelogEntry("b", 202, "second b"),
            new ChangelogEntry("c", 300, "third"),
        }));
    }

    [Test]
    public void Control_characters_in_text_for_people_are_shown_as_replacement_characters()
    {
        var package = Package(summary: "bad\u0001summary", changelogs: [new RpmChangelog(100, "a\u0004", "fixed\u0004 it")]);

        var primary = XDocument.Parse(Write(s => PrimaryXml.Write(s, [package], 0)));
        var other = XDocument.Parse(Write(s => OtherXml.Write(s, [package], Changelogs.DefaultLimit)));

        Assert.That(primary.Descendants(XName.Get("summary", PrimaryXml.Namespace)).Single().Value, Is.EqualTo("bad\uFFFDsummary"));
        Assert.That(Changelogs.Pick(package.Package.Changelogs, Changelogs.DefaultLimit), Is.EqualTo(new[] { new ChangelogEntry("a\uFFFD", 100, "fixed\uFFFD it") }));
        var changelog = other.Descendants(XName.Get("changelog", OtherXml.Namespace)).Single();
        Assert.That((changelog.Attribute("author")!.Value, changelog.Value), Is.EqualTo(("a\uFFFD", "fixed\uFFFD it")));
    }

    [Test]
    public void Every_file_says_the_epoch_0_it_lacks_and_the_file_types_are_dir_ghost_or_none()
    {
        var package = Package(files:
        [
            new RpmFile("/etc/t", 0x41ED, RpmFileFlags.None),
            new RpmFile("/etc/t/t.conf", 0x81A4, RpmFileFlags.None),
            new RpmFile("/var/log/t.log", 0x81A4, RpmFileFlags.Ghost),
        ]);
        const string version = "  <version epoch=\"0\" ver=\"1\" rel=\"1\"/>\n";

        var primary = Write(s => PrimaryXml.Write(s, [package], 1700000000));
        var filelists = Write(s => FilelistsXml.Write(s, [package]));
        var other = Write(s => OtherXml.Write(s, [package], Changelogs.DefaultLimit));

        Assert.That(primary, Does.Contain(version).And.Contain("  <time file=\"1700000000\" build=\"0\"/>\n")
            .And.Contain("    <file type=\"dir\">/etc/t</file>\n    <file>/etc/t/t.conf</file>\n  </format>\n"));
        Assert.That(filelists, Is.EqualTo(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<filelists xmlns=\"http://linux.duke.edu/metadata/filelists\" packages=\"1\">\n"
            + "<package pkgid=\"00\" name=\"t\" arch=\"noarch\">\n" + version
            + "  <file type=\"dir\">/etc/t</file>\n  <file>/etc/t/t.conf</file>\n  <file type=\"ghost\">/var/log/t.log</file>\n</package>\n</filelists>"));
        Assert.That(other, Does.Contain("<package pkgid=\"00\" name=\"t\" arch=\"noarch\">\n" + version + "</package>\n"));
    }

    [Test]
    public void A_control_character_in_a_dependency_is_an_error_naming_the_package_when_the_screen_was_skipped()
    {
        var package = Package(requires: [new RpmDependency("ksym(default:\u0002)", RpmSense.Equal, "1")]);

        var error = Assert.Throws<XenBundleException>(() => PrimaryXml.Write(Stream.Null, [package], 0))!;

        Assert.That(error.ErrorLine, Is.EqualTo("error: disc1:/t.rpm: t-1-1.noarch has a control character in its requirement, which repository metadata cannot carry"));
    }

    private static ScannedPackage Package(
        IReadOnlyList<RpmDependency>? requires = null,
        IReadOnlyList<RpmChangelog>? changelogs = null,
        string summary = "s",
        IReadOnlyList<RpmDependency>? provides = null,
        IReadOnlyList<RpmFile>? files = null)
    {
        var rpm = new RpmPackage
        {
            Name = "t", Version = "1", Release = "1", Arch = "noarch", Summary = summary,
            Requires = requires ?? [], Changelogs = changelogs ?? [], Provides = provides ?? [], Files = files ?? [],
        };
        var source = new PackageSource("t.rpm", XenBundle.Tree.BytesContent.FromText("x", "disc1:/t.rpm"), "disc1");
        return new ScannedPackage(source, rpm, ChecksumType.Sha256, "00", 1);
    }

    private static string Write(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
