namespace XenBundle.Frosting.Output;

/// <summary>
/// Whether colour codes may be written. Only to a terminal: redirected into a file or a CI
/// log they are noise (and a reader's grep for <c>error:</c> must match at the line's start).
/// NO_COLOR (https://no-color.org) and TERM=dumb turn them off on a terminal too.
/// </summary>
internal static class Terminal
{
    public static bool ColoursOnOutput => !System.Console.IsOutputRedirected && ColoursWanted;

    public static bool ColoursOnError => !System.Console.IsErrorRedirected && ColoursWanted;

    private static bool ColoursWanted =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && Environment.GetEnvironmentVariable("TERM") is not (null or "" or "dumb");
}
