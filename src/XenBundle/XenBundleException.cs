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
/// The exit codes of a failed run, as build.sh's <c>--help</c> lists them (build/Program.cs).
/// 0 is success; a signal gives 128 + its number (<see cref="Interruption.Request"/>).
/// </summary>
public static class ExitCode
{
    public const int BuildFailed = 1;
    public const int BadUsage = 2;
}
