using System.Diagnostics;

namespace XenBundle.Tests.Support;

/// <summary>
/// ./build.sh started without waiting for it, to be sent a signal while it runs. It runs
/// under <c>env --default-signal</c>, so that SIGINT reaches it even when the test host
/// inherited SIGINT ignored (as a background job of a shell without job control does).
/// </summary>
internal sealed class RunningBuild : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    private RunningBuild(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    public static RunningBuild Start(IEnumerable<string> arguments, string workingDirectory)
    {
        Tool.Require("env");
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in new[] { "--default-signal=INT,TERM", Repository.BuildScript }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["LC_ALL"] = "C.UTF-8";
        return new RunningBuild(Process.Start(start)!);
    }

    /// <summary>The build's process id (env and build.sh exec the host, so it is the host's too).</summary>
    public int Id => _process.Id;

    /// <summary>Sends a signal (kill -s NAME PID); false when the build had already ended.</summary>
    public bool Signal(string signal) =>
        !_process.HasExited && Tool.Run("kill", "-s", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ExitCode == 0;

    public ToolResult WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"./build.sh did not end within {timeout.TotalSeconds} s of the signal");
        }

        _process.WaitForExit();
        return new ToolResult(_process.ExitCode, _output.Result, _error.Result);
    }

    public void Dispose() => _process.Dispose();
}
