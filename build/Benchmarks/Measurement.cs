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

/// <summary>What a comparison divides.</summary>
internal enum Metric
{
    /// <summary>Median wall-clock time, each side first divided by its <see cref="Comparison.OursPer"/> or <see cref="Comparison.ReferencePer"/> (1, or the bytes of its input for time per GiB).</summary>
    Time,

    /// <summary>Peak resident memory.</summary>
    PeakMemory,

    /// <summary>Ours' median wall-clock seconds alone, against an absolute goal; the reference is shown beside it for scale.</summary>
    Seconds,
}

/// <summary>Ours against the tool people would otherwise use (or ours on other input), on the same input.</summary>
/// <param name="Goal">The value to stay at or under, or null for a comparison that only informs (a fixed cost, where the time goes).</param>
internal sealed record Comparison(string Name, string Input, Measurement Ours, Measurement Reference, double? Goal, Metric Metric = Metric.Time, double OursPer = 1, double ReferencePer = 1)
{
    /// <summary>Median time (or peak memory) of ours over that of the reference; for <see cref="Metric.Seconds"/>, ours' median seconds.</summary>
    public double Ratio => Metric switch
    {
        Metric.Time => Ours.Median / OursPer / (Reference.Median / ReferencePer),
        Metric.PeakMemory => (double)Ours.PeakRssKiB / Reference.PeakRssKiB,
        _ => Ours.Median,
    };

    public bool? GoalMet => Goal is { } goal ? Ratio <= goal : null;
}

/// <summary>
/// The bytes one run of a command read from the files it was given (strace), against their
/// size: 1.0 is each byte read once.
/// </summary>
/// <param name="BytesByFile">Per file (the kernel's path), the bytes read from it; files never read are listed with 0.</param>
/// <param name="Goal">The ratio to stay at or under, or null for a figure that only informs.</param>
internal sealed record MediaRead(string Name, string Input, string Label, string Command, IReadOnlyDictionary<string, long> BytesByFile, long MediaBytes, double? Goal)
{
    public long BytesRead => BytesByFile.Values.Sum();

    public double Ratio => (double)BytesRead / MediaBytes;

    public bool? GoalMet => Goal is { } goal ? Ratio <= goal : null;
}
