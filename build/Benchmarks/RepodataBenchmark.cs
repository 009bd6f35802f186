namespace Build.Benchmarks;

/// <summary>
/// Our CreateRepo against <c>createrepo_c -s sha256 --no-database --workers 2</c> on the same
/// RPMs: those of the pipeline benchmark's discs, unpacked with bsdtar for the measurement
/// and removed after it. Each tool works in its own hard-linked copy (the same file data,
/// one page cache), and after the warm-up the two outputs must be the same field by field
/// (compare-repodata.py). A third command measures the floor both stand on: the same files
/// through <c>openssl dgst -sha256</c>, two processes at a time (the checksum every package
/// entry needs, on both cores, with nothing else). How far each tool is above it shows what
/// is left to win, and what only a faster SHA-256 or more cores could.
/// </summary>
internal sealed class RepodataBenchmark(long mediaBytes, double goal)
{
    public string Name => $"repodata, {BenchmarkSizes.Name(mediaBytes)}";

    /// <summary>Ours against createrepo_c (the goal), then each of them against the SHA-256 floor (for information).</summary>
    public IReadOnlyList<Comparison> RunAll(BenchmarkSession session)
    {
        var media = new BenchmarkMedia(session.Directory, mediaBytes).Ensure(session.Say);
        var packages = Unpack(session, media);
        var ours = Path.Combine(session.Directory, "repo-ours");
        var theirs = Path.Combine(session.Directory, "repo-createrepo_c");
        var hashed = Path.Combine(session.Directory, "repo-sha256");
        foreach (var copy in new[] { ours, theirs, hashed })
        {
            BenchmarkSession.Remove(copy);
            CommandLine.Run("cp", ["-al", packages, copy]);
        }

        var rpms = new DirectoryInfo(packages).GetFiles("*.rpm", SearchOption.AllDirectories);
        var count = rpms.Length;
        var input = $"{count} RPMs, {rpms.Sum(f => f.Length) >> 20} MiB";
        var oursCommand = new TimedCommand("CreateRepo", BenchmarkSession.Host("--target=CreateRepo", $"--input={ours}", "--checksum=sha256"), () => BenchmarkSession.Remove(Path.Combine(ours, "repodata")));
        var reference = new TimedCommand("createrepo_c", new CommandLine("createrepo_c", ["-q", "-s", "sha256", "--no-database", "--workers", "2", theirs]), () => BenchmarkSession.Remove(Path.Combine(theirs, "repodata")));
        // Half of the packages each, so that two processes start and no more.
        var half = ((count + 1) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var floor = new TimedCommand("sha256 x2", new CommandLine("/bin/sh", ["-c", "find \"$1\" -name '*.rpm' -print0 | xargs -0 -n \"$2\" -P 2 openssl dgst -sha256 >/dev/null", "sha256", hashed, half]), () => { });
        session.Say($"{Name}: a warm-up run each, then {session.Runs} timed runs each, in turn");
        var measured = session.Rotate([oursCommand, reference, floor], () => Compare(ours, theirs));
        foreach (var copy in new[] { ours, theirs, hashed, packages })
        {
            BenchmarkSession.Remove(copy);
        }

        var size = BenchmarkSizes.Name(mediaBytes);
        return
        [
            new Comparison(Name, input, measured[0], measured[1], goal),
            new Comparison($"CreateRepo vs SHA-256 floor, {size}", input, measured[0], measured[2], Goal: null),
            new Comparison($"createrepo_c vs SHA-256 floor, {size}", input, measured[1], measured[2], Goal: null),
        ];
    }

    /// <summary>The discs' packages in one directory (bsdtar); removed after the measurement, to keep the disk use to one copy of the media.</summary>
    private static string Unpack(BenchmarkSession session, BenchmarkMedia media)
    {
        var directory = Path.Combine(session.Directory, "packages");
        BenchmarkSession.Remove(directory);

        // Earlier versions kept the unpacked packages beside the media, a second copy of them for good.
        BenchmarkSession.Remove(Path.Combine(media.Directory, "packages"));
        BenchmarkSession.Remove(Path.Combine(media.Directory, "packages.done"));
        Directory.CreateDirectory(directory);
        foreach (var image in media.Images)
        {
            CommandLine.Run("bsdtar", ["-xf", image, "-C", directory]);
        }

        BenchmarkSession.Remove(Path.Combine(directory, "repodata"));
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
}
