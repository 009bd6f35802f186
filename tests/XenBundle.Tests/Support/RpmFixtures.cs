namespace XenBundle.Tests.Support;

/// <summary>
/// RPMs made at test time by tests/fixtures/make-repo-fixtures.sh (rpmbuild), once per
/// test run, plus the demo media's packages; every test copies what it needs.
/// </summary>
internal static class RpmFixtures
{
    private const string AlphaName = "alpha-1.0-1.x86_64.rpm";
    private const string BetaName = "beta-1.0-2.i686.rpm";
    private const string GammaName = "gamma-3.1-1.noarch.rpm";

    private static readonly Lazy<string> Made = new(Make, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>alpha (x86_64, epoch, pre/file requires, config/ghost/dir, 13 changelogs), beta (i686, weak deps), gamma (noarch, odd text).</summary>
    public static string Directory => Made.Value;

    public static string Alpha => Path.Combine(Directory, AlphaName);

    public static string Beta => Path.Combine(Directory, BetaName);

    public static string Gamma => Path.Combine(Directory, GammaName);

    /// <summary>
    /// The file name of every package of <see cref="All"/>, known without running rpmbuild: a test
    /// source that lists them must not make the packages when NUnit only discovers the tests
    /// (a run of the unit tests alone, on a machine without rpmbuild).
    /// </summary>
    public static IReadOnlyList<string> AllNames => [AlphaName, BetaName, GammaName, .. DemoPackages.Select(Path.GetFileName)!];

    /// <summary>Every package of the demo media (an EL5 CD set and a kickstart CD).</summary>
    public static IReadOnlyList<string> DemoPackages =>
        [.. System.IO.Directory.EnumerateFiles(Path.Combine(Repository.Demo, "media"), "*.rpm", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> All => [Alpha, Beta, Gamma, .. DemoPackages];

    /// <summary>Copies packages into a directory (made if needed) and returns it.</summary>
    public static string CopyTo(string directory, IEnumerable<string> packages)
    {
        System.IO.Directory.CreateDirectory(directory);
        foreach (var package in packages)
        {
            File.Copy(package, Path.Combine(directory, Path.GetFileName(package)), overwrite: true);
        }

        return directory;
    }

    /// <summary>Makes one more package with mkrpm (rpmtools.sh) into <paramref name="directory"/>.</summary>
    public static void MakeRpm(string directory, string sourceDateEpoch, params string[] arguments)
    {
        var script = $". {Quote(Path.Combine(Repository.Fixtures, "rpmtools.sh"))}; mkrpm {string.Join(' ', new[] { directory }.Concat(arguments).Select(Quote))}";
        Tool.Run("bash", ["-c", script], environment: new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = sourceDateEpoch })
            .EnsureSuccess("mkrpm " + string.Join(' ', arguments));
    }

    private static string Make()
    {
        Tool.Require("rpmbuild");
        var directory = Path.Combine(Path.GetTempPath(), $"xenbundle-rpmfixtures-{Environment.ProcessId}");
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }

        Tool.Run("bash", [Path.Combine(Repository.Fixtures, "make-repo-fixtures.sh"), directory]).EnsureSuccess("make-repo-fixtures.sh");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return directory;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
