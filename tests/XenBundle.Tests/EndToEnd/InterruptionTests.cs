using System.Diagnostics;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.EndToEnd;

/// <summary>
/// ./build.sh stopped by SIGINT, SIGTERM or SIGKILL at random (seeded) moments, over and
/// over, on a recipe big enough that a signal can land anywhere from the start to the last
/// rename: under a final artifact name there is only ever a whole artifact (byte for byte
/// the one an uninterrupted build makes); SIGINT and SIGTERM leave no temporary file and
/// exit 130 and 143; and the next build succeeds and removes what SIGKILL left.
/// </summary>
[Category(TestCategories.EndToEnd)]
public sealed class InterruptionTests
{
    private const int Iterations = 16;
    private const int Seed = 1128;
    private const string Bundle = "big-1.0.0";

    private static readonly string[] Names = [$"{Bundle}.manifest.json", $"{Bundle}.report.md", $"{Bundle}.tar.gz"];

    private static readonly (string Name, int ExitCode)[] Signals = [("SIGINT", 130), ("SIGTERM", 143), ("SIGKILL", 137)];

    [Test]
    public void Builds_stopped_at_random_moments_leave_only_whole_artifacts_and_the_next_build_cleans_up()
    {
        using var temp = new TempDirectory("interrupt");
        var recipe = BigRecipe(temp);
        var clock = Stopwatch.StartNew();
        Build(recipe, temp["reference"]).EnsureSuccess("the reference build");
        var duration = clock.Elapsed;
        var whole = Names.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(temp["reference"], n)));
        AssertWhole(Path.Combine(temp["reference"], $"{Bundle}.tar.gz"), temp["check"]);

        var artifacts = temp["artifacts"];
        Directory.CreateDirectory(artifacts);
        var random = new Random(Seed);
        var stopped = 0;
        for (var i = 0; i < Iterations; i++)
        {
            // A whole bundle of an earlier round would hide what this round leaves: only leftovers stay.
            foreach (var name in Names)
            {
                File.Delete(Path.Combine(artifacts, name));
            }

            var signal = Signals[random.Next(Signals.Length)];
            var delay = TimeSpan.FromSeconds(random.NextDouble() * duration.TotalSeconds * 1.1);
            using var build = RunningBuild.Start([$"--recipe={recipe}", $"--artifacts={artifacts}"], Path.GetDirectoryName(recipe)!);
            Thread.Sleep(delay);
            var running = build.Signal(signal.Name);
            var result = build.WaitForExit(TimeSpan.FromMinutes(1));
            var left = Directory.Exists(artifacts) ? Directory.GetFiles(artifacts).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList() : [];
            TestContext.Progress.WriteLine($"round {i}: {signal.Name} after {delay.TotalMilliseconds:F0} ms: exit {result.ExitCode}; left: {string.Join(", ", left)}");

            foreach (var name in Names.Where(n => left.Contains(n)))
            {
                Assert.That(File.ReadAllBytes(Path.Combine(artifacts, name)), Is.EqualTo(whole[name]), $"round {i}: {name} is whole");
            }

            Assert.That((result.Output + result.Error).Split('\n'), Has.None.StartWith("   at "), $"round {i}: no stack trace");
            if (!running || result.ExitCode == 0)
            {
                continue; // it had finished before the signal came
            }

            stopped++;
            Assert.That(result.ExitCode, Is.EqualTo(signal.ExitCode), $"round {i}: {result.Error}");
            if (signal.Name != "SIGKILL")
            {
                Assert.That(left, Has.None.EndsWith($".partial-{build.Id}"), $"round {i}: {signal.Name} removes the build's temporary files");
                Assert.That(BuildScriptTests.ErrorLines(result), Has.Count.LessThanOrEqualTo(1).And.All.StartWith("error: interrupted by " + signal.Name));
            }
        }

        Assert.That(stopped, Is.GreaterThan(Iterations / 2), "most signals landed while the build ran");
        Build(recipe, artifacts).EnsureSuccess("the build after the interrupted ones");
        Assert.That(Directory.GetFiles(artifacts).Select(f => Path.GetFileName(f)), Is.EquivalentTo(Names), "no leftover of a killed build");
        foreach (var name in Names)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(artifacts, name)), Is.EqualTo(whole[name]), name);
        }
    }

    /// <summary>The demo with 40 MiB of incompressible files on its kickstart CD: a build of a second or two.</summary>
    private static string BigRecipe(TempDirectory temp)
    {
        Tool.Run("cp", "-a", Repository.Demo + "/.", temp["recipe"] + "/").EnsureSuccess("cp");
        var random = new Random(Seed);
        var blob = new byte[5 << 20];
        for (var i = 0; i < 8; i++)
        {
            random.NextBytes(blob);
            Directory.CreateDirectory(temp["recipe/media/acme-ks-cd/blobs"]);
            File.WriteAllBytes(temp[$"recipe/media/acme-ks-cd/blobs/blob{i}"], blob);
        }

        var recipe = temp["recipe/recipe.yaml"];
        File.WriteAllText(recipe, File.ReadAllText(recipe).Replace("name: demo", "name: big", StringComparison.Ordinal));
        return recipe;
    }

    private static ToolResult Build(string recipe, string artifacts) =>
        BuildScript.Run([$"--recipe={recipe}", $"--artifacts={artifacts}"], Path.GetDirectoryName(recipe));

    /// <summary>gzip reads the bundle to its end, and every file of it has the checksum SHA256SUMS gives.</summary>
    private static void AssertWhole(string tarball, string directory)
    {
        Tool.Run("gzip", "-t", tarball).EnsureSuccess("gzip -t");
        Directory.CreateDirectory(directory);
        Tool.Run("tar", "-xzf", tarball, "-C", directory).EnsureSuccess("tar -x");
        Tool.Run("sha256sum", ["-c", "--quiet", "SHA256SUMS"], Path.Combine(directory, Bundle)).EnsureSuccess("sha256sum -c");
    }
}
