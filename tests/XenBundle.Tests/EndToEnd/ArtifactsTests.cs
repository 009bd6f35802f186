using System.Diagnostics;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.EndToEnd;

/// <summary>
/// The artifacts directory as a set and as a place: the bundle, its manifest and its report
/// appear together or not at all (a full disk, a rename that fails), one build at a time
/// writes into a directory (a lock), and Clean removes only what builds wrote.
/// </summary>
[Category(TestCategories.EndToEnd)]
public sealed class ArtifactsTests
{
    private static readonly string[] Artifacts = ["demo-1.0.0.tar.gz", "demo-1.0.0.manifest.json", "demo-1.0.0.report.md"];

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory("artifacts");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void A_full_disk_while_writing_the_manifest_leaves_the_earlier_set_as_it_was()
    {
        BuildScript.Run($"--artifacts={_temp["sized"]}").EnsureSuccess("./build.sh");
        var tarball = new FileInfo(_temp["sized/demo-1.0.0.tar.gz"]).Length;
        var full = Directory.CreateDirectory(_temp["full"]).FullName;
        var mount = Tool.Run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", full);
        if (mount.ExitCode != 0)
        {
            Assert.Ignore($"mounting a tmpfs needs root: {mount.Error}");
        }

        try
        {
            // An earlier set of the same name (another guest name: other bytes), then a disk
            // with room for the new tarball's pages and not one page more: the manifest,
            // written after it, finds the disk full.
            BuildScript.Run("--domu-name=web02", $"--artifacts={full}").EnsureSuccess("the earlier build");
            var earlier = Artifacts.ToDictionary(a => a, a => File.ReadAllBytes(Path.Combine(full, a)));
            var drive = new DriveInfo(full);
            var used = drive.TotalSize - drive.AvailableFreeSpace;
            Tool.Run("mount", "-o", $"remount,size={used + ((tarball + 4095) / 4096 * 4096)}", full).EnsureSuccess("remount");

            var result = BuildScript.Run($"--artifacts={full}");

            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { $"error: {full}/demo-1.0.0.manifest.json: cannot write: no space left on the device" }));
            Assert.That(Directory.GetFiles(full).Select(Path.GetFileName), Is.EquivalentTo(Artifacts), "no temporary file");
            foreach (var (name, bytes) in earlier)
            {
                Assert.That(File.ReadAllBytes(Path.Combine(full, name)), Is.EqualTo(bytes), $"{name} is the earlier build's");
            }
        }
        finally
        {
            Tool.Run("umount", full);
        }
    }

    [Test]
    public void A_rename_that_fails_puts_the_earlier_set_back_as_it_was()
    {
        // An earlier tarball and manifest of the same name (another guest name: other bytes),
        // and a directory where the report goes: the new tarball and manifest are complete and
        // renamed first; the report's rename fails, and the earlier two must come back.
        var artifacts = _temp["artifacts"];
        BuildScript.Run("--domu-name=web02", $"--artifacts={artifacts}").EnsureSuccess("the earlier build");
        File.Delete(Path.Combine(artifacts, Artifacts[2]));
        _temp.Write($"artifacts/{Artifacts[2]}/in-the-way", "a directory holding a file cannot be renamed over\n");
        var earlier = Artifacts[..2].ToDictionary(a => a, a => File.ReadAllBytes(Path.Combine(artifacts, a)));

        var result = BuildScript.Run($"--artifacts={artifacts}");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1).And.One.StartWith($"error: {artifacts}/{Artifacts[2]}: cannot write: "));
        foreach (var (name, bytes) in earlier)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(artifacts, name)), Is.EqualTo(bytes), $"{name} is the earlier build's");
        }

        Assert.That(Directory.GetFiles(artifacts).Select(Path.GetFileName), Is.EquivalentTo(Artifacts[..2]), "no temporary file, no second name left");
    }

    [Test]
    public void A_build_into_a_locked_artifacts_directory_waits_a_bounded_time_then_stops()
    {
        var artifacts = Directory.CreateDirectory(_temp["artifacts"]).FullName;
        using var holder = HoldLock(artifacts, seconds: 60);

        var result = BuildScript.Run([$"--artifacts={artifacts}"], environment: new Dictionary<string, string> { ["XENBUNDLE_LOCK_WAIT"] = "1" });

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { $"error: {artifacts}: another build is writing into this directory (it holds .xenbundle/lock); gave up after 1 s (XENBUNDLE_LOCK_WAIT)" }));
        Assert.That(result.Output, Does.Contain($"{artifacts}: another build is writing into it; waiting up to 1 s"));
        Assert.That(Artifacts.Where(a => File.Exists(Path.Combine(artifacts, a))), Is.Empty);
    }

    [Test]
    public void A_build_into_a_locked_artifacts_directory_writes_once_the_other_build_is_done()
    {
        var artifacts = Directory.CreateDirectory(_temp["artifacts"]).FullName;
        using var holder = HoldLock(artifacts, seconds: 3);

        var result = BuildScript.Run([$"--artifacts={artifacts}"], environment: new Dictionary<string, string> { ["XENBUNDLE_LOCK_WAIT"] = "60" }).EnsureSuccess("./build.sh");

        Assert.That(result.Output, Does.Contain("another build is writing into it; waiting up to 60 s"));
        Assert.That(Artifacts.All(a => File.Exists(Path.Combine(artifacts, a))), Is.True);
    }

    [Test]
    public void Clean_with_a_checkout_as_artifacts_directory_removes_only_the_bundle_built_there()
    {
        var checkout = _temp["checkout"];
        Tool.Run("git", "init", "-q", checkout).EnsureSuccess("git init");
        _temp.Write("checkout/README.md", "my project\n");
        _temp.Write("checkout/backup.tar.gz", "not a bundle\n");
        _temp.Write("checkout/other-1.0.0.manifest.json", "{ \"not\": \"ours\" }\n");
        _temp.Write("checkout/src/main.c", "int main(void) { return 0; }\n");
        var before = Listing(checkout);
        BuildScript.Run([$"--recipe={Repository.Demo}", "--artifacts=."], workingDirectory: checkout).EnsureSuccess("build into the checkout");

        var result = BuildScript.Run(["--target=Clean", "--artifacts=."], workingDirectory: checkout).EnsureSuccess("clean");

        Assert.That(Listing(checkout), Is.EqualTo(before), "the checkout as it was, .git included");
        foreach (var artifact in Artifacts)
        {
            Assert.That(result.Output, Does.Contain($"removed {checkout}/{artifact}\n"));
        }

        Assert.That(result.Output, Does.Contain($"kept {checkout}: XenBundle did not make it"));
    }

    [Test]
    public void Clean_removes_a_directory_it_made_with_cache_and_leftovers_and_says_so()
    {
        var artifacts = _temp["made"];
        BuildScript.Run($"--artifacts={artifacts}").EnsureSuccess("build");
        _temp.Write("made/demo-1.0.0.tar.gz.partial-999999", "what a killed build left\n");
        _temp.Write("made/mine/keep.txt", "a directory XenBundle did not make, inside one it made\n");
        var before = BuildScript.Run("--target=Clean", $"--artifacts={artifacts}").EnsureSuccess("clean");
        Assert.That(File.Exists(_temp["made/mine/keep.txt"]), Is.True, "a directory it did not make is never removed");
        Assert.That(before.Output, Does.Contain($"kept {artifacts}: it holds what builds did not write (mine)"));
        Directory.Delete(_temp["made/mine"], recursive: true);

        var result = BuildScript.Run("--target=Clean", $"--artifacts={artifacts}").EnsureSuccess("clean");

        Assert.That(Directory.Exists(artifacts), Is.False);
        Assert.That(before.Output, Does.Contain($"removed {artifacts}/demo-1.0.0.tar.gz.partial-999999\n").And.Contain($"removed {artifacts}/.cache/\n").And.Contain($"removed {artifacts}/demo-1.0.0.tar.gz\n"));
        Assert.That(result.Output, Does.Contain($"removed {artifacts}/\n"));
    }

    [Test]
    public void Clean_keeps_a_directory_it_made_when_it_holds_files_no_build_wrote()
    {
        var artifacts = _temp["made"];
        BuildScript.Run($"--artifacts={artifacts}").EnsureSuccess("build");
        _temp.Write("made/notes.txt", "the user's own file\n");

        var result = BuildScript.Run("--target=Clean", $"--artifacts={artifacts}").EnsureSuccess("clean");

        Assert.That(Directory.GetFileSystemEntries(artifacts).Select(Path.GetFileName), Is.EquivalentTo(new[] { "notes.txt", ".xenbundle" }));
        Assert.That(result.Output, Does.Contain($"kept {artifacts}: it holds what builds did not write (notes.txt)"));
    }

    private static List<string> Listing(string directory) =>
        Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(directory, p) + ":" + (File.Exists(p) ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p))) : "dir"))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>Another process holding the directory's lock, as a second build would, for a while.</summary>
    private LockHolder HoldLock(string artifacts, int seconds)
    {
        Tool.Require("flock");
        var ready = _temp["lock-held"];
        Directory.CreateDirectory(Path.Combine(artifacts, ".xenbundle"));
        var start = new ProcessStartInfo("flock", [Path.Combine(artifacts, ".xenbundle", "lock"), "-c", $"touch '{ready}'; exec sleep {seconds}"]) { UseShellExecute = false };
        var holder = new LockHolder(Process.Start(start)!);
        var clock = Stopwatch.StartNew();
        while (!File.Exists(ready))
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "flock did not take the lock");
            Thread.Sleep(20);
        }

        return holder;
    }

    private sealed class LockHolder(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }
    }
}
