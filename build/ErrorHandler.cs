using Cake.Core;
using XenBundle;
using XenBundle.Frosting;
using XenBundle.Frosting.Output;

namespace Build;

/// <summary>
/// Turns any failure into one <c>error:</c> line on stderr and the contract's exit code:
/// 1 for a failed build, 2 for bad usage or a bad recipe. Never a stack trace: an
/// unexpected exception is a bug, reported by type and message.
/// </summary>
public sealed class ErrorHandler : IFrostingErrorHandler
{
    public int Handle(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        // After SIGINT or SIGTERM whatever failed (a child process that got the signal too,
        // a step that stopped) failed because of it: one line, the interruption's.
        if ((exception as BuildInterruptedException ?? Interruption.Reason) is { } interrupted)
        {
            InterruptSignals.Report(interrupted);
            return interrupted.ExitCodeValue;
        }

        var (line, code) = exception switch
        {
            XenBundleException x => (x.ErrorLine, x.ExitCodeValue),
            BuildFailedException b => ("error: " + b.Message, ExitCode.BuildFailed),
            CakeException c => ("error: " + c.Message, c.ExitCode is 0 or 1 ? ExitCode.BuildFailed : c.ExitCode),
            _ => ($"error: unexpected {exception.GetType().Name}: {exception.Message} (a bug in XenBundle; please report it)", ExitCode.BuildFailed),
        };
        ConsoleText.WriteErrorLine(line);
        return code;
    }
}

/// <summary>A build step failed and has already said why (tests, several recipes).</summary>
public sealed class BuildFailedException : Exception
{
    public BuildFailedException(string message)
        : base(message)
    {
    }
}
