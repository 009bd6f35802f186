namespace XenBundle.Tests.Support;

/// <summary>dnf reading repository directories offline: no system repositories (reposdir=/dev/null), a private cache, each directory given with --repofrompath.</summary>
internal static class Dnf
{
    /// <summary>One EL5 i686 repository (the demo's kind).</summary>
    public static IReadOnlyList<string> Query(string repository, params string[] command) =>
        Query(new Dictionary<string, string> { ["t"] = repository }, "5", "i686", command);

    /// <summary>
    /// Several repositories (id to directory) at once, as the installer sees them, for a
    /// release and architecture. The platform is named so that dnf shows modules offline.
    /// </summary>
    public static IReadOnlyList<string> Query(IReadOnlyDictionary<string, string> repositories, string releasever, string arch, params string[] command)
    {
        using var cache = new TempDirectory("dnfcache");
        var arguments = new List<string>
        {
            "-q", "--setopt=reposdir=/dev/null", $"--setopt=cachedir={cache.Path}", $"--releasever={releasever}", $"--forcearch={arch}",
            $"--setopt=module_platform_id=platform:el{releasever}",
        };
        foreach (var (id, directory) in repositories)
        {
            arguments.Add($"--repofrompath={id},file://{directory}");
            arguments.Add($"--repo={id}");
        }

        arguments.AddRange(command);
        var result = Tool.Run("/usr/bin/dnf", arguments).EnsureSuccess("dnf " + string.Join(' ', command));
        return [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)];
    }
}
