using Cake.Core.Diagnostics;
using XenBundle.Frosting;

namespace Build.Tasks;

[TaskName("Clean")]
[TaskDescription("Removes the artifacts directory")]
public sealed class CleanTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        if (Directory.Exists(context.ArtifactsDirectory))
        {
            Directory.Delete(context.ArtifactsDirectory, recursive: true);
            context.Log.Information("removed {0}", context.ArtifactsDirectory);
        }
    }
}
