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
    public void Checksums_taken_from_the_cache_are_those_a_full_read_gives_and_only_the_headers_are_read()
    {
        using var temp = new TempDirectory("cache");
        using var disc = new CountingMedium(new DirectoryMediaSource(Path.Combine(Repository.Demo, "media", "CentOS-5.11-i386-disc1")));
        var sources = disc.Entries.Where(e => e.Path.EndsWith(".rpm", StringComparison.Ordinal))
            .Select(e => new PackageSource(e.Path, new MediaContent(disc, e), disc.Name)).ToList();
        var sizes = sources.ToDictionary(s => s.Href, s => s.Content.Length);
        var whole = Lines(sizes);
        Assert.That(sources, Has.Count.GreaterThan(1));

        var fresh = new PackageScanner(ChecksumType.Sha1, 2).Scan(sources);
        Assert.That(TakeReads(disc), Is.EqualTo(whole), "without a cache every package is read whole, once");

        var cache = new BuildCache(temp.Path);
        new PackageScanner(ChecksumType.Sha1, 2, cache).Scan(sources);
        Assert.That(TakeReads(disc), Is.EqualTo(whole), "an empty cache: every package is read whole, once");
        cache.Save();

        // A new cache object reads what the first one saved: each package is opened once and
        // read up to the end of its headers, not a byte further, so not to its end.
        var reloaded = new BuildCache(temp.Path);
        var cached = new PackageScanner(ChecksumType.Sha1, 2, reloaded).Scan(sources);
        var headerEnds = fresh.ToDictionary(p => p.Href, p => p.Package.HeaderRange.End);
        Assert.That(TakeReads(disc), Is.EqualTo(Lines(headerEnds)));
        Assert.That(headerEnds.Where(h => h.Value >= sizes[h.Key]), Is.Empty, "a package all header would not show a partial read");

        Assert.That(cached.Select(p => (p.Href, p.Checksum, p.Size, p.Package.Name)), Is.EqualTo(fresh.Select(p => (p.Href, p.Checksum, p.Size, p.Package.Name))));
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

    // "path: bytes", one per file in path order: a failure shows which file was read how far.
    private static List<string> Lines(IReadOnlyDictionary<string, long> bytes) =>
        [.. bytes.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"{b.Key}: {b.Value}")];

    /// <summary>The bytes read from each file since the last call; fails when a file was opened more than once.</summary>
    private static List<string> TakeReads(CountingMedium medium)
    {
        Assert.That(medium.OpensByPath.Where(o => o.Value != 1).Select(o => o.Key), Is.Empty, "each package is opened once per scan");
        var reads = Lines(medium.BytesByPath);
        medium.Clear();
        return reads;
    }
}
