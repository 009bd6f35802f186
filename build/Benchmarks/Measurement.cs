namespace Build.Benchmarks;

/// <summary>The runs of one command, summarised by their median (robust against a noisy machine) and spread.</summary>
internal sealed record Measurement(string Label, string Command, IReadOnlyList<RunSample> Samples)
{
    public double Median => MedianOf(Samples.Select(s => s.Seconds));

    public double Fastest => Samples.Min(s => s.Seconds);

    public double Slowest => Samples.Max(s => s.Seconds);

    /// <summary>User plus system CPU seconds, median.</summary>
    public double MedianCpu => MedianOf(Samples.Select(s => s.UserSeconds + s.SystemSeconds));

    public long PeakRssKiB => Samples.Max(s => s.PeakRssKiB);

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>What a comparison divides: median wall-clock time, or peak memory.</summary>
internal enum Metric
{
    Time,
    PeakMemory,
}

/// <summary>Ours against the tool people would otherwise use (or ours on other input), on the same input.</summary>
/// <param name="Goal">The ratio to stay under, or null for a comparison that only informs (a fixed cost).</param>
internal sealed record Comparison(string Name, string Input, Measurement Ours, Measurement Reference, double? Goal, Metric Metric = Metric.Time)
{
    /// <summary>Median time (or peak memory) of ours over that of the reference.</summary>
    public double Ratio => Metric == Metric.Time
        ? Ours.Median / Reference.Median
        : (double)Ours.PeakRssKiB / Reference.PeakRssKiB;
}
