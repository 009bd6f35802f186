namespace Build.Benchmarks;

/// <summary>
/// The whole XenBundle target on a three-CD set and a kickstart CD, against the shell
/// chain with gzip and with pigz, on the same images (one size per instance); then a
/// rerun with nothing changed against the cold run.
/// </summary>
internal sealed class PipelineBenchmark(long mediaBytes, double chainGoal, double rerunGoal) : IBenchmark
{
    public string Name => $"XenBundle, {mediaBytes >> 20} MiB";

    /// <summary>Our cold run's measurement, for the memory comparison across sizes.</summary>
    public Measurement? Cold { get; private set; }

    public IReadOnlyList<Comparison> RunAll(BenchmarkSession session)
    {
        var media = new BenchmarkMedia(session.Directory, mediaBytes).Ensure(session.Say);
        var input = $"{media.Images.Count} ISO images, {media.Size >> 20} MiB";
        var ours = Path.Combine(session.Directory, "out-xenbundle");
        var chain = Path.Combine(session.Directory, "out-chain");
        var cold = new TimedCommand("XenBundle", BenchmarkSession.Host("--target=XenBundle", $"--recipe={media.Recipe}", $"--artifacts={ours}"), () => Remove(ours));
        var gzip = new TimedCommand("chain+gzip", ShellChain.Command(session.Directory, chain, ShellChain.Gzip, media.Images), () => Remove(chain));
        var pigz = new TimedCommand("chain+pigz", ShellChain.Command(session.Directory, chain, ShellChain.Pigz, media.Images), () => Remove(chain));
        session.Say($"{Name}: a warm-up run each, then {session.Runs} timed runs each, in rotation");
        var measured = session.Rotate([cold, gzip, pigz], () => CheckBundle(ours));
        Cold = measured[0];

        var rerun = new TimedCommand("rerun", cold.Command, () => { });
        session.Say($"{Name}, nothing changed: the rerun against the cold run");
        var rerunMeasured = session.Rotate([rerun, cold with { Label = "cold" }], () => { });
        Remove(ours);
        Remove(chain);
        return
        [
            new Comparison($"{Name} vs chain+gzip", input, measured[0], measured[1], chainGoal),
            new Comparison($"{Name} vs chain+pigz", input, measured[0], measured[2], chainGoal),
            new Comparison($"{Name} rerun vs cold", input, rerunMeasured[0], rerunMeasured[1], rerunGoal),
        ];
    }

    public Comparison Run(BenchmarkSession session) => RunAll(session)[0];

    /// <summary>A timing means nothing unless the build made its bundle.</summary>
    private static void CheckBundle(string artifacts)
    {
        if (!File.Exists(Path.Combine(artifacts, "bench-1.0.0.tar.gz")))
        {
            throw new BuildFailedException($"the benchmark build wrote no bundle into {artifacts}");
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
