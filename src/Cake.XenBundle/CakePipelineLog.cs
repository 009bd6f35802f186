using Cake.Core.Diagnostics;
using XenBundle.Media;
using XenBundle.Pipeline;

namespace Cake.XenBundle;

/// <summary>The pipeline's log on the Cake log; progress on the console unless quiet.</summary>
public sealed class CakePipelineLog(ICakeLog log) : IPipelineLog
{
    public void Information(string message) => log.Information(Escape(message));

    public void Verbose(string message) => log.Verbose(Escape(message));

    public void Warning(string message) => log.Warning(Escape(message));

    public IOperationProgress Progress(string operation, long total) =>
        log.Verbosity >= Verbosity.Normal ? new ConsoleProgress(operation, total) : SilentProgress.Instance;

    // Cake formats messages with string.Format: braces in paths must not be taken as placeholders.
    private static string Escape(string message) => message.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
