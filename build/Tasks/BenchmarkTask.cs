using Cake.XenBundle;
using System.Globalization;
using Build.Benchmarks;
using Cake.Core.Diagnostics;
using XenBundle;
using XenBundle.Bundling;
using XenBundle.Frosting;

namespace Build.Tasks;

[TaskName("Benchmark")]
[TaskDescription("Times ExtractIso, repodata, the whole pipeline and the host's start against bsdtar, createrepo_c, the one-pass shell floor and a shell chain on generated media, and counts the media bytes read (--runs=N, --size=SIZES, --only=extract,repodata,pipeline,startup); writes artifacts/bench/results.json")]
public sealed class BenchmarkTask : FrostingTask<BuildContext>
{
    public const double ExtractGoal = 0.8;
    public const double RepodataGoal = 1.0;
    public const double MemoryScaleGoal = 1.2;

    /// <summary>"Linear": time per GiB at the largest size within a tenth of that at the smallest (measured noise on this machine kind is about that).</summary>
    public const double TimeScaleGoal = 1.1;

    public override void Run(BuildContext context)
    {
        // Every option is checked before anything is generated or timed.
        var runs = Number(context, XenBundleOptions.Runs, 5);
        var sizes = BenchmarkSizes.Parse(context.Value(XenBundleOptions.Size));
        var parts = Parts(context);
        var directory = Path.Combine(context.ArtifactsDirectory, "bench");
        ArtifactsDirectory.CreateMarked(context.ArtifactsDirectory); // marked as XenBundle's: Clean removes them
        ArtifactsDirectory.CreateMarked(directory);
        var session = new BenchmarkSession(directory, runs, message => context.Log.Information(message.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal)));
        var comparisons = new List<Comparison>();
        var reads = new List<MediaRead>();
        if (parts.Contains("startup"))
        {
            comparisons.AddRange(StartupBenchmark.Run(session));
        }

        if (parts.Contains("extract"))
        {
            // The smallest and the largest size (1 GB and DVD-sized in the real run); the bytes read on the smallest.
            foreach (var size in sizes.Distinct().Where(s => s == sizes[0] || s == sizes[^1]))
            {
                var (time, read) = new ExtractIsoBenchmark($"ExtractIso vs bsdtar -xf, {BenchmarkSizes.Name(size)}", size, ExtractGoal, countReads: size == sizes[0]).Run(session);
                comparisons.Add(time);
                reads.AddRange(read is null ? [] : [read]);
            }

            comparisons.Add(new ExtractIsoBenchmark("startup: a 64 KiB image", 64 << 10).Run(session).Time);
        }

        if (parts.Contains("repodata"))
        {
            foreach (var size in sizes)
            {
                comparisons.AddRange(new RepodataBenchmark(size, RepodataGoal).RunAll(session));
            }
        }

        if (parts.Contains("pipeline"))
        {
            var pipelines = sizes.Select(size => new PipelineBenchmark(size, withChains: size == sizes[0])).ToList();
            foreach (var pipeline in pipelines)
            {
                var (times, read) = pipeline.RunAll(session);
                comparisons.AddRange(times);
                reads.AddRange(read);
            }

            if (pipelines.Count >= 2)
            {
                var (small, large) = (pipelines[0], pipelines[^1]);
                var input = $"{large.Size} against {small.Size} of media";
                comparisons.Add(new Comparison("peak RSS, largest vs smallest", input, large.Cold!, small.Cold!, MemoryScaleGoal, Metric.PeakMemory));
                comparisons.Add(new Comparison("time per GiB, largest vs smallest", input, large.Cold!, small.Cold!, TimeScaleGoal, Metric.Time, large.MediaBytes, small.MediaBytes));
            }
        }

        foreach (var line in ResultTable.Render(comparisons, reads, runs).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            BuildContext.Epilogue.Add(line);
        }

        BuildContext.Epilogue.Add($"results: {ResultsFile.Write(directory, sizes, comparisons, reads, runs)}");
    }

    /// <summary>Which measurements to take (--only=extract,repodata,pipeline,startup; all by default): the whole set takes a while.</summary>
    private static HashSet<string> Parts(BuildContext context)
    {
        string[] all = ["extract", "repodata", "pipeline", "startup"];
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
