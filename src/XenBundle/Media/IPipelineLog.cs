namespace XenBundle.Media;

/// <summary>Where the pipeline says what it does (the Cake log, or nothing in tests).</summary>
public interface IPipelineLog
{
    void Information(string message);

    void Verbose(string message);

    void Warning(string message);

    /// <summary>Progress of a long operation, reported as bytes done; dispose when finished.</summary>
    IOperationProgress Progress(string operation, long total);
}

/// <summary>A log that drops everything.</summary>
public sealed class NullPipelineLog : IPipelineLog
{
    public static NullPipelineLog Instance { get; } = new();

    public void Information(string message)
    {
    }

    public void Verbose(string message)
    {
    }

    public void Warning(string message)
    {
    }

    public IOperationProgress Progress(string operation, long total) => SilentProgress.Instance;
}

/// <summary>Progress of one long operation (bytes done, reported as increments).</summary>
public interface IOperationProgress : IProgress<long>, IDisposable;

/// <summary>Progress that is not shown.</summary>
public sealed class SilentProgress : IOperationProgress
{
    public static SilentProgress Instance { get; } = new();

    public void Report(long value)
    {
    }

    public void Dispose()
    {
    }
}
