using System.Diagnostics;

namespace Build.Benchmarks;

/// <summary>A program and its arguments, run to completion; a failure stops the benchmark.</summary>
internal sealed record CommandLine(string Program, IReadOnlyList<string> Arguments)
{
    public override string ToString() => string.Join(' ', Arguments.Prepend(Program).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));

    public static void Run(string program, IReadOnlyList<string> arguments) => new CommandLine(program, arguments).Run();

    /// <summary>Runs the command with its output discarded (a progress display must not cost time on a terminal).</summary>
    public void Run()
    {
        var start = new ProcessStartInfo(Program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new BuildFailedException($"cannot start {Program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var lines = (error.Result + output.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            throw new BuildFailedException($"{this} failed with exit code {process.ExitCode}: {string.Join(" / ", lines.TakeLast(3))}");
        }
    }
}
