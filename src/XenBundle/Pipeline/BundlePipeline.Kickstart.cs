using XenBundle.Bundling;
using XenBundle.Kickstart;
using XenBundle.Kickstart.Transform;
using XenBundle.Recipes;

namespace XenBundle.Pipeline;

/// <summary>The TransformKickstart stage: the CD's kickstart rewritten for the Xen guest.</summary>
public sealed partial class BundlePipeline
{
    /// <summary>
    /// Rewrites the source kickstart for the guest (install over NFS, xvd disks, PV console,
    /// unattended, ...) into <see cref="Kickstart"/>, and reports every change with the diff.
    /// </summary>
    public void TransformKickstart()
    {
        var source = SourceKickstart ?? throw StageMissing(nameof(TransformKickstart), nameof(ExtractMedia));
        var fileName = Media?.KickstartMedium is null ? Path.GetFileName(Recipe.Kickstart.File) : Recipe.Kickstart.File;
        var request = new KickstartRequest
        {
            Source = source,
            FileName = fileName,
            Target = KickstartTarget.From(Recipe, Os) with { PackageRepository = MergedRepository is { Directory.Length: > 0 } merged ? merged.Directory : null },
            PostInstallFiles = Media?.KickstartMedium is { } medium ? KickstartCdFiles.TopLevel(medium, Media.Discs) : [],
            ResolveInclude = Media?.KickstartMedium is { } ks
                ? KickstartCdFiles.Resolver(ks, Recipe.Kickstart.File)
                : KickstartCdFiles.Resolver(Path.GetDirectoryName(Recipe.Kickstart.File)!),
            AllowInteractive = Options.AllowInteractive,
        };
        var result = KickstartTransformer.Transform(request);
        Kickstart = result.Kickstart;
        Report.Section("Kickstart", KickstartReport.Describe(result, fileName));
        foreach (var warning in result.Warnings)
        {
            var line = KickstartReport.Describe(warning);
            Report.Warn(line);
            Log.Warning(line);
        }

        Log.Information($"{fileName}: {result.Changes.Count} changes, {result.Warnings.Count} warnings; the guest's kickstart is install/{KickstartPath}");
        foreach (var change in result.Changes)
        {
            Log.Verbose(KickstartReport.Describe(change));
        }
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
