namespace Build.Benchmarks;

/// <summary>
/// The fixed start a user waits for on every command: <c>./build.sh --help</c> (the script's
/// checks, the .NET runtime, the Cake engine, the help text), against the start of a native
/// program, <c>bsdtar --version</c>, in the same rotation.
/// </summary>
internal static class StartupBenchmark
{
    public const double HelpGoalSeconds = 0.1;

    public static IReadOnlyList<Comparison> Run(BenchmarkSession session)
    {
        var help = new TimedCommand("build.sh --help", new CommandLine(Path.Combine(RepositoryRoot.Find(), "build.sh"), ["--help"]), () => { });
        var native = new TimedCommand("bsdtar --version", new CommandLine("bsdtar", ["--version"]), () => { });
        session.Say($"startup: a warm-up run each, then {session.Runs} timed runs each, alternating");
        var (ours, reference) = session.Alternate(help, native, () => { });
        return
        [
            new Comparison("build.sh --help, seconds", "no input", ours, reference, HelpGoalSeconds, Metric.Seconds),
            new Comparison("build.sh --help vs bsdtar --version", "no input", ours, reference, Goal: null),
        ];
    }
}
