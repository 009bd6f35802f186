using XenBundle.Frosting;

namespace Build.Tasks;

[TaskName("Default")]
[TaskDescription("Same as XenBundle")]
[IsDependentOn(typeof(XenBundleTask))]
public sealed class DefaultTask : FrostingTask<BuildContext>;
