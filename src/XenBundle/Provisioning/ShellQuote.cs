namespace XenBundle.Provisioning;

/// <summary>
/// Puts a value into a generated shell script as one word. The recipe has already
/// validated every value; this is the second guard, so that a value that slipped
/// through can never become shell syntax.
/// </summary>
public static class ShellQuote
{
    /// <summary>The value in single quotes (<c>'</c> inside becomes <c>'\''</c>).</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Any(char.IsControl))
        {
            // A newline would end the command in the middle of a value.
            throw new XenBundleException("dom0 scripts", $"'{Tree.TreePath.Printable(value)}' holds a control character and cannot go into a shell script");
        }

        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
