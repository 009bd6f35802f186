namespace Build.Benchmarks;

/// <summary>
/// What every benchmark shares: where its files go (artifacts/bench/), how many timed
/// runs, the timer, the command that runs this very pipeline host, and the log.
/// Measurements are warm-cache: dropping the page cache needs root, so each command
/// runs once untimed first, and dirty pages are flushed (sync) before every timed run.
/// </summary>
internal sealed class BenchmarkSession(string directory, int runs, Action<string> say)
{
    public string Directory { get; } = directory;

    public int Runs { get; } = runs;

    public CommandTimer Timer { get; } = new(Path.Combine(directory, "scratch"));

    public void Say(string message) => say(message);

    /// <summary>Removes a file or a directory tree, if there.</summary>
    public static void Remove(string path)
    {
        if (System.IO.Directory.Exists(path))
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        else
        {
            File.Delete(path);
        }
    }

    /// <summary>This pipeline host as a child process, the way build.sh runs it: <c>dotnet Build.dll ARGS</c>.</summary>
    public static CommandLine Host(params string[] arguments) =>
        new(Environment.ProcessPath ?? "dotnet", [typeof(BuildContext).Assembly.Location, .. arguments]);

    /// <summary>
    /// Times two commands on the same input: a first untimed round (after which
    /// <paramref name="checkWarmUp"/> may compare what they produced), then rounds that
    /// alternate which goes first. Each run follows its side's preparation and a sync,
    /// neither of them timed.
    /// </summary>
    public (Measurement Ours, Measurement Reference) Alternate(TimedCommand ours, TimedCommand reference, Action checkWarmUp)
    {
        var measured = Rotate([ours, reference], checkWarmUp);
        return (measured[0], measured[1]);
    }

    /// <summary>
    /// Times several commands on the same input the same way: an untimed round, then
    /// <see cref="Runs"/> rounds, each starting with the next command, so that none is
    /// always the one that runs right after another's writes. Each command's output is
    /// cleaned up right after its run (after the warm-up check for those it needs), so
    /// that the disk holds one output at a time, not one per command.
    /// </summary>
    public IReadOnlyList<Measurement> Rotate(IReadOnlyList<TimedCommand> commands, Action checkWarmUp)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(checkWarmUp);
        var samples = commands.Select(_ => new List<RunSample>()).ToList();
        for (var round = 0; round <= Runs; round++)
        {
            for (var k = 0; k < commands.Count; k++)
            {
                var index = (round + k) % commands.Count;
                var side = commands[index];
                side.Prepare();
                CommandLine.Run("sync", []);
                var sample = Timer.Time(side.Command);
                if (round > 0)
                {
                    samples[index].Add(sample);
                    Say($"  {side.Label}: {sample.Seconds:0.000} s, {sample.PeakRssKiB >> 10} MiB");
                }

                if (round == 0)
                {
                    side.Check?.Invoke();
                }

                if (round > 0 || !side.KeepForCheck)
                {
                    side.Cleanup?.Invoke();
                }
            }

            if (round == 0)
            {
                checkWarmUp();
                foreach (var side in commands.Where(c => c.KeepForCheck))
                {
                    side.Cleanup?.Invoke();
                }
            }
        }

        return [.. commands.Select((c, i) => c.Measure(samples[i]))];
    }
}

/// <summary>A command to time, what to do before each run (remove a previous output) and after it (remove its output).</summary>
/// <param name="Check">Checks its own output after its warm-up run, before the cleanup.</param>
/// <param name="KeepForCheck">Whether the warm-up check of the rotation reads its output (to compare it with another's), so that the output stays until then.</param>
internal sealed record TimedCommand(string Label, CommandLine Command, Action Prepare, Action? Cleanup = null, Action? Check = null, bool KeepForCheck = false)
{
    public Measurement Measure(IReadOnlyList<RunSample> samples) => new(Label, Command.ToString(), samples);
}
