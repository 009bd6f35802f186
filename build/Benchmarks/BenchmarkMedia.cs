using System.Globalization;
using System.Text;

namespace Build.Benchmarks;

/// <summary>
/// The media of the pipeline benchmark: a three-CD "CentOS 5.11 i386" set and a kickstart
/// CD, as ISO images (genisoimage -R -J, as EL5's pungi made them), and a recipe for them.
/// A few hundred packages made by rpmbuild carry 1-12 MiB of incompressible payload each
/// (stored uncompressed in the RPM, as already-compressed data behaves), spread over the
/// discs; each disc has its own old repodata (createrepo_c), which the build replaces.
/// Generated once per size from a fixed seed and kept under artifacts/bench/media-SIZE/.
/// </summary>
internal sealed class BenchmarkMedia(string benchDirectory, long totalBytes)
{
    private const ulong Seed = 20140929; // CentOS 5.11's release date
    private const int Version = 1; // bump when the layout changes, to regenerate cached media
    private const int Discs = 3;

    public string Directory => Path.Combine(benchDirectory, $"media-{totalBytes >> 20}MiB");

    public string Recipe => Path.Combine(Directory, "recipe.yaml");

    public IReadOnlyList<string> Images => [.. Enumerable.Range(1, Discs).Select(n => Path.Combine(Directory, $"disc{n}.iso")), Path.Combine(Directory, "ks.iso")];

    /// <summary>The sum of the images' sizes.</summary>
    public long Size => Images.Sum(i => new FileInfo(i).Length);

    private string Stamp => Path.Combine(Directory, ".stamp");

    private string Key => string.Create(CultureInfo.InvariantCulture, $"v{Version} seed {Seed} bytes {totalBytes}");

    public BenchmarkMedia Ensure(Action<string> say)
    {
        if (File.Exists(Stamp) && File.ReadAllText(Stamp) == Key && Images.All(File.Exists))
        {
            say($"benchmark media: {Directory} (cached)");
            return this;
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        var work = Path.Combine(Directory, "work");
        var discs = Enumerable.Range(1, Discs).Select(n => Path.Combine(work, $"disc{n}")).ToList();
        say($"generating {totalBytes >> 20} MiB of packages with rpmbuild (seed {Seed}); this takes a minute or two, once...");
        var packages = PayloadPackages.Build(Path.Combine(work, "rpmbuild"), totalBytes, Seed);
        for (var i = 0; i < packages.Count; i++)
        {
            var disc = discs[i * Discs / packages.Count];
            System.IO.Directory.CreateDirectory(Path.Combine(disc, "CentOS"));
            File.Move(packages[i], Path.Combine(disc, "CentOS", Path.GetFileName(packages[i])));
        }

        say("making the installer files, the kernel packages, the kickstart CD and the old repodata...");
        DistributionFiles(discs);
        KickstartCd(Path.Combine(work, "ks"));
        foreach (var disc in discs)
        {
            CommandLine.Run("createrepo_c", ["-q", "-s", "sha", "--no-database", disc]);
        }

        say("making the ISO images with genisoimage...");
        foreach (var (source, image) in discs.Append(Path.Combine(work, "ks")).Zip(Images))
        {
            CommandLine.Run("genisoimage", ["-quiet", "-R", "-J", "-joliet-long", "-V", Path.GetFileNameWithoutExtension(image).ToUpperInvariant(), "-o", image, source]);
        }

        System.IO.Directory.Delete(work, recursive: true);
        File.WriteAllText(Recipe, RecipeText());
        File.WriteAllText(Stamp, Key);
        say($"benchmark media: {Images.Count} images, {Size >> 20} MiB");
        return this;
    }

    private static void DistributionFiles(IReadOnlyList<string> discs)
    {
        for (var n = 1; n <= discs.Count; n++)
        {
            File.WriteAllText(Path.Combine(discs[n - 1], ".discinfo"), $"1412018839.383785\nCentOS 5.11\ni386\n{n}\nCentOS/base\nCentOS\nCentOS/pixmaps\n");
        }

        var disc1 = discs[0];
        File.WriteAllText(Path.Combine(disc1, ".treeinfo"), string.Join('\n',
            "[general]", "family = CentOS", "timestamp = 1412018839.38", $"totaldiscs = {discs.Count}", "version = 5.11", "discnum = 1", "packagedir = CentOS", "arch = i386", string.Empty,
            "[images-xen]", "kernel = images/xen/vmlinuz", "initrd = images/xen/initrd.img", string.Empty,
            "[stage2]", "mainimage = images/stage2.img", string.Empty));
        var random = new DeterministicBytes(Seed + 1);
        foreach (var (file, size) in new[] { ("images/xen/vmlinuz", 2 << 20), ("images/xen/initrd.img", 6 << 20), ("images/stage2.img", 60 << 20), ("isolinux/vmlinuz", 2 << 20), ("isolinux/initrd.img", 6 << 20) })
        {
            var path = Path.Combine(disc1, file);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var bytes = new byte[size];
            random.Fill(bytes);
            File.WriteAllBytes(path, bytes);
        }

        Fixtures("mkrpm " + Quote(Path.Combine(discs[0], "CentOS")) + " kernel 2.6.18 419.el5 i686 'FILE:/boot/vmlinuz-2.6.18-419.el5:0644:kernel'\n"
            + "mkrpm " + Quote(Path.Combine(discs[^1], "CentOS")) + " kernel-xen 2.6.18 419.el5 i686 'FILE:/boot/vmlinuz-2.6.18-419.el5xen:0644:xen kernel'\n");
    }

    private static void KickstartCd(string ks)
    {
        var demo = Path.Combine(Build.RepositoryRoot.Find(), "recipes", "demo", "media", "acme-ks-cd");
        CommandLine.Run("cp", ["-a", demo, ks]);
    }

    private static void Fixtures(string script)
    {
        var tools = Path.Combine(Build.RepositoryRoot.Find(), "tests", "fixtures", "rpmtools.sh");
        CommandLine.Run("bash", ["-c", $". {Quote(tools)}\n{script}"]);
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private string RecipeText() =>
        $"""
        # The pipeline benchmark's recipe ({totalBytes >> 20} MiB of media), made by BenchmarkMedia.
        name: bench
        version: 1.0.0
        os: el5
        virt: xen-pv
        media:
          - disc1.iso
          - disc2.iso
          - disc3.iso
        kickstart:
          media: ks.iso
          file: ks.cfg
        dom0:
          address: 192.168.50.1
        domu:
          name: bench01
          network:
            address: 192.168.50.20
            netmask: 255.255.255.0
            gateway: 192.168.50.1

        """;

    /// <summary>
    /// The payload packages, all from one spec file (subpackages), so that rpmbuild runs
    /// once: each carries one file of incompressible bytes, stored uncompressed (w.ufdio).
    /// </summary>
    private static class PayloadPackages
    {
        public static IReadOnlyList<string> Build(string top, long totalBytes, ulong seed)
        {
            var sources = Path.Combine(top, "SOURCES");
            System.IO.Directory.CreateDirectory(sources);
            var random = new DeterministicBytes(seed);
            var sizes = new List<long>();
            for (long total = 0; total < totalBytes;)
            {
                // log-uniform between 1 and 12 MiB: a few hundred packages per GiB... of DVD-like sizes
                var size = Math.Min((long)Math.Pow(2, 20 + (random.NextDouble() * Math.Log2(12))), totalBytes - total);
                sizes.Add(size);
                total += size;
            }

            var buffer = new byte[4 << 20];
            var spec = new StringBuilder();
            spec.Append("Name: bench\nVersion: 1.0\nRelease: 1.el5\nSummary: benchmark payload\nLicense: GPLv2\nGroup: Applications/System\nBuildArch: noarch\n\n%description\nbenchmark payload packages\n\n");
            var install = new StringBuilder("%install\nrm -rf \"$RPM_BUILD_ROOT\"\nmkdir -p \"$RPM_BUILD_ROOT/opt/bench\"\n");
            for (var i = 0; i < sizes.Count; i++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"payload-{i:D4}");
                using (var file = File.Create(Path.Combine(sources, name + ".bin")))
                {
                    for (var left = sizes[i]; left > 0; left -= buffer.Length)
                    {
                        var chunk = buffer.AsSpan(0, (int)Math.Min(left, buffer.Length));
                        random.Fill(chunk);
                        file.Write(chunk);
                    }
                }

                spec.Append(CultureInfo.InvariantCulture, $"%package -n {name}\nSummary: benchmark payload {i}\n\n%description -n {name}\npayload package {i}\n\n%files -n {name}\n/opt/bench/{name}.bin\n\n");
                install.Append(CultureInfo.InvariantCulture, $"cp %{{_sourcedir}}/{name}.bin \"$RPM_BUILD_ROOT/opt/bench/\"\n");
            }

            var specFile = Path.Combine(top, "bench.spec");
            File.WriteAllText(specFile, spec.Append(install).ToString());
            CommandLine.Run("rpmbuild", ["-bb", "--quiet", "--define", $"_topdir {top}", "--define", "_binary_payload w.ufdio",
                "--define", "__os_install_post %{nil}", "--define", "debug_package %{nil}", "--define", "_build_id_links none",
                "--define", "_buildhost build.example", specFile]);

            // The sources and the build root are copies of the payload: gone before the images are made, so that the disk holds at most three copies at once.
            foreach (var copy in new[] { sources, Path.Combine(top, "BUILDROOT"), Path.Combine(top, "BUILD") })
            {
                BenchmarkSession.Remove(copy);
            }
            return [.. System.IO.Directory.EnumerateFiles(Path.Combine(top, "RPMS"), "*.rpm", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
        }
    }
}
