using XenBundle.Bundling;
using XenBundle.Kickstart;
using XenBundle.Kickstart.Transform;
using XenBundle.Model;
using XenBundle.Recipes;
using XenBundle.Reporting;

namespace XenBundle.Pipeline;

/// <summary>The TransformKickstart stage: the CD's kickstart rewritten for the Xen guest.</summary>
public sealed class TransformKickstartStage(StageContext context)
{
    /// <summary>
    /// Rewrites the source kickstart of <paramref name="extracted"/> for the guest (install
    /// over NFS, xvd disks, PV console, unattended, ...), and reports every change with the
    /// diff. When the kickstart CD's packages became a repository of their own
    /// (<paramref name="repository"/>'s directory, EL8 and EL9), the kickstart names it; a null
    /// <paramref name="repository"/> (the media not merged) leaves the kickstart without one.
    /// </summary>
    public KickstartResult Run(ExtractedMedia extracted, MergedRepository? repository, OsRelease os)
    {
        ArgumentNullException.ThrowIfNull(extracted);
        var (recipe, log, report) = (context.Recipe, context.Log, context.Report);
        var media = extracted.Media;
        var fileName = media.KickstartMedium is null ? Path.GetFileName(recipe.Kickstart.File) : recipe.Kickstart.File;
        var request = new KickstartRequest
        {
            Source = extracted.SourceKickstart,
            FileName = fileName,
            Target = KickstartTarget.From(recipe, os) with { PackageRepository = repository is { Directory.Length: > 0 } merged ? merged.Directory : null },
            PostInstallFiles = media.KickstartMedium is { } medium ? KickstartCdFiles.TopLevel(medium, media.Discs) : [],
            ResolveInclude = media.KickstartMedium is { } ks
                ? KickstartCdFiles.Resolver(ks, recipe.Kickstart.File)
                : KickstartCdFiles.Resolver(Path.GetDirectoryName(recipe.Kickstart.File)!),
            AllowInteractive = context.Options.AllowInteractive,
        };
        var result = KickstartTransformer.Transform(request);
        report.Section(ReportStage.TransformKickstart, "Kickstart", KickstartReport.Describe(result, fileName));
        foreach (var warning in result.Warnings)
        {
            context.Warn(KickstartReport.Describe(warning));
        }

        log.Information($"{fileName}: {result.Changes.Count} changes, {result.Warnings.Count} warnings; the guest's kickstart is install/{BundleLayout.KickstartPath}");
        foreach (var change in result.Changes)
        {
            log.Verbose(KickstartReport.Describe(change, result.Dialect));
        }

        return result;
    }

    /// <summary>
    /// Rewrites one kickstart file with a recipe's settings, without its media (the
    /// stand-alone TransformKickstart): the OS release must come from the recipe or --os, and
    /// %include files are looked for beside <paramref name="input"/>. Writes
    /// <paramref name="output"/> only when the rewrite succeeds.
    /// </summary>
    public static KickstartResult TransformFile(Recipe recipe, string input, string output, bool allowInteractive = false)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var os = recipe.Os ?? throw new XenBundleException(recipe.FileName, "os: not set, and the media are not read when a kickstart is rewritten alone: give --os=el5..el9", ExitCode.BadUsage);
        var source = KickstartSourceReader.ReadSmall(input, ExitCode.BadUsage);

        var result = KickstartTransformer.Transform(new KickstartRequest
        {
            Source = source,
            FileName = Path.GetFileName(input),
            Target = KickstartTarget.From(recipe, os),
            PostInstallFiles = null,
            ResolveInclude = KickstartCdFiles.Resolver(Path.GetDirectoryName(Path.GetFullPath(input))!),
            AllowInteractive = allowInteractive,
        });
        AtomicFile.WriteAllBytes(output, result.Kickstart);
        return result;
    }
}
