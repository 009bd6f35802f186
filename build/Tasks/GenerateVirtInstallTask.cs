using XenBundle.Frosting;

namespace Build.Tasks;

[TaskName("GenerateVirtInstall")]
[TaskDescription("Generates dom0/virt-install.sh, dom0/setup.sh, dom0/teardown.sh, dom0/exports and README.txt")]
[IsDependentOn(typeof(ExtractMediaTask))]
public sealed class GenerateVirtInstallTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => context.ForEachPipeline(pipeline => pipeline.GenerateVirtInstall());
}
