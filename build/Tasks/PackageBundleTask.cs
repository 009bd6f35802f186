using Cake.Core.Diagnostics;
using XenBundle.Frosting;

namespace Build.Tasks;

[TaskName("PackageBundle")]
[TaskDescription("Writes NAME-VERSION.tar.gz, its manifest and its report into the artifacts directory")]
[IsDependentOn(typeof(ExtractMediaTask))]
[IsDependentOn(typeof(MergeRepositoriesTask))]
[IsDependentOn(typeof(TransformKickstartTask))]
[IsDependentOn(typeof(GenerateVirtInstallTask))]
public sealed class PackageBundleTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        context.ForEachPipeline(pipeline =>
        {
            var artifacts = pipeline.PackageBundle();
            context.Log.Information("bundle: {0}", artifacts.Tarball);
            context.Log.Information("manifest: {0}", artifacts.Manifest);
            context.Log.Information("report: {0}", artifacts.Report);
        });
}
