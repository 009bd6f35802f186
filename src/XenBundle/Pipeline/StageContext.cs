using XenBundle.Bundling;
using XenBundle.Media;
using XenBundle.Recipes;
using XenBundle.Reporting;

namespace XenBundle.Pipeline;

/// <summary>Options that are not part of the recipe.</summary>
public sealed record PipelineOptions
{
    public required string ArtifactsDirectory { get; init; }

    /// <summary>The SOURCE_DATE_EPOCH environment variable, if set.</summary>
    public string? SourceDateEpoch { get; init; }

    public Func<string, IMediaSource>? MediaOpener { get; init; }

    /// <summary>An earlier bundle or manifest to compare with in the report (--previous).</summary>
    public string? Previous { get; init; }

    /// <summary>What earlier runs learnt (checksums, fingerprints, bundles written); null to remember nothing.</summary>
    public Caching.BuildCache? Cache { get; init; }

    /// <summary>--allow-interactive: a kickstart that would stop the install to ask is a warning, not an error.</summary>
    public bool AllowInteractive { get; init; }

    /// <summary>
    /// Whether the run ends in a bundle (build.sh's XenBundle and PackageBundle targets, the
    /// Cake alias XenBundleCreate): then, with a <see cref="Cache"/>, a bundle already written from
    /// the same inputs (<see cref="RunKey"/>) is found before any medium is opened, and the stages
    /// leave it alone. Off for a stage run on its own, which is run to see it work.
    /// </summary>
    public bool SkipWhenUpToDate { get; init; }
}

/// <summary>The files a finished build wrote.</summary>
public sealed record BundleArtifacts(string Tarball, string Manifest, string Report, BundleManifest Content);

/// <summary>
/// What every stage is given besides its own input: the recipe, the run's options, the log,
/// and the report each stage adds its sections to (in the order the stages run).
/// </summary>
public sealed record StageContext(Recipe Recipe, PipelineOptions Options, IPipelineLog Log, BuildReport Report)
{
    /// <summary>A warning for both the console and the report.</summary>
    internal void Warn(string warning)
    {
        Log.Warning(warning);
        Report.Warn(warning);
    }
}
