namespace Build.Benchmarks;

/// <summary>
/// Our CreateRepo against <c>createrepo_c -s sha --no-database --workers 2</c> on the same
/// RPMs: those of the pipeline benchmark's discs, unpacked once with bsdtar. Each tool
/// works in its own hard-linked copy (the same file data, one page cache), and after the
/// warm-up the two outputs must be the same field by field (compare-repodata.py).
/// </summary>
internal sealed class RepodataBenchmark(long mediaBytes, double goal) : IBenchmark
{
    public string Name => $"repodata, {mediaBytes >> 20} MiB";

    public Comparison Run(BenchmarkSession session)
    {
        var media = new BenchmarkMedia(session.Directory, mediaBytes).Ensure(session.Say);
        var packages = Unpack(session, media);
        var ours = Path.Combine(session.Directory, "repo-ours");
        var theirs = Path.Combine(session.Directory, "repo-createrepo_c");
        foreach (var copy in new[] { ours, theirs })
        {
            Remove(copy);
            CommandLine.Run("cp", ["-al", packages, copy]);
        }

        var count = Directory.EnumerateFiles(packages, "*.rpm", SearchOption.AllDirectories).Count();
        var input = $"{count} RPMs, {Directory.EnumerateFiles(packages, "*.rpm", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) >> 20} MiB";
        var oursCommand = new TimedCommand("CreateRepo", BenchmarkSession.Host("--target=CreateRepo", $"--input={ours}", "--checksum=sha"), () => Remove(Path.Combine(ours, "repodata")));
        var reference = new TimedCommand("createrepo_c", new CommandLine("createrepo_c", ["-q", "-s", "sha", "--no-database", "--workers", "2", theirs]), () => Remove(Path.Combine(theirs, "repodata")));
        session.Say($"{Name}: a warm-up run each, then {session.Runs} timed runs each, alternating");
        var (measuredOurs, measuredTheirs) = session.Alternate(oursCommand, reference, () => Compare(ours, theirs));
        Remove(ours);
        Remove(theirs);
        return new Comparison(Name, input, measuredOurs, measuredTheirs, goal);
    }

    /// <summary>The discs' packages in one directory (bsdtar, once per media generation).</summary>
    private static string Unpack(BenchmarkSession session, BenchmarkMedia media)
    {
        var directory = Path.Combine(media.Directory, "packages");
        var stamp = directory + ".done";
        if (File.Exists(stamp))
        {
            return directory;
        }

        Remove(directory);
        Directory.CreateDirectory(directory);
        foreach (var image in media.Images)
        {
            CommandLine.Run("bsdtar", ["-xf", image, "-C", directory]);
        }

        Remove(Path.Combine(directory, "repodata"));
        File.WriteAllText(stamp, string.Empty);
        session.Say($"packages unpacked into {directory}");
        return directory;
    }

    private static void Compare(string ours, string theirs)
    {
        var script = Path.Combine(Build.RepositoryRoot.Find(), "tests", "fixtures", "compare-repodata.py");
        try
        {
            CommandLine.Run("/usr/bin/python3", [script, ours, theirs]);
        }
        catch (BuildFailedException ex)
        {
            throw new BuildFailedException($"our repodata differs from createrepo_c's: {ex.Message}");
        }
    }

    private static void Remove(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
