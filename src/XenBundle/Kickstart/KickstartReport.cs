using System.Text;
using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;
using XenBundle.Reporting;

namespace XenBundle.Kickstart;

/// <summary>
/// The kickstart section of the build report: the changes, each with its reason, and the
/// diff; and the lines the log shows. Secrets are masked in all of them (<see cref="KickstartSecrets"/>):
/// a reason or a warning may quote a URL with its password.
/// </summary>
public static class KickstartReport
{
    public static string Describe(KickstartResult result, string fileName)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append($"{Markdown.Text(fileName)} became `install/ks/kickstart.cfg` with {Count(result.Changes.Count, "change")} and {Count(result.Warnings.Count, "warning")} (under Warnings).\n\n");
        if (result.Changes.Count > 0)
        {
            var rows = result.Changes
                .OrderBy(c => c.Line.File != fileName).ThenBy(c => c.Line.File, StringComparer.Ordinal).ThenBy(c => c.Line.Number)
                .Select(c => (IReadOnlyList<string>)[c.Line.IsAdded ? "top" : c.Line.ToString(), KickstartText.ForDisplay(UrlCredentials.MaskIn(c.Why))]);
            text.Append(Markdown.Table(["line", "change"], rows)).Append('\n');
        }

        if (result.MaskedDiff.Length > 0)
        {
            text.Append(Markdown.Code(KickstartText.ForDisplay(result.MaskedDiff), "diff"));
        }

        return text.ToString();
    }

    /// <summary>A change as one line of the log: where, why, and the new text (passwords masked as <paramref name="dialect"/> reads them).</summary>
    public static string Describe(KickstartChange change, KickstartDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(dialect);
        var where = change.Line.IsAdded ? "top" : change.Line.ToString();
        var after = change.After.Length == 0 ? "(removed)"
            : change.After.Contains('\n', StringComparison.Ordinal) ? $"{change.After.Split('\n').Length} lines"
            : KickstartSecrets.Mask(change.After, dialect);
        return KickstartText.ForDisplay(UrlCredentials.MaskIn($"{where}: {change.Why}: {after}"));
    }

    /// <summary>A warning as one line of the report or the log.</summary>
    public static string Describe(KickstartWarning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        return KickstartText.ForDisplay(UrlCredentials.MaskIn(warning.Line.IsAdded ? "kickstart: " + warning.Message : warning.ToString()));
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
