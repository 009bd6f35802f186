namespace XenBundle.Tests.Support;

/// <summary>dnf reading a repository directory offline, as FORMATS.md section 5 shows: no system repos, a private cache.</summary>
internal static class Dnf
{
    public static IReadOnlyList<string> Query(string repository, params string[] command)
    {
        using var cache = new TempDirectory("dnfcache");
        var arguments = new List<string>
        {
            "-q", "--setopt=reposdir=/dev/null", $"--setopt=cachedir={cache.Path}", "--releasever=5", "--forcearch=i686",
            $"--repofrompath=t,file://{repository}", "--repo=t",
        };
        arguments.AddRange(command);
        var result = Tool.Run("/usr/bin/dnf", arguments).EnsureSuccess("dnf " + string.Join(' ', command));
        return [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)];
    }
}
