using Cake.XenBundle;
using System.Diagnostics;
using Cake.Core.Diagnostics;
using XenBundle.Frosting;

namespace Build.Tasks;

[TaskName("Test")]
[TaskDescription("Runs every test, or the kinds --where names (installing the Debian tools they need), and prints 'Tests: N passed, N failed'")]
public sealed class TestTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var selection = TestSelection.Parse(context.Value(XenBundleOptions.Where));
        if (!selection.NeedsNoTools)
        {
            TestPrerequisites.Ensure(message => context.Log.Information(message));
        }

        var root = context.Environment.WorkingDirectory.FullPath;
        var results = Path.Combine(context.ArtifactsDirectory, "test-results");
        if (Directory.Exists(results))
        {
            Directory.Delete(results, recursive: true);
        }

        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = root };
        foreach (var argument in new[]
        {
            "test", Path.Combine(root, "tests", "XenBundle.Tests", "XenBundle.Tests.csproj"), "-c", "Release", "--nologo",
            "--logger", "trx;LogFileName=results.trx", "--logger", "console;verbosity=normal", "--results-directory", results,
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (selection.Filter(context.Value(XenBundleOptions.Filter)) is { } filter)
        {
            start.ArgumentList.Add("--filter");
            start.ArgumentList.Add(filter);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        // A SIGTERM or Ctrl-C stops the host: take the test run (and its children) with it.
        while (!process.WaitForExit(200))
        {
            if (XenBundle.Interruption.IsRequested)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                XenBundle.Interruption.ThrowIfRequested();
            }
        }

        var trx = Path.Combine(results, "results.trx");
        if (!File.Exists(trx))
        {
            throw new BuildFailedException($"the tests did not run (dotnet test exited with {process.ExitCode}, no results)");
        }

        var counts = TestResults.Read(trx);
        BuildContext.Epilogue.Add(counts.ToString());
        if (counts.Failed > 0 || process.ExitCode != 0)
        {
            throw new BuildFailedException($"{counts.Failed} test(s) failed");
        }
    }
}
