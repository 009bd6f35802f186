namespace XenBundle;

/// <summary>
/// A request to stop the build, made when the process gets SIGINT or SIGTERM. From that
/// moment no artifact is completed: every temporary file being written is removed at once
/// and any further one is refused (the atomic file writer registers for that with
/// <see cref="OnRequest"/>), and long loops stop at their next <see cref="ThrowIfRequested"/>.
/// Process-wide, like the signal it stands for. It sits at the bottom of the layers: what
/// must happen on a request registers here, so this class knows none of it.
/// </summary>
public static class Interruption
{
    private static readonly List<Action> s_onRequest = [];
    private static BuildInterruptedException? s_reason;

    /// <summary>Runs <paramref name="action"/> once the build is asked to stop (at once when it already was).</summary>
    public static void OnRequest(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (s_onRequest)
        {
            s_onRequest.Add(action);
        }

        if (IsRequested)
        {
            action();
        }
    }

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

        Action[] actions;
        lock (s_onRequest)
        {
            actions = [.. s_onRequest];
        }

        foreach (var action in actions)
        {
            action();
        }

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
