using System.Diagnostics;

namespace Build;

/// <summary>
/// The Debian tools the tests use as oracles and fixture makers. Missing ones are
/// installed with apt-get when that is possible (root, apt present); otherwise the
/// run fails naming the packages to install.
/// </summary>
internal static class TestPrerequisites
{
    private static readonly (string Check, string Package)[] Required =
    [
        ("genisoimage", "genisoimage"),
        ("xorriso", "xorriso"),
        ("bsdtar", "libarchive-tools"),
        ("rpmbuild", "rpm"),
        ("createrepo_c", "createrepo-c"),
        ("dnf", "dnf"),
        ("virt-install", "virtinst"),
        ("shellcheck", "shellcheck"),
        ("rsync", "rsync"),
        ("git", "git"),
        ("fallocate", "util-linux"),
        ("kill", "procps"),
        ("python3:createrepo_c", "python3-createrepo-c"),
        ("python3:libvirt", "python3-libvirt"),
        ("python3:yaml", "python3-yaml"),
    ];

    public static IReadOnlyList<string> Missing() =>
        Required.Where(r => !Present(r.Check)).Select(r => r.Package).Distinct().ToList();

    /// <summary>Installs what is missing, or throws naming it.</summary>
    public static void Ensure(Action<string> say)
    {
        var missing = Missing();
        if (missing.Count == 0)
        {
            return;
        }

        var canInstall = Environment.UserName == "root" && File.Exists("/usr/bin/apt-get");
        if (!canInstall)
        {
            throw new BuildFailedException($"the tests need these Debian packages: {string.Join(' ', missing)} (apt-get install -y {string.Join(' ', missing)})");
        }

        say($"installing test tools: {string.Join(' ', missing)}");
        Run("apt-get", ["update", "-qq"]);
        Run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", .. missing]);
        var still = Missing();
        if (still.Count > 0)
        {
            throw new BuildFailedException($"apt-get did not install: {string.Join(' ', still)}");
        }
    }

    private static bool Present(string check)
    {
        if (check.StartsWith("python3:", StringComparison.Ordinal))
        {
            // Debian's python3, where Debian's python3-* modules live (not a pyenv one).
            return File.Exists("/usr/bin/python3") && Run("/usr/bin/python3", ["-c", "import " + check["python3:".Length..]], quiet: true) == 0;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(dir => File.Exists(Path.Combine(dir, check)))
            || File.Exists(Path.Combine("/usr/sbin", check));
    }

    private static int Run(string command, IEnumerable<string> arguments, bool quiet = false)
    {
        var start = new ProcessStartInfo(command) { UseShellExecute = false, RedirectStandardOutput = quiet, RedirectStandardError = quiet };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        if (quiet)
        {
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
        }

        process.WaitForExit();
        if (!quiet && process.ExitCode != 0)
        {
            throw new BuildFailedException($"{command} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}");
        }

        return process.ExitCode;
    }
}
