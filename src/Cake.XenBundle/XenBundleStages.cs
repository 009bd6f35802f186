using XenBundle.Pipeline;

namespace Cake.XenBundle;

/// <summary>The stages in pipeline order, for callers that want them all.</summary>
public static class XenBundleStages
{
    public static BundleArtifacts RunAll(BundlePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        pipeline.ExtractMedia();
        pipeline.MergeRepositories();
        pipeline.TransformKickstart();
        pipeline.GenerateVirtInstall();
        return pipeline.PackageBundle();
    }
}
