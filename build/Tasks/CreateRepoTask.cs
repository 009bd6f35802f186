using Cake.XenBundle;
using Cake.Core.Diagnostics;
using XenBundle;
using XenBundle.Frosting;
using XenBundle.Pipeline;
using XenBundle.Repository;

namespace Build.Tasks;

[TaskName("CreateRepo")]
[TaskDescription("Writes repodata for a directory of RPMs, as createrepo_c --no-database does (--input=DIR, --checksum=sha|sha256)")]
public sealed class CreateRepoTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var input = context.Value(XenBundleOptions.Input)
            ?? throw new XenBundleException("--input", "CreateRepo needs --input=DIR, a directory of RPMs", ExitCode.BadUsage);
        if (!Directory.Exists(input))
        {
            throw new XenBundleException("--input", $"'{input}' is not a directory", ExitCode.BadUsage);
        }

        var checksum = context.Value(XenBundleOptions.Checksum) switch
        {
            null or "sha256" => ChecksumType.Sha256,
            "sha" or "sha1" => ChecksumType.Sha1,
            var other => throw new XenBundleException("--checksum", $"'{other}' is not sha or sha256", ExitCode.BadUsage),
        };
        var clock = BuildClock.Resolve(
            context.Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"),
            input,
            () => Directory.EnumerateFiles(input, "*.rpm", SearchOption.AllDirectories).Select(f => new DateTimeOffset(File.GetLastWriteTimeUtc(f), TimeSpan.Zero)).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max(),
            "the newest package file in the directory");
        var repodata = RepodataGenerator.Generate(input, new RepodataOptions { ChecksumType = checksum, Time = clock.Time, Workers = Environment.ProcessorCount });
        foreach (var warning in repodata.Warnings)
        {
            context.Log.Warning("{0}", warning);
        }

        context.Log.Information("{0} packages, repodata in {1}", repodata.Packages.Count, Path.Combine(input, "repodata"));
    }
}
