using Cake.Core.Diagnostics;
using XenBundle.Frosting;

namespace Build.Tasks;

[TaskName("Clean")]
[TaskDescription("Removes what builds wrote into the artifacts directory (bundles, manifests, reports, partial files, the cache), nothing else")]
public sealed class CleanTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        new ArtifactsCleaner(context.ArtifactsDirectory, message => context.Log.Information("{0}", message)).Clean();
}
