namespace XenBundle.Frosting;

/// <summary>The process exit codes of a build.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line (an unknown target or option, a bad value) is wrong.</summary>
    public const int BadUsage = 2;
}
