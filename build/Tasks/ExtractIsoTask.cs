using Cake.Core.Diagnostics;
using Cake.XenBundle;
using XenBundle;
using XenBundle.Frosting;

namespace Build.Tasks;

[TaskName("ExtractIso")]
[TaskDescription("Extracts one ISO image into a new or empty directory, without mounting and without root (--iso=FILE --output=DIR)")]
public sealed class ExtractIsoTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var iso = context.Value(XenBundleOptions.Iso)
            ?? throw new XenBundleException("--iso", "missing: the image to extract (--iso=FILE --output=DIR)", ExitCode.BadUsage);
        var output = context.Value(XenBundleOptions.IsoOutput)
            ?? throw new XenBundleException("--output", "missing: the directory to extract into (--iso=FILE --output=DIR)", ExitCode.BadUsage);
        var summary = context.XenBundleExtractIso(iso, output);
        context.Log.Information("{0}: {1} directories, {2} files ({3:N0} bytes), {4} symlinks", output, summary.Directories, summary.Files, summary.Bytes, summary.Symlinks);
    }
}
