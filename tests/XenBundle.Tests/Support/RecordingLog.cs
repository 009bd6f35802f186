using XenBundle.Media;
using XenBundle.Pipeline;

namespace XenBundle.Tests.Support;

/// <summary>A pipeline log that keeps the warnings, for tests that assert what a user is told.</summary>
internal sealed class RecordingLog : IPipelineLog
{
    public List<string> Warnings { get; } = [];

    public void Information(string message)
    {
    }

    public void Verbose(string message)
    {
    }

    public void Warning(string message) => Warnings.Add(message);

    public IOperationProgress Progress(string operation, long total) => SilentProgress.Instance;
}
