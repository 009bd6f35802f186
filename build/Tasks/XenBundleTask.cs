using XenBundle.Frosting;

namespace Build.Tasks;

[TaskName("XenBundle")]
[TaskDescription("Builds the bundle of the recipe: every stage (the default)")]
[IsDependentOn(typeof(PackageBundleTask))]
public sealed class XenBundleTask : FrostingTask<BuildContext>;
