using XenBundle.Frosting;

namespace Build.Tasks;

[TaskName("ExtractMedia")]
[TaskDescription("Opens the recipe's media (ISO images or directories) and lays them into one virtual install tree")]
public sealed class ExtractMediaTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => context.ForEachPipeline(pipeline => pipeline.ExtractMedia());
}
