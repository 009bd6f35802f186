using XenBundle.Repository;
using XenBundle.Rpm;

namespace XenBundle.Tests.RepositoryMerge;

/// <summary>createrepo_c's rules for what the metadata says, on cases the fixture RPMs do not reach.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
public sealed class PackageMetadataBuilderTests
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
        Assert.That(PackageMetadataBuilder.SplitEvr(text), Is.EqualTo((epoch, version, release)));

    [TestCase(RpmSense.Less, "LT")]
    [TestCase(RpmSense.Less | RpmSense.Equal, "LE")]
    [TestCase(RpmSense.Greater | RpmSense.Equal | RpmSense.ScriptPre, "GE")]
    [TestCase(RpmSense.Equal | RpmSense.RpmLib, "EQ")]
    [TestCase(RpmSense.Prereq, null)]
    public void Flags_are_named_by_their_comparison_bits(RpmSense flags, string? name) =>
        Assert.That(PackageMetadataBuilder.FlagName(flags), Is.EqualTo(name));

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

        var metadata = PackageMetadataBuilder.Build(package, 0);

        Assert.That(metadata.Requires.Select(r => r.Name), Is.EqualTo(new[] { "bash", "libc.so.6(GLIBC_2.11)" }));
        Assert.That(metadata.Recommends.Select(r => r.Name), Is.EqualTo(new[] { "perl" }));
    }

    [Test]
    public void Changelog_entries_with_one_time_become_a_second_apart_and_come_oldest_first()
    {
        var package = Package(changelogs:
        [
            new RpmChangelog(300, "c  ", "third"),
            new RpmChangelog(200, "b", "second b"),
            new RpmChangelog(200, "b", "second a"),
            new RpmChangelog(200, "b", "second"),
            new RpmChangelog(100, "a", "first"),
        ]);

        var metadata = PackageMetadataBuilder.Build(package, 0, changelogLimit: 4);

        Assert.That(metadata.Changelogs, Is.EqualTo(new[]
        {
            new MetadataChangelog("b", 200, "second"),
            new MetadataChangelog("b", 201, "second a"),
            new MetadataChangelog("b", 202, "second b"),
            new MetadataChangelog("c", 300, "third"),
        }));
    }

    [Test]
    public void Control_characters_in_text_for_people_are_shown_as_replacement_characters()
    {
        var package = Package(summary: "bad\u0001summary", changelogs: [new RpmChangelog(100, "a\u0004", "fixed\u0004 it")]);

        var metadata = PackageMetadataBuilder.Build(package, 0);

        Assert.That(metadata.Summary, Is.EqualTo("bad\uFFFDsummary"));
        Assert.That(metadata.Changelogs, Is.EqualTo(new[] { new MetadataChangelog("a\uFFFD", 100, "fixed\uFFFD it") }));
    }

    [Test]
    public void A_control_character_in_a_dependency_is_an_error_naming_the_package_when_the_screen_was_skipped()
    {
        var package = Package(requires: [new RpmDependency("ksym(default:\u0002)", RpmSense.Equal, "1")]);

        var error = Assert.Throws<XenBundleException>(() => PackageMetadataBuilder.Build(package, 0))!;

        Assert.That(error.ErrorLine, Is.EqualTo("error: disc1:/t.rpm: t-1-1.noarch has a control character in its requirement, which repository metadata cannot carry"));
    }

    private static ScannedPackage Package(IReadOnlyList<RpmDependency>? requires = null, IReadOnlyList<RpmChangelog>? changelogs = null, string summary = "s")
    {
        var rpm = new RpmPackage
        {
            Name = "t", Version = "1", Release = "1", Arch = "noarch", Summary = summary,
            Requires = requires ?? [], Changelogs = changelogs ?? [],
        };
        var source = new PackageSource("t.rpm", XenBundle.Tree.BytesContent.FromText("x", "disc1:/t.rpm"), "disc1");
        return new ScannedPackage(source, rpm, ChecksumType.Sha256, "00", 1);
    }
}
