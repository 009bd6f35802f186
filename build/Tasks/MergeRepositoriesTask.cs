using XenBundle.Frosting;

namespace Build.Tasks;

[TaskName("MergeRepositories")]
[TaskDescription("Makes the merged tree one repository: packages once, new repodata and comps, .discinfo/.treeinfo for one tree, the guest's needs checked")]
[IsDependentOn(typeof(ExtractMediaTask))]
public sealed class MergeRepositoriesTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => context.ForEachPipeline(pipeline => pipeline.MergeRepositories());
}
