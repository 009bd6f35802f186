using Cake.XenBundle;
using System.Globalization;
using Build.Benchmarks;
using Cake.Core.Diagnostics;
using XenBundle;
using XenBundle.Bundling;
using XenBundle.Frosting;

namespace Build.Tasks;

[TaskName("Benchmark")]
[TaskDescription("Times ExtractIso, repodata and the whole pipeline against bsdtar, createrepo_c and a shell chain on generated media (--runs=N, --size=MiB, --only=extract,repodata,pipeline); writes artifacts/bench/results.json")]
public sealed class BenchmarkTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var runs = Number(context, XenBundleOptions.Runs, 5);
        var size = (long)Number(context, XenBundleOptions.Size, 1024) << 20;
        var directory = Path.Combine(context.ArtifactsDirectory, "bench");
        ArtifactsDirectory.CreateMarked(context.ArtifactsDirectory); // marked as XenBundle's: Clean removes them
        ArtifactsDirectory.CreateMarked(directory);
        var session = new BenchmarkSession(directory, runs, size, message => context.Log.Information(message.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal)));
        var parts = Parts(context);
        var comparisons = new List<Comparison>();
        if (parts.Contains("extract"))
        {
            comparisons.Add(new ExtractIsoBenchmark("ExtractIso vs bsdtar -xf", goal: 1.0).Run(session));
            comparisons.Add(new ExtractIsoBenchmark("startup: a 64 KiB image", imageBytes: 64 << 10).Run(session));
        }

        if (parts.Contains("repodata"))
        {
            comparisons.AddRange(new RepodataBenchmark(size, goal: 1.0).RunAll(session));
        }

        if (parts.Contains("pipeline"))
        {
            // The whole pipeline on media of the chosen size and of twice that size: the
            // times against the shell chain, the rerun, and whether memory stays flat.
            var small = new PipelineBenchmark(size, chainGoal: 0.6, rerunGoal: 0.1);
            var large = new PipelineBenchmark(2 * size, chainGoal: 0.6, rerunGoal: 0.1);
            comparisons.AddRange(small.RunAll(session));
            comparisons.AddRange(large.RunAll(session));
            comparisons.Add(new Comparison("peak memory, 2x media vs 1x", $"{2 * size >> 20} MiB against {size >> 20} MiB of media", large.Cold!, small.Cold!, Goal: 1.2, Metric.PeakMemory));
        }

        foreach (var line in ResultTable.Render(comparisons, runs).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            BuildContext.Epilogue.Add(line);
        }

        BuildContext.Epilogue.Add($"results: {ResultsFile.Write(directory, comparisons, runs)}");
    }

    /// <summary>Which measurements to take (--only=extract,repodata,pipeline; all by default): the whole set takes a quarter of an hour.</summary>
    private static HashSet<string> Parts(BuildContext context)
    {
        string[] all = ["extract", "repodata", "pipeline"];
        var text = context.Value(XenBundleOptions.Only);
        if (text is null)
        {
            return [.. all];
        }

        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = parts.FirstOrDefault(p => !all.Contains(p, StringComparer.Ordinal));
        if (parts.Count == 0 || unknown is not null)
        {
            throw new XenBundleException("--only", $"'{unknown ?? text}' is not one of {string.Join(", ", all)}", ExitCode.BadUsage);
        }

        return parts;
    }

    private static int Number(BuildContext context, XenBundleOption option, int fallback)
    {
        var text = context.Value(option);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new XenBundleException("--" + option.Name, $"'{text}' is not a positive whole number", ExitCode.BadUsage);
    }
}
