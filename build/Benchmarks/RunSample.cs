namespace Build.Benchmarks;

/// <summary>One timed run of a command: wall-clock, CPU and peak memory, as GNU time reports them.</summary>
internal sealed record RunSample(double Seconds, double UserSeconds, double SystemSeconds, long PeakRssKiB);
