namespace Build.Benchmarks;

/// <summary>
/// <c>./build.sh --target=ExtractIso</c> against <c>bsdtar -xf</c> on the same image,
/// extracting to the same disk (artifacts/bench/out-*): the DVD-sized image (--size),
/// or a tiny one, which shows the fixed cost of starting the pipeline host.
/// </summary>
internal sealed class ExtractIsoBenchmark(string name, long? imageBytes = null, double? goal = null) : IBenchmark
{
    public string Name => name;

    public Comparison Run(BenchmarkSession session)
    {
        var image = new BenchmarkImage(session.Directory, imageBytes ?? session.ImageBytes).Ensure(session.Say);
        var ourOutput = Path.Combine(session.Directory, "out-extractiso");
        var bsdtarOutput = Path.Combine(session.Directory, "out-bsdtar");
        var ours = new TimedCommand("ExtractIso", BenchmarkSession.Host("--target=ExtractIso", $"--iso={image}", $"--output={ourOutput}"), () => Remove(ourOutput));
        var bsdtar = new TimedCommand("bsdtar -xf", new CommandLine("bsdtar", ["-xf", image, "-C", bsdtarOutput]), () =>
        {
            Remove(bsdtarOutput);
            Directory.CreateDirectory(bsdtarOutput); // bsdtar -C needs it; ExtractIso makes its own
        });
        session.Say($"{Name}: a warm-up run each, then {session.Runs} timed runs each, alternating");
        var (oursMeasured, bsdtarMeasured) = session.Alternate(ours, bsdtar, () => CheckSameTree(ourOutput, bsdtarOutput));
        Remove(ourOutput);
        Remove(bsdtarOutput);
        var size = new FileInfo(image).Length;
        return new Comparison(Name, $"{Path.GetFileName(image)} ({size >> 10:N0} KiB)", oursMeasured, bsdtarMeasured, goal);
    }

    /// <summary>A timing means nothing unless both wrote the same files.</summary>
    private static void CheckSameTree(string ours, string reference)
    {
        static List<string> List(string root) =>
            [.. Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
                .Select(f => $"{Path.GetRelativePath(root, f)} {new FileInfo(f).Length}").Order(StringComparer.Ordinal)];
        var a = List(ours);
        var b = List(reference);
        if (!a.SequenceEqual(b))
        {
            var difference = a.Except(b).Concat(b.Except(a)).FirstOrDefault();
            throw new BuildFailedException($"ExtractIso and bsdtar wrote different trees ({a.Count} and {b.Count} files; first difference: {difference})");
        }
    }

    private static void Remove(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
