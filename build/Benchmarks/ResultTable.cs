using System.Globalization;
using System.Text;

namespace Build.Benchmarks;

/// <summary>
/// The comparisons as a plain-text table (medians, spread, CPU, peak memory and the ratio),
/// the bytes read from the media as a second one, then one line per row with its goal:
/// met, missed, or none (for information).
/// </summary>
internal static class ResultTable
{
    private const string TimeRow = "{0,-44} {1,-17} {2,24} {3,9:0.00} {4,7} MiB {5,8}";
    private const string ReadRow = "{0,-44} {1,-17} {2,24} {3,24} {4,8}";

    public static string Render(IReadOnlyList<Comparison> comparisons, IReadOnlyList<MediaRead> reads, int runs)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(reads);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Warm page cache, median of {runs} runs (min-max), wall-clock seconds:");
        Header(text, string.Format(CultureInfo.InvariantCulture, "{0,-44} {1,-17} {2,24} {3,9} {4,11} {5,8}", "benchmark", "command", "median (min-max) s", "cpu s", "peak RSS", "ratio"));
        foreach (var comparison in comparisons)
        {
            var seconds = comparison.Metric == Metric.Seconds;
            Row(text, comparison.Name, comparison.Ours, Value(comparison.Ratio, seconds) + (seconds ? " s" : string.Empty));
            Row(text, string.Empty, comparison.Reference, seconds ? string.Empty : "1.00");
        }

        if (reads.Count > 0)
        {
            text.AppendLine().AppendLine("Bytes read from the media in one run (strace -f: read, pread64, readv, preadv, preadv2 on the image files):");
            Header(text, string.Format(CultureInfo.InvariantCulture, ReadRow, "benchmark", "command", "bytes read", "media bytes", "ratio"));
            foreach (var read in reads)
            {
                text.AppendLine(string.Format(CultureInfo.InvariantCulture, ReadRow, read.Name, read.Label, read.BytesRead.ToString("N0", CultureInfo.InvariantCulture), read.MediaBytes.ToString("N0", CultureInfo.InvariantCulture), read.Ratio.ToString("0.000", CultureInfo.InvariantCulture)));
            }
        }

        text.AppendLine();
        foreach (var comparison in comparisons)
        {
            var (what, unit) = comparison.Metric switch
            {
                Metric.Seconds => ("median seconds", " s"),
                Metric.PeakMemory => ("peak memory ours/reference", string.Empty),
                _ when comparison.OursPer != 1 => ("time per GiB ours/reference", string.Empty),
                _ => ("time ours/reference", string.Empty),
            };
            text.AppendLine(CultureInfo.InvariantCulture, $"{comparison.Name} on {comparison.Input}: {what} = {Value(comparison.Ratio, comparison.Metric == Metric.Seconds)}{unit}, {Verdict(comparison.Goal, comparison.GoalMet, unit)}");
        }

        foreach (var read in reads)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{read.Name} on {read.Input}: bytes read / media bytes = {read.Ratio:0.000}, {Verdict(read.Goal, read.GoalMet, string.Empty)}");
        }

        return text.ToString();
    }

    private static string Value(double value, bool seconds) => value.ToString(seconds ? "0.000" : "0.00", CultureInfo.InvariantCulture);

    private static string Verdict(double? goal, bool? met, string unit) => (goal, met) switch
    {
        ({ } g, true) => $"goal met (<= {g.ToString("0.0##", CultureInfo.InvariantCulture)}{unit})",
        ({ } g, _) => $"goal missed (> {g.ToString("0.0##", CultureInfo.InvariantCulture)}{unit})",
        _ => "for information",
    };

    private static void Header(StringBuilder text, string header) => text.AppendLine(header).AppendLine(new string('-', header.Length));

    private static void Row(StringBuilder text, string name, Measurement measurement, string ratio) =>
        text.AppendLine(string.Format(
            CultureInfo.InvariantCulture,
            TimeRow,
            name,
            measurement.Label,
            string.Create(CultureInfo.InvariantCulture, $"{measurement.Median:0.000} ({measurement.Fastest:0.000}-{measurement.Slowest:0.000})"),
            measurement.MedianCpu,
            measurement.PeakRssKiB / 1024,
            ratio));
}
