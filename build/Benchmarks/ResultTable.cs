using System.Globalization;
using System.Text;

namespace Build.Benchmarks;

/// <summary>The comparisons as a plain-text table: medians, spread, CPU, peak memory and the ratio.</summary>
internal static class ResultTable
{
    public static string Render(IReadOnlyList<Comparison> comparisons, int runs)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Warm page cache, median of {runs} runs (min-max), wall-clock seconds:");
        var header = string.Format(CultureInfo.InvariantCulture, "{0,-26} {1,-12} {2,22} {3,9} {4,10} {5,7}", "benchmark", "command", "median (min-max) s", "cpu s", "peak RSS", "ratio");
        text.AppendLine(header).AppendLine(new string('-', header.Length));
        foreach (var comparison in comparisons)
        {
            Row(text, comparison.Name, comparison.Ours, comparison.Ratio.ToString("0.00", CultureInfo.InvariantCulture));
            Row(text, string.Empty, comparison.Reference, "1.00");
        }

        foreach (var comparison in comparisons)
        {
            var verdict = comparison.Goal is not { } goal ? "for information"
                : comparison.Ratio <= goal ? $"goal met (<= {goal:0.0})" : $"goal missed (> {goal:0.0})";
            var what = comparison.Metric == Metric.Time ? "time" : "peak memory";
            text.AppendLine(CultureInfo.InvariantCulture, $"{comparison.Name} on {comparison.Input}: {what} ours/reference = {comparison.Ratio:0.00}, {verdict}");
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, Measurement measurement, string ratio) =>
        text.AppendLine(string.Format(
            CultureInfo.InvariantCulture,
            "{0,-26} {1,-12} {2,22} {3,9:0.00} {4,7} MiB {5,7}",
            name,
            measurement.Label,
            $"{measurement.Median:0.000} ({measurement.Fastest:0.000}-{measurement.Slowest:0.000})",
            measurement.MedianCpu,
            measurement.PeakRssKiB / 1024,
            ratio));
}
