using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.IO;
using XenBundle.Media;
using XenBundle.Media.Iso;

namespace Cake.XenBundle;

public static partial class XenBundleAliases
{
    /// <summary>
    /// Extracts an ISO image into a new or empty directory without mounting it and without
    /// root: names, modes, symlinks and times, with progress on the console. A broken or
    /// hostile image fails with the image's name and the byte offset of the problem.
    /// </summary>
    [CakeMethodAlias]
    public static ExtractionSummary XenBundleExtractIso(this ICakeContext context, FilePath iso, DirectoryPath output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(iso);
        ArgumentNullException.ThrowIfNull(output);
        var log = new CakePipelineLog(context.Log);
        using var image = IsoMediaSource.Open(Absolute(context, iso));
        log.Information($"{image.Name}: volume '{image.VolumeId}', {image.Entries.Count} entries, {Describe(image.Naming)}");
        if (image.BootCatalog is { } boot)
        {
            log.Information(boot.Describe());
        }

        return new MediaExtractor(log).Extract(image, Absolute(context, output));
    }

    private static string Describe(IsoNaming naming) => naming switch
    {
        IsoNaming.RockRidge => "Rock Ridge names and modes",
        IsoNaming.Joliet => "Joliet names (no Rock Ridge)",
        _ => "plain ISO 9660 names (no Rock Ridge, no Joliet)",
    };
}
