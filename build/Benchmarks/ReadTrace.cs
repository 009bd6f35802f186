using System.Diagnostics;

namespace Build.Benchmarks;

/// <summary>
/// Runs a command once under <c>strace -f -qq -y</c>, tracing the calls that read
/// (read, pread64, readv, preadv, preadv2) in every thread and child, and counts the bytes
/// they returned from the given files. Untimed: strace slows every call it stops.
/// Reads through mmap or copy_file_range would not be counted; XenBundle reads with
/// RandomAccess (pread) on its images, so these calls are what it does.
/// </summary>
internal static class ReadTrace
{
    public const string Strace = "strace";

    public static MediaRead Count(BenchmarkSession session, string name, string input, TimedCommand command, IReadOnlyList<string> files, double? goal)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(files);
        var trace = Path.Combine(session.Directory, "scratch", "strace.out");
        command.Prepare();
        try
        {
            CommandLine.Run(Strace, ["-f", "-qq", "-y", "-e", "trace=read,pread64,readv,preadv,preadv2", "-o", trace, command.Command.Program, .. command.Command.Arguments]);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new BuildFailedException("the benchmark needs strace to count the bytes read (Debian package 'strace': apt-get install -y strace)");
        }

        var byPath = StraceReads.BytesByPath(File.ReadLines(trace));
        File.Delete(trace);

        // strace names a file by the kernel's path (links resolved), so each is looked up as such.
        var real = RealPaths(files);
        var read = files.Zip(real).ToDictionary(f => f.First, f => byPath.GetValueOrDefault(f.Second), StringComparer.Ordinal);
        var size = files.Sum(f => new FileInfo(f).Length);
        session.Say($"  {name}: {read.Values.Sum():N0} bytes read of {size:N0} ({(double)read.Values.Sum() / size:0.000}x)");
        return new MediaRead(name, input, command.Label, command.Command.ToString(), read, size, goal);
    }

    /// <summary>Each file's path as the kernel names it (realpath -e).</summary>
    private static List<string> RealPaths(IReadOnlyList<string> files)
    {
        var start = new ProcessStartInfo("realpath") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add("-z");
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start) ?? throw new BuildFailedException("cannot start realpath");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var paths = output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        return process.ExitCode == 0 && paths.Length == files.Count
            ? [.. paths]
            : throw new BuildFailedException($"realpath -e failed on the benchmark's media: {error.Result.Trim()}");
    }
}
