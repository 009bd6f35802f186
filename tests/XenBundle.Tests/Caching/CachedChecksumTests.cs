using XenBundle.Caching;
using XenBundle.Media;
using XenBundle.Pipeline;
using XenBundle.Repository;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Caching;

[Category(TestCategories.Unit)]
public sealed class CachedChecksumTests
{
    [Test]
    public void Checksums_taken_from_the_cache_are_those_a_full_read_gives()
    {
        using var temp = new TempDirectory("cache");
        using var disc = new DirectoryMediaSource(Path.Combine(Repository.Demo, "media", "CentOS-5.11-i386-disc1"));
        var sources = disc.Entries.Where(e => e.Path.EndsWith(".rpm", StringComparison.Ordinal))
            .Select(e => new PackageSource(e.Path, new MediaContent(disc, e), disc.Name)).ToList();

        var fresh = new PackageScanner(ChecksumType.Sha1, 2).Scan(sources);
        var cache = new BuildCache(temp.Path);
        new PackageScanner(ChecksumType.Sha1, 2, cache).Scan(sources);
        cache.Save();

        // A new cache object reads what the first one saved: no full read this time.
        var reloaded = new BuildCache(temp.Path);
        var cached = new PackageScanner(ChecksumType.Sha1, 2, reloaded).Scan(sources);

        Assert.That(cached.Select(p => (p.Href, p.Checksum, p.Package.Name)), Is.EqualTo(fresh.Select(p => (p.Href, p.Checksum, p.Package.Name))));
        Assert.That(sources.All(s => reloaded.Checksum(disc, ((MediaContent)s.Content).Entry, "sha") is not null), Is.True);
    }

    [Test]
    public void A_changed_file_changes_the_medium_identity()
    {
        using var temp = new TempDirectory("cache");
        temp.Write("cd/a.txt", "one");
        using (var before = new DirectoryMediaSource(temp["cd"]))
        {
            var identity = MediumIdentity.Of(before);
            Thread.Sleep(20);
            File.WriteAllText(temp["cd/a.txt"], "two");
            using var after = new DirectoryMediaSource(temp["cd"]);
            Assert.That(MediumIdentity.Of(after), Is.Not.EqualTo(identity));
        }
    }
}
