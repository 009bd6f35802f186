namespace XenBundle;

/// <summary>
/// A failure the user can act on: bad input, a missing file, a broken medium.
/// Printed as one line, <c>error: LOCATION: MESSAGE</c>, never as a stack trace.
/// </summary>
public class XenBundleException : Exception
{
    public XenBundleException(string? location, string message, int exitCode = ExitCode.BuildFailed, Exception? innerException = null)
        : base(message, innerException)
    {
        Location = location;
        ExitCodeValue = exitCode;
    }

    /// <summary>Where: <c>file:line</c>, <c>image.iso: offset N</c>, a recipe key or an option.</summary>
    public string? Location { get; }

    public int ExitCodeValue { get; }

    /// <summary>
    /// The single line shown to the user. Messages quote hostile input (a name, an XML
    /// token), so control characters are written as <c>\xNN</c>: the line can neither break
    /// in two nor carry a terminal escape sequence into a CI log.
    /// </summary>
    public string ErrorLine => PrintableText.Of(Location is null ? $"error: {Message}" : $"error: {Location}: {Message}");
}

/// <summary>
/// The exit codes of a run: the one list that build.sh's <c>--help</c> prints (<see cref="Meanings"/>)
/// and docs/commands.md gives (a test holds the page to it). A signal gives 128 + its number
/// (<see cref="Interruption.Request"/>).
/// </summary>
public static class ExitCode
{
    public const int Success = 0;
    public const int BuildFailed = 1;
    public const int BadUsage = 2;
    public const int Interrupted = 128 + 2;
    public const int Terminated = 128 + 15;

    /// <summary>Each code with what it means, in the words --help shows.</summary>
    public static IReadOnlyList<(int Code, string Meaning)> Meanings { get; } =
    [
        (Success, "success"),
        (BuildFailed, "a build failed (bad media, a failing task or test)"),
        (BadUsage, "bad usage: an unknown target or option, a bad value, a bad recipe"),
        (Interrupted, "interrupted by SIGINT (Ctrl-C): nothing unfinished is left under a final name"),
        (Terminated, "stopped by SIGTERM: nothing unfinished is left under a final name"),
    ];
}
