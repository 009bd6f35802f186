using System.Globalization;

namespace Build.Benchmarks;

/// <summary>
/// The install-DVD-like ISO the extraction benchmark reads: a Rock Ridge + Joliet image
/// (genisoimage -R -J -joliet-long, as EL pungi made them) of a few thousand files of
/// incompressible content, sized like RPMs (1 KiB to 3 MiB, log-uniform) plus a few
/// installer images. Generated once from a fixed seed and kept under artifacts/bench/;
/// the source tree is removed once the image exists.
/// </summary>
internal sealed class BenchmarkImage(string directory, long totalBytes)
{
    private const ulong Seed = 20070402; // CentOS 5.0's release date
    private const int Version = 2; // bump when the layout changes, to regenerate cached images

    public string Path => System.IO.Path.Combine(directory, totalBytes >= 1 << 20 ? $"extract-{totalBytes >> 20}MiB.iso" : $"extract-{totalBytes >> 10}KiB.iso");

    private string Stamp => Path + ".stamp";

    private string Key => string.Create(CultureInfo.InvariantCulture, $"v{Version} seed {Seed} bytes {totalBytes}");

    /// <summary>The image, generated unless a matching one is cached.</summary>
    public string Ensure(Action<string> say)
    {
        if (File.Exists(Path) && File.Exists(Stamp) && File.ReadAllText(Stamp) == Key)
        {
            say($"benchmark image: {Path} (cached)");
            return Path;
        }

        Directory.CreateDirectory(directory);
        var source = System.IO.Path.Combine(directory, "source");
        if (Directory.Exists(source))
        {
            Directory.Delete(source, recursive: true);
        }

        say($"generating a {totalBytes >> 20} MiB source tree (seed {Seed})...");
        var files = WriteTree(source);
        say($"{files} files; making {System.IO.Path.GetFileName(Path)} with genisoimage -R -J -joliet-long...");
        File.Delete(Stamp);
        CommandLine.Run("genisoimage", ["-quiet", "-R", "-J", "-joliet-long", "-V", "XENBUNDLE_BENCH", "-o", Path, source]);
        Directory.Delete(source, recursive: true);
        File.WriteAllText(Stamp, Key);
        return Path;
    }

    private int WriteTree(string root)
    {
        var random = new DeterministicBytes(Seed);
        var buffer = new byte[4 << 20];
        var count = 0;
        long written = 0;

        // A few large installer images, then packages until the size is reached.
        foreach (var image in new[] { "images/stage2.img", "images/minstg2.img", "isolinux/initrd.img", "images/xen/initrd.img" })
        {
            written += WriteFile(System.IO.Path.Combine(root, image), Math.Min(totalBytes / 40, 32L << 20), random, buffer);
            count++;
        }

        while (written < totalBytes)
        {
            // log-uniform between 1 KiB and 3 MiB: many small packages, some big ones
            var size = (long)Math.Pow(2, 10 + (random.NextDouble() * Math.Log2(3 << 10)));
            size = Math.Min(size, totalBytes - written);
            var name = string.Create(CultureInfo.InvariantCulture, $"CentOS/package-{count:D5}-1.0-1.el5.i386.rpm");
            written += WriteFile(System.IO.Path.Combine(root, name), size, random, buffer);
            count++;
        }

        return count;
    }

    private static long WriteFile(string path, long size, DeterministicBytes random, byte[] buffer)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        for (var left = size; left > 0; left -= buffer.Length)
        {
            var chunk = buffer.AsSpan(0, (int)Math.Min(left, buffer.Length));
            random.Fill(chunk);
            file.Write(chunk);
        }

        return size;
    }
}
