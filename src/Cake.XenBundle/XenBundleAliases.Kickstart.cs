using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using XenBundle.Kickstart;
using XenBundle.Pipeline;
using XenBundle.Recipes;

namespace Cake.XenBundle;

public static partial class XenBundleAliases
{
    /// <summary>
    /// Rewrites one kickstart for a recipe's Xen guest without reading the recipe's media
    /// (the OS release must be in the recipe or its overrides) and writes it to
    /// <paramref name="output"/>; logs every change and warning. Of <paramref name="settings"/>
    /// only <see cref="XenBundleSettings.AllowInteractive"/> counts here.
    /// </summary>
    [CakeMethodAlias]
    public static KickstartResult XenBundleTransformKickstart(this ICakeContext context, FilePath input, FilePath output, Recipe recipe, XenBundleSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(recipe);
        var inputPath = input.MakeAbsolute(context.Environment).FullPath;
        var outputPath = output.MakeAbsolute(context.Environment).FullPath;
        var result = TransformKickstartStage.TransformFile(recipe, inputPath, outputPath, settings?.AllowInteractive ?? false);
        var log = new CakePipelineLog(context.Log);
        foreach (var change in result.Changes)
        {
            log.Information(KickstartReport.Describe(change, result.Dialect));
        }

        foreach (var warning in result.Warnings)
        {
            log.Warning(KickstartReport.Describe(warning));
        }

        context.Log.Information("{0}: {1} changes, {2} warnings", outputPath, result.Changes.Count, result.Warnings.Count);
        return result;
    }
}
