using System.Security.Cryptography;
using XenBundle.Media;
using XenBundle.Media.Iso;
using XenBundle.Tests.Support;
using XenBundle.Tree;

namespace XenBundle.Tests.Media;

/// <summary>
/// A medium's fingerprint lists its files with their SHA-256: the hashes the bundle writer
/// computed serve, so a medium is not read a second time to be named in the manifest.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class MediaFingerprintTests
{
    private TempDirectory _temp = null!;
    private string _image = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory("fingerprint");
        Directory.CreateDirectory(_temp["source/Packages"]);
        File.WriteAllText(_temp["source/Packages/a.rpm"], "not really a package\n");
        File.WriteAllText(_temp["source/.discinfo"], "1700000000.0\nCentOS 5.11\ni386\n1\n");
        Tool.Run("genisoimage", ["-quiet", "-R", "-J", "-o", _temp["disc.iso"], _temp["source"]]).EnsureSuccess("genisoimage");
        _image = _temp["disc.iso"];
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void With_every_files_hash_known_no_file_is_read_and_the_fingerprint_is_the_same_as_reading_them()
    {
        using var read = new CountingMedium(IsoMediaSource.Open(_image));
        var byReading = MediaFingerprint.Of(read);
        Assert.That(read.Opened, Is.EqualTo(read.Entries.Count(e => e.Kind == EntryKind.File)));

        using var known = new CountingMedium(IsoMediaSource.Open(_image));
        var hashes = known.Entries.Where(e => e.Kind == EntryKind.File).ToDictionary(e => e.Path, e => Sha256(known.Inner, e));
        known.Clear();
        var fromHashes = MediaFingerprint.Of(known, e => hashes.GetValueOrDefault(e.Path));

        Assert.That(known.Opened, Is.Zero);
        Assert.That(fromHashes, Is.EqualTo(byReading));
    }

    [Test]
    public void Only_the_files_whose_hash_is_not_known_are_read()
    {
        using var medium = new CountingMedium(IsoMediaSource.Open(_image));
        var package = medium.Entries.Single(e => e.Path == "Packages/a.rpm");
        var sha = Sha256(medium.Inner, package);

        MediaFingerprint.Of(medium, e => e.Path == package.Path ? sha : null);

        Assert.That(medium.OpensByPath.Keys, Is.EqualTo(new[] { ".discinfo" }));
    }

    [Test]
    public void The_fingerprint_does_not_depend_on_the_image_files_name_place_or_time()
    {
        Directory.CreateDirectory(_temp["elsewhere"]);
        File.Copy(_image, _temp["elsewhere/renamed.iso"]);
        File.SetLastWriteTimeUtc(_temp["elsewhere/renamed.iso"], new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        using var first = IsoMediaSource.Open(_image);
        using var copy = IsoMediaSource.Open(_temp["elsewhere/renamed.iso"]);

        Assert.That(MediaFingerprint.Of(copy), Is.EqualTo(MediaFingerprint.Of(first)));
    }

    [Test]
    public void A_changed_file_changes_the_fingerprint()
    {
        using var before = IsoMediaSource.Open(_image);
        var original = MediaFingerprint.Of(before);
        File.WriteAllText(_temp["source/Packages/a.rpm"], "not really a package either\n");
        Tool.Run("genisoimage", ["-quiet", "-R", "-J", "-o", _temp["changed.iso"], _temp["source"]]).EnsureSuccess("genisoimage");

        using var after = IsoMediaSource.Open(_temp["changed.iso"]);

        Assert.That(MediaFingerprint.Of(after), Is.Not.EqualTo(original));
    }

    private static string Sha256(IMediaSource medium, MediaEntry entry)
    {
        using var stream = medium.OpenRead(entry);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
