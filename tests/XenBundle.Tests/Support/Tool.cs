using System.Diagnostics;

namespace XenBundle.Tests.Support;

/// <summary>The result of running a program.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public ToolResult EnsureSuccess(string what)
    {
        Assert.That(ExitCode, Is.Zero, $"{what} failed ({ExitCode}):\n{Error}\n{Output}");
        return this;
    }
}

/// <summary>Runs the real tools the tests use as oracles and fixture makers.</summary>
internal static class Tool
{
    /// <summary>Debian package of each command, for the message when one is missing.</summary>
    private static readonly Dictionary<string, string> Packages = new()
    {
        ["genisoimage"] = "genisoimage",
        ["isoinfo"] = "genisoimage",
        ["xorriso"] = "xorriso",
        ["bsdtar"] = "libarchive-tools",
        ["rpmbuild"] = "rpm",
        ["rpm"] = "rpm",
        ["createrepo_c"] = "createrepo-c",
        ["modifyrepo_c"] = "createrepo-c",
        ["dnf"] = "dnf",
        ["virt-install"] = "virtinst",
        ["shellcheck"] = "shellcheck",
        ["git"] = "git",
        ["tar"] = "tar",
        ["fallocate"] = "util-linux",
        ["kill"] = "procps",
        ["realpath"] = "coreutils",
        ["env"] = "coreutils",
    };

    public static ToolResult Run(string command, IEnumerable<string> arguments, string? workingDirectory = null, IDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? input = null)
    {
        Require(command);
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["LC_ALL"] = "C.UTF-8";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{command} {string.Join(' ', start.ArgumentList)} did not finish in time");
        }

        process.WaitForExit();
        return new ToolResult(process.ExitCode, output.Result, error.Result);
    }

    public static ToolResult Run(string command, params string[] arguments) => Run(command, (IEnumerable<string>)arguments);

    /// <summary>Runs a shell command line with bash.</summary>
    public static ToolResult Shell(string script, string? workingDirectory = null, IDictionary<string, string>? environment = null) =>
        Run("bash", ["-c", script], workingDirectory, environment);

    /// <summary>Fails the test (never skips it) when an oracle is missing.</summary>
    public static void Require(string command)
    {
        if (command.Contains('/') ? File.Exists(command) : Which(command) is not null)
        {
            return;
        }

        var package = Packages.GetValueOrDefault(command, command);
        Assert.Fail($"'{command}' is not installed (Debian package {package}); ./build.sh --target=Test installs it");
    }

    public static string? Which(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);
}
