using System.Security.Cryptography;
using XenBundle.Caching;
using XenBundle.Media;
using XenBundle.Pipeline;
using XenBundle.Recipes;
using XenBundle.Tests.Support;
using XenBundle.Tree;

namespace XenBundle.Tests.Pipeline;

/// <summary>
/// A cold build reads each medium's bytes once: the packages' headers (their first few KiB)
/// for the merge, then every file as the bundle writer copies it, hashing it for the
/// manifest, SHA256SUMS, the repository metadata and the medium's fingerprint in that pass.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class OneReadTests
{
    private const int PayloadBytes = 2 << 20;

    [Test]
    public void A_cold_build_reads_every_package_once_and_its_metadata_has_the_packages_real_checksums()
    {
        using var temp = new TempDirectory("oneread");
        Tool.Run("cp", "-a", Repository.Demo, temp["demo"]).EnsureSuccess("cp -a");
        var big = new[] { temp["demo/media/CentOS-5.11-i386-disc2/CentOS"], temp["demo/media/acme-ks-cd/RPMS"] };
        foreach (var (directory, index) in big.Select((d, i) => (d, i)))
        {
            // Random bytes: the payload does not compress, so the package is as big as they are.
            RpmFixtures.MakeRpm(directory, "1500000000", $"bulk{index}", "1.0", "1", "noarch",
                $"INSTALL:mkdir -p $RPM_BUILD_ROOT/usr/share/bulk{index} && head -c {PayloadBytes} /dev/urandom > $RPM_BUILD_ROOT/usr/share/bulk{index}/blob",
                $"FILESLINE:/usr/share/bulk{index}/blob");
        }

        var counters = new List<CountingMedium>();
        var options = new PipelineOptions
        {
            ArtifactsDirectory = temp["out"],
            Cache = new BuildCache(temp["out"]),
            SourceDateEpoch = "1700000000",
            MediaOpener = path =>
            {
                var medium = new CountingMedium(MediaOpener.Open(path));
                counters.Add(medium);
                return medium;
            },
        };
        using (var pipeline = new BundlePipeline(RecipeLoader.Load(temp["demo"]), options, NullPipelineLog.Instance))
        {
            pipeline.ExtractMedia();
            pipeline.MergeRepositories();
            pipeline.TransformKickstart();
            pipeline.GenerateVirtInstall();
            pipeline.PackageBundle();
        }

        var packages = counters.SelectMany(c => c.Entries.Where(e => e.Path.Contains("/bulk", StringComparison.Ordinal)).Select(e => (Medium: c, Entry: e))).ToList();
        Assert.That(packages, Has.Count.EqualTo(2));
        foreach (var (medium, entry) in packages)
        {
            Assert.That(entry.Size, Is.GreaterThan(PayloadBytes));
            Assert.That(medium.BytesRead(entry.Path), Is.InRange(entry.Size, entry.Size + (128 << 10)),
                $"{entry.Path}: its bytes once, and its headers (read ahead 64 KiB) for the merge");
        }

        var mediaBytes = counters.Sum(c => c.Entries.Sum(e => e.Size));
        var read = counters.Sum(c => c.TotalRead);
        Assert.That(read, Is.LessThanOrEqualTo(mediaBytes * 1.1), $"read {read} bytes of {mediaBytes}");

        // The checksums the writer computed are the packages' own: primary.xml against sha1sum.
        var primary = Tool.Run("bash", ["-c", $"tar -xzOf {temp["out/demo-1.0.0.tar.gz"]} --wildcards '*-primary.xml.gz' | gzip -dc"]).EnsureSuccess("primary.xml").Output;
        foreach (var (medium, entry) in packages)
        {
            using var stream = File.OpenRead(Path.Combine(medium.Location, entry.Path));
            var sha1 = Convert.ToHexStringLower(SHA1.HashData(stream));
            Assert.That(primary, Does.Contain($"<checksum type=\"sha\" pkgid=\"YES\">{sha1}</checksum>"), entry.Path);
        }
    }
}
