using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.IO;
using Path = Cake.Core.IO.Path;
using XenBundle.Pipeline;
using XenBundle.Recipes;

namespace Cake.XenBundle;

/// <summary>
/// Build Xen guest bundles from a kickstart CD and distribution media, from any Cake build.
/// </summary>
[CakeAliasCategory("XenBundle")]
public static partial class XenBundleAliases
{
    /// <summary>Loads and validates a recipe (a directory holding recipe.yaml, or the file).</summary>
    [CakeMethodAlias]
    public static Recipe XenBundleLoadRecipe(this ICakeContext context, Path recipe, XenBundleSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(recipe);
        return RecipeLoader.Load(Absolute(context, recipe), (settings ?? new XenBundleSettings()).ToOverrides());
    }

    /// <summary>Runs every stage for one recipe and returns the artifacts written.</summary>
    [CakeMethodAlias]
    public static BundleArtifacts XenBundleCreate(this ICakeContext context, Path recipe, XenBundleSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        settings ??= new XenBundleSettings();
        var loaded = context.XenBundleLoadRecipe(recipe, settings);
        using var pipeline = CreatePipeline(context, loaded, settings, mediaOpener: null, cache: null, skipWhenUpToDate: true);
        return XenBundleStages.RunAll(pipeline);
    }

    /// <summary>A pipeline for one recipe, to run stage by stage (what build.sh's tasks do).</summary>
    [CakeMethodAlias]
    public static BundlePipeline XenBundlePipeline(this ICakeContext context, Recipe recipe, XenBundleSettings? settings = null, Func<string, global::XenBundle.Media.IMediaSource>? mediaOpener = null, global::XenBundle.Caching.BuildCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        settings ??= new XenBundleSettings();
        return CreatePipeline(context, recipe, settings, mediaOpener, cache, settings.SkipWhenUpToDate);
    }

    private static BundlePipeline CreatePipeline(ICakeContext context, Recipe recipe, XenBundleSettings settings, Func<string, global::XenBundle.Media.IMediaSource>? mediaOpener, global::XenBundle.Caching.BuildCache? cache, bool skipWhenUpToDate)
    {
        var artifacts = settings.ArtifactsDirectory.MakeAbsolute(context.Environment).FullPath;
        var options = new PipelineOptions
        {
            ArtifactsDirectory = artifacts,
            Cache = cache ?? new global::XenBundle.Caching.BuildCache(artifacts),
            SourceDateEpoch = settings.SourceDateEpoch ?? context.Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"),
            MediaOpener = mediaOpener,
            Previous = settings.Previous?.MakeAbsolute(context.Environment).FullPath,
            AllowInteractive = settings.AllowInteractive,
            SkipWhenUpToDate = skipWhenUpToDate,
        };
        return new BundlePipeline(recipe, options, new CakePipelineLog(context.Log));
    }

    private static string Absolute(ICakeContext context, Path path) => path switch
    {
        FilePath file => file.MakeAbsolute(context.Environment).FullPath,
        DirectoryPath directory => directory.MakeAbsolute(context.Environment).FullPath,
        _ => path.FullPath,
    };
}
