namespace XenBundle.Tests.Support;

/// <summary>
/// tests/fixtures/compare-repodata.py: two repositories' metadata loaded by createrepo_c's
/// own Python module and compared field by field, times left out.
/// </summary>
internal static class RepodataCompare
{
    /// <summary>Debian's Python, which has python3-createrepo-c (the python3 on PATH may be another).</summary>
    public const string Python = "/usr/bin/python3";

    private static string Script => Path.Combine(Repository.Fixtures, "compare-repodata.py");

    /// <summary>The normalized JSON of one repository.</summary>
    public static string Dump(string repository) =>
        Tool.Run(Python, Script, repository).EnsureSuccess("compare-repodata.py " + repository).Output;

    /// <summary>The diff of two repositories (empty when equal) and whether the script says they differ.</summary>
    public static (bool Differ, string Diff) Diff(string left, string right)
    {
        var result = Tool.Run(Python, Script, left, right);
        Assert.That(result.ExitCode, Is.AnyOf(0, 1), $"compare-repodata.py failed:\n{result.Error}");
        return (result.ExitCode == 1, result.Output);
    }

    /// <summary>Runs createrepo_c on a directory of packages.</summary>
    public static void Createrepo(string directory, params string[] options) =>
        Tool.Run("createrepo_c", ["-q", "--no-database", .. options, directory]).EnsureSuccess("createrepo_c");
}
