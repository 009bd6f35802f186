using System.Diagnostics;
using System.Globalization;

namespace Build.Benchmarks;

/// <summary>
/// Times a command as a child process: wall-clock with a stopwatch (GNU time's is in
/// hundredths, too coarse for a command that takes milliseconds), user and system CPU
/// seconds and peak resident memory with GNU time (<c>/usr/bin/time -f '%U %S %M'</c>),
/// since .NET cannot read those for a child that has exited.
/// </summary>
internal sealed class CommandTimer
{
    public const string GnuTime = "/usr/bin/time";

    private readonly string _report;

    public CommandTimer(string scratch)
    {
        if (!File.Exists(GnuTime))
        {
            throw new BuildFailedException($"the benchmark needs GNU time at {GnuTime} (Debian package 'time': apt-get install -y time)");
        }

        Directory.CreateDirectory(scratch);
        _report = Path.Combine(scratch, "time.out");
    }

    public RunSample Time(CommandLine command)
    {
        File.Delete(_report);
        var clock = Stopwatch.StartNew();
        CommandLine.Run(GnuTime, ["-f", "%U %S %M", "-o", _report, command.Program, .. command.Arguments]);
        var seconds = Math.Round(clock.Elapsed.TotalSeconds, 4);
        var fields = File.ReadAllLines(_report).Last(l => l.Length > 0).Split(' ');
        double Number(int i) => double.Parse(fields[i], CultureInfo.InvariantCulture);
        return new RunSample(seconds, Number(0), Number(1), long.Parse(fields[2], CultureInfo.InvariantCulture));
    }
}
