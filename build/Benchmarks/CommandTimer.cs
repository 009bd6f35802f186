using System.Globalization;

namespace Build.Benchmarks;

/// <summary>
/// Times a command as a child process with GNU time (<c>/usr/bin/time -f '%e %U %S %M'</c>):
/// wall-clock seconds, user and system CPU seconds, and peak resident memory, which
/// .NET cannot read for a child that has exited.
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
        CommandLine.Run(GnuTime, ["-f", "%e %U %S %M", "-o", _report, command.Program, .. command.Arguments]);
        var fields = File.ReadAllLines(_report).Last(l => l.Length > 0).Split(' ');
        double Number(int i) => double.Parse(fields[i], CultureInfo.InvariantCulture);
        return new RunSample(Number(0), Number(1), Number(2), long.Parse(fields[3], CultureInfo.InvariantCulture));
    }
}
