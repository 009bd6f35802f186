namespace Build.Benchmarks;

/// <summary>
/// The whole XenBundle target on a three-CD set and a kickstart CD of one size: in one
/// rotation, the cold run against the one-pass shell floor and its parts; at the smallest
/// size only, in a rotation of their own, the cold run against the shell chain with gzip
/// and with pigz (gzip alone costs about 50 s per GiB; kept apart, so that the floor's
/// rotation holds only the floor, its parts and ours); then a no-op rerun against the cold run; then one
/// cold run and one rerun under strace, counting the bytes they read from the media.
/// </summary>
/// <param name="withChains">Whether to time the shell chains (the smallest size only).</param>
internal sealed class PipelineBenchmark(long mediaBytes, bool withChains)
{
    public const double FloorGoal = 0.75;
    public const double ChainGoal = 0.6;
    public const double RerunGoal = 0.05;
    public const double ColdReadGoal = 1.1;
    public const double RerunReadGoal = 0.01;

    public string Size => BenchmarkSizes.Name(mediaBytes);

    /// <summary>Our cold run's measurement, for the scale rows across sizes.</summary>
    public Measurement? Cold { get; private set; }

    /// <summary>The bytes of the images, for time per GiB across sizes.</summary>
    public long MediaBytes { get; private set; }

    public (IReadOnlyList<Comparison> Times, IReadOnlyList<MediaRead> Reads) RunAll(BenchmarkSession session)
    {
        var media = new BenchmarkMedia(session.Directory, mediaBytes).Ensure(session.Say);
        MediaBytes = media.Size;
        var input = $"{media.Images.Count} ISO images, {media.Size >> 20} MiB";
        var ours = Path.Combine(session.Directory, "out-xenbundle");
        var chain = Path.Combine(session.Directory, "out-chain");
        var written = Path.Combine(session.Directory, "out-floor");
        void RemoveOurs() => BenchmarkSession.Remove(ours);
        void RemoveWritten() => BenchmarkSession.Remove(written);
        var build = BenchmarkSession.Host("--target=XenBundle", $"--recipe={media.Recipe}", $"--artifacts={ours}");
        var cold = new TimedCommand("XenBundle", build, RemoveOurs, RemoveOurs, Check: () => CheckBundle(ours));
        List<TimedCommand> commands =
        [
            cold,
            new("floor", ShellFloor.OnePass(written, media.Images), RemoveWritten, RemoveWritten),
            new("read", ShellFloor.Read(media.Images), () => { }),
            new("sha256", ShellFloor.Hash("sha256", media.Images), () => { }),
            new("sha1", ShellFloor.Hash("sha1", media.Images), () => { }),
            new("write", ShellFloor.Write(written, media.Size), RemoveWritten, RemoveWritten),
        ];
        session.Say($"XenBundle, {Size}: a warm-up run each, then {session.Runs} timed runs each, in rotation: {string.Join(", ", commands.Select(c => c.Label))}");
        var measured = session.Rotate(commands, () => { });
        Cold = measured[0];
        var floor = measured[1];
        List<Comparison> times =
        [
            new($"XenBundle cold vs one-pass floor, {Size}", input, Cold, floor, FloorGoal),
            new($"read alone vs floor, {Size}", input, measured[2], floor, Goal: null),
            new($"SHA-256 alone vs floor, {Size}", input, measured[3], floor, Goal: null),
            new($"SHA-1 alone vs floor, {Size}", input, measured[4], floor, Goal: null),
            new($"write alone vs floor, {Size}", input, measured[5], floor, Goal: null),
        ];
        if (withChains)
        {
            void RemoveChain() => BenchmarkSession.Remove(chain);
            List<TimedCommand> chains =
            [
                cold,
                new("chain+gzip", ShellChain.Command(session.Directory, chain, ShellChain.Gzip, media.Images), RemoveChain, RemoveChain),
                new("chain+pigz", ShellChain.Command(session.Directory, chain, ShellChain.Pigz, media.Images), RemoveChain, RemoveChain),
            ];
            session.Say($"XenBundle, {Size}: a warm-up run each, then {session.Runs} timed runs each, in rotation: {string.Join(", ", chains.Select(c => c.Label))}");
            var againstChains = session.Rotate(chains, () => { });
            times.Add(new($"XenBundle vs chain+gzip, {Size}", input, againstChains[0], againstChains[1], ChainGoal));
            times.Add(new($"XenBundle vs chain+pigz, {Size}", input, againstChains[0], againstChains[2], ChainGoal));
        }

        // The rerun runs on the bundle and cache the run before it left: the cold side keeps
        // its output, and a rerun that comes first builds one, untimed.
        var rerun = new TimedCommand("no-op rerun", build, () => EnsureBuilt(build, ours));
        session.Say($"XenBundle, {Size}, nothing changed: the rerun against the cold run");
        var rerunMeasured = session.Rotate([rerun, new TimedCommand("cold", build, RemoveOurs)], () => CheckBundle(ours));
        times.Add(new($"no-op rerun vs cold, {Size}", input, rerunMeasured[0], rerunMeasured[1], RerunGoal));

        session.Say($"XenBundle, {Size}: a cold run and a no-op rerun under strace, counting the bytes read from the media");
        List<MediaRead> reads =
        [
            ReadTrace.Count(session, $"media read, cold, {Size}", input, cold, media.Images, ColdReadGoal),
            ReadTrace.Count(session, $"media read, no-op rerun, {Size}", input, rerun, media.Images, RerunReadGoal),
        ];
        RemoveOurs();
        return (times, reads);
    }

    private static void EnsureBuilt(CommandLine build, string artifacts)
    {
        if (!File.Exists(Bundle(artifacts)))
        {
            build.Run();
        }
    }

    private static string Bundle(string artifacts) => Path.Combine(artifacts, "bench-1.0.0.tar.gz");

    /// <summary>A timing means nothing unless the build made its bundle.</summary>
    private static void CheckBundle(string artifacts)
    {
        if (!File.Exists(Bundle(artifacts)))
        {
            throw new BuildFailedException($"the benchmark build wrote no bundle into {artifacts}");
        }
    }
}
