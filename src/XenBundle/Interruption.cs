using XenBundle.Bundling;

namespace XenBundle;

/// <summary>
/// A request to stop the build, made when the process gets SIGINT or SIGTERM. From that
/// moment no artifact is completed: every temporary file being written is removed at once
/// and any further one is refused (<see cref="AtomicFile"/>), and long loops stop at their
/// next <see cref="ThrowIfRequested"/>. Process-wide, like the signal it stands for.
/// </summary>
public static class Interruption
{
    private static BuildInterruptedException? s_reason;

    public static bool IsRequested => Volatile.Read(ref s_reason) is not null;

    /// <summary>Why the build stops, once it was asked to.</summary>
    public static BuildInterruptedException? Reason => Volatile.Read(ref s_reason);

    /// <summary>Asks the build to stop; false when it already was.</summary>
    /// <param name="signal">The signal's name, <c>SIGINT</c>.</param>
    /// <param name="exitCode">128 + the signal's number, as shells report a process a signal ended.</param>
    public static bool Request(string signal, int exitCode)
    {
        if (Interlocked.CompareExchange(ref s_reason, new BuildInterruptedException(signal, exitCode), null) is not null)
        {
            return false;
        }

        AtomicFile.AbandonAll();
        return true;
    }

    public static void ThrowIfRequested()
    {
        if (Reason is { } reason)
        {
            throw new BuildInterruptedException(reason.Signal, reason.ExitCodeValue);
        }
    }
}

/// <summary>The build was stopped by a signal: nothing it was writing is left under a final name.</summary>
public sealed class BuildInterruptedException : XenBundleException
{
    public BuildInterruptedException(string signal, int exitCode)
        : base(null, $"interrupted by {signal}: stopped before the build was complete; nothing unfinished is left under a final name", exitCode)
    {
        Signal = signal;
    }

    public string Signal { get; }
}
