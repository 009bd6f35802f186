namespace Build.Benchmarks;

/// <summary>
/// <c>./build.sh --target=ExtractIso</c> against <c>bsdtar -xf</c> on the same image,
/// extracting to the same disk (artifacts/bench/out-*): an image of a benchmark size,
/// or a tiny one, which shows the fixed cost of starting the pipeline host. With
/// <paramref name="countReads"/>, ExtractIso also runs once under strace, to show how
/// many bytes of the image it reads.
/// </summary>
internal sealed class ExtractIsoBenchmark(string name, long imageBytes, double? goal = null, bool countReads = false)
{
    public string Name => name;

    public (Comparison Time, MediaRead? Reads) Run(BenchmarkSession session)
    {
        var image = new BenchmarkImage(session.Directory, imageBytes).Ensure(session.Say);
        var ourOutput = Path.Combine(session.Directory, "out-extractiso");
        var bsdtarOutput = Path.Combine(session.Directory, "out-bsdtar");
        var ours = new TimedCommand("ExtractIso", BenchmarkSession.Host("--target=ExtractIso", $"--iso={image}", $"--output={ourOutput}"), () => BenchmarkSession.Remove(ourOutput), () => BenchmarkSession.Remove(ourOutput), KeepForCheck: true);
        var bsdtar = new TimedCommand("bsdtar -xf", new CommandLine("bsdtar", ["-xf", image, "-C", bsdtarOutput]), () =>
        {
            BenchmarkSession.Remove(bsdtarOutput);
            Directory.CreateDirectory(bsdtarOutput); // bsdtar -C needs it; ExtractIso makes its own
        }, () => BenchmarkSession.Remove(bsdtarOutput), KeepForCheck: true);
        session.Say($"{Name}: a warm-up run each, then {session.Runs} timed runs each, alternating");
        var (oursMeasured, bsdtarMeasured) = session.Alternate(ours, bsdtar, () => CheckSameTree(ourOutput, bsdtarOutput));
        var size = new FileInfo(image).Length;
        var input = $"{Path.GetFileName(image)} ({size >> 10:N0} KiB)";
        MediaRead? reads = null;
        if (countReads)
        {
            reads = ReadTrace.Count(session, $"ExtractIso read, {BenchmarkSizes.Name(imageBytes)} image", input, ours, [image], goal: null);
            BenchmarkSession.Remove(ourOutput);
        }

        return (new Comparison(Name, input, oursMeasured, bsdtarMeasured, goal), reads);
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
}
