using System.Text.Json;
using System.Text.Json.Serialization;

namespace Build.Benchmarks;

/// <summary>artifacts/bench/results.json: every sample of every comparison, for CI trends and later analysis.</summary>
internal static class ResultsFile
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Write(string directory, IReadOnlyList<Comparison> comparisons, int runs)
    {
        var document = new Document(
            DateTimeOffset.UtcNow,
            "warm page cache; sync before every timed run; runs alternate between ours and the reference",
            runs,
            new Machine(Environment.ProcessorCount, System.Runtime.InteropServices.RuntimeInformation.OSDescription, LoadAverage()),
            [.. comparisons.Select(c => new Entry(c.Name, c.Input, c.Metric == Metric.Time ? "median seconds" : "peak RSS", c.Ratio, c.Goal, Describe(c.Ours), Describe(c.Reference)))]);
        var path = Path.Combine(directory, "results.json");
        File.WriteAllText(path, JsonSerializer.Serialize(document, Options));
        return path;
    }

    private static Side Describe(Measurement m) => new(m.Label, m.Command, m.Median, m.Fastest, m.Slowest, m.MedianCpu, m.PeakRssKiB, m.Samples);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    private sealed record Document(DateTimeOffset Time, string Conditions, int Runs, Machine Machine, IReadOnlyList<Entry> Comparisons);

    private sealed record Machine(int Cores, string System, [property: JsonPropertyName("loadavg")] string LoadAverage);

    private sealed record Entry(string Name, string Input, string Ratio_Of, double Ratio, double? Goal, Side Ours, Side Reference);

    private sealed record Side(string Label, string Command, double MedianSeconds, double FastestSeconds, double SlowestSeconds, double MedianCpuSeconds, long PeakRssKiB, IReadOnlyList<RunSample> Samples);
}
