namespace XenBundle.Frosting;

/// <summary>
/// The exit codes the host itself returns, before any task runs (as Cake's own host does for
/// its command line). The host knows nothing of the product it runs, so it cannot use the
/// product's list; a test (HelpAndExitCodeTests) holds the two to the same numbers, and
/// every other code comes from the build's error handler.
/// </summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line (an unknown target or option, a bad value) is wrong.</summary>
    public const int BadUsage = 2;
}
