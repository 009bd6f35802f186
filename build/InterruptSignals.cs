using System.Runtime.InteropServices;
using XenBundle;
using XenBundle.Frosting.Output;

namespace Build;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM (kill, a CI job cancelled) stop a build cleanly: the
/// temporary files being written are removed at once, so nothing half written is ever
/// under a final name; the build stops at its next step; one <c>error:</c> line says why;
/// the exit code is 130 or 143, as shells report a process ended by those signals. When
/// the build has not stopped within <see cref="Grace"/> (a long read with no step to stop
/// at), or a second signal comes, the process exits there and then; nothing is left to
/// clean but what a kill -9 leaves, which the next run removes.
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    private static int s_reported;

    private readonly PosixSignalRegistration[] _registrations =
    [
        Register(PosixSignal.SIGINT, "SIGINT", ExitCode.Interrupted),
        Register(PosixSignal.SIGTERM, "SIGTERM", ExitCode.Terminated),
    ];

    /// <summary>Prints the interruption's line unless it was printed already: one line, whichever path stops the build.</summary>
    public static void Report(XenBundleException reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (Interlocked.Exchange(ref s_reported, 1) == 0)
        {
            ConsoleText.WriteErrorLine(reason.ErrorLine);
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private static PosixSignalRegistration Register(PosixSignal signal, string name, int exitCode) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true; // not the runtime's own exit: the build stops itself
            if (Interruption.Request(name, exitCode))
            {
                new Thread(() =>
                {
                    Thread.Sleep(Grace);
                    Exit();
                })
                { IsBackground = true, Name = "interrupt grace period" }.Start();
            }
            else
            {
                Exit();
            }
        });

    private static void Exit()
    {
        var reason = Interruption.Reason!;
        Report(reason);
        Console.Out.Flush();
        Console.Error.Flush();
        Environment.Exit(reason.ExitCodeValue);
    }
}
