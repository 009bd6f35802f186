using System.Globalization;
using Build.Benchmarks;
using Cake.Core.Diagnostics;
using XenBundle;
using XenBundle.Frosting;

namespace Build.Tasks;

[TaskName("Benchmark")]
[TaskDescription("Times ExtractIso against bsdtar on a generated ~1 GB image (--runs=N, default 5; --size=MiB) and writes artifacts/bench/results.json")]
public sealed class BenchmarkTask : FrostingTask<BuildContext>
{
    private static readonly IBenchmark[] Benchmarks =
    [
        new ExtractIsoBenchmark("ExtractIso vs bsdtar -xf", goal: 1.0),
        new ExtractIsoBenchmark("startup: a 64 KiB image", imageBytes: 64 << 10),
    ];

    public override void Run(BuildContext context)
    {
        var runs = Number(context, "runs", 5);
        var size = Number(context, "size", 1024);
        var directory = Path.Combine(context.ArtifactsDirectory, "bench");
        var session = new BenchmarkSession(directory, runs, (long)size << 20, message => context.Log.Information(message.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal)));
        var comparisons = Benchmarks.Select(b => b.Run(session)).ToList();
        foreach (var line in ResultTable.Render(comparisons, runs).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            BuildContext.Epilogue.Add(line);
        }

        BuildContext.Epilogue.Add($"results: {ResultsFile.Write(directory, comparisons, runs)}");
    }

    private static int Number(BuildContext context, string option, int fallback)
    {
        var text = context.Argument(option);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new XenBundleException("--" + option, $"'{text}' is not a positive whole number", ExitCode.BadUsage);
    }
}
