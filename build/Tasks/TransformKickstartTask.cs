using Cake.XenBundle;
using XenBundle;
using XenBundle.Frosting;

namespace Build.Tasks;

[TaskName("TransformKickstart")]
[TaskDescription("Rewrites the kickstart for the Xen guest (NFS install, xvd disks, PV console, unattended); alone with --kickstart=IN --output=OUT")]
[IsDependentOn(typeof(ExtractMediaTask))]
[IsDependentOn(typeof(MergeRepositoriesTask))] // the kickstart names the kickstart CD's own repository when the merge made one (EL8, EL9)
public sealed class TransformKickstartTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var alone = context.IsGiven(XenBundleOptions.Kickstart);
        if (alone)
        {
            RewriteOne(context);
        }

        // Without --exclusive the media have been read: their kickstart is rewritten as well,
        // so that a bundle packaged after this never carries the CD's kickstart unchanged.
        context.ForEachPipeline(pipeline =>
        {
            if (!alone || pipeline.Extracted is not null)
            {
                pipeline.TransformKickstart();
            }
        });
    }

    /// <summary>The stand-alone use: one kickstart file with the recipe's settings, its media not read.</summary>
    private static void RewriteOne(BuildContext context)
    {
        var kickstart = context.Value(XenBundleOptions.Kickstart)
            ?? throw new XenBundleException("--kickstart", "needs a file: --kickstart=IN.cfg", ExitCode.BadUsage);
        var output = context.Value(XenBundleOptions.KickstartOutput)
            ?? throw new XenBundleException("--output", "required with --kickstart: where the rewritten kickstart goes (--output=OUT.cfg)", ExitCode.BadUsage);
        if (context.Pipelines.Count != 1)
        {
            throw new XenBundleException("--kickstart", "rewrites one kickstart for one recipe: give a single --recipe", ExitCode.BadUsage);
        }

        context.XenBundleTransformKickstart(kickstart, output, context.Pipelines[0].Recipe, context.Settings);
    }
}
