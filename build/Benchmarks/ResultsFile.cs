using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Build.Benchmarks;

/// <summary>artifacts/bench/results.json: every row of the table with every run's figures, for CI trends and later analysis.</summary>
internal static class ResultsFile
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Write(string directory, IReadOnlyList<long> sizes, IReadOnlyList<Comparison> comparisons, IReadOnlyList<MediaRead> reads, int runs)
    {
        var document = new Document(
            DateTimeOffset.UtcNow,
            "warm page cache; sync before every timed run; runs rotate among the commands measured together; bytes read counted in one untimed run under strace -f",
            runs,
            [.. sizes.Select(BenchmarkSizes.Name)],
            new Machine(Environment.ProcessorCount, System.Runtime.InteropServices.RuntimeInformation.OSDescription, LoadAverage()),
            [.. comparisons.Select(c => new Entry(c.Name, c.Input, RatioOf(c), c.Ratio, c.Goal, c.GoalMet, Describe(c.Ours), Describe(c.Reference)))],
            [.. reads.Select(r => new ReadEntry(r.Name, r.Input, r.Label, r.Command, r.BytesRead, r.MediaBytes, r.Ratio, r.Goal, r.GoalMet, r.BytesByFile))]);
        var path = Path.Combine(directory, "results.json");
        File.WriteAllText(path, JsonSerializer.Serialize(document, Options));
        return path;
    }

    private static string RatioOf(Comparison c) => c.Metric switch
    {
        Metric.Seconds => "ours' median seconds (absolute)",
        Metric.PeakMemory => "peak RSS",
        _ when c.OursPer != 1 => string.Create(CultureInfo.InvariantCulture, $"median seconds per byte (ours over {c.OursPer:0} bytes, reference over {c.ReferencePer:0})"),
        _ => "median seconds",
    };

    private static Side Describe(Measurement m) => new(m.Label, m.Command, m.Median, m.Fastest, m.Slowest, m.MedianCpu, m.PeakRssKiB, m.Samples);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    private sealed record Document(DateTimeOffset Time, string Conditions, int Runs, IReadOnlyList<string> Sizes, Machine Machine, IReadOnlyList<Entry> Comparisons, IReadOnlyList<ReadEntry> Reads);

    private sealed record Machine(int Cores, string System, [property: JsonPropertyName("loadavg")] string LoadAverage);

    private sealed record Entry(string Name, string Input, string Ratio_Of, double Ratio, double? Goal, bool? GoalMet, Side Ours, Side Reference);

    private sealed record ReadEntry(string Name, string Input, string Label, string Command, long BytesRead, long MediaBytes, double Ratio, double? Goal, bool? GoalMet, IReadOnlyDictionary<string, long> BytesByFile);

    private sealed record Side(string Label, string Command, double MedianSeconds, double FastestSeconds, double SlowestSeconds, double MedianCpuSeconds, long PeakRssKiB, IReadOnlyList<RunSample> Samples);
}
