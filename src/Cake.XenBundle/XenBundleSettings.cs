using Cake.Core.IO;
using XenBundle.Recipes;

namespace Cake.XenBundle;

/// <summary>
/// Settings of a bundle build: where artifacts go and the recipe values to override
/// (the same as the <c>--release-version</c>, <c>--os</c>, ... options of build.sh).
/// </summary>
public sealed class XenBundleSettings
{
    /// <summary>Where bundles and reports go (default: <c>artifacts</c>).</summary>
    public DirectoryPath ArtifactsDirectory { get; set; } = "artifacts";

    public string? ReleaseVersion { get; set; }

    public string? Os { get; set; }

    public string? Virt { get; set; }

    public string? Dom0Address { get; set; }

    public string? DomUName { get; set; }

    public string? DomUAddress { get; set; }

    public string? DomUNetmask { get; set; }

    public string? DomUGateway { get; set; }

    public string? DomUDisk { get; set; }

    /// <summary>An earlier bundle or manifest to compare with in the report.</summary>
    public FilePath? Previous { get; set; }

    /// <summary>SOURCE_DATE_EPOCH for the entries' time (default: the environment variable).</summary>
    public string? SourceDateEpoch { get; set; }

    /// <summary>
    /// Leave a bundle alone when it was written from the same recipe, options and media (their
    /// files' identities, checked before any medium is opened). <c>XenBundleCreate</c> always does;
    /// set it for a pipeline whose stages you run yourself up to PackageBundle.
    /// </summary>
    public bool SkipWhenUpToDate { get; set; }

    /// <summary>
    /// <c>--allow-interactive</c>: a kickstart that would stop the install to ask (no rootpw,
    /// no partitioning, ...) is a warning instead of an error.
    /// </summary>
    public bool AllowInteractive { get; set; }

    /// <summary>The recipe values these settings replace, as the option table maps them.</summary>
    public RecipeOverrides ToOverrides() => new()
    {
        Values = XenBundleOptions.Overrides
            .Select(o => o.Setting!.Get(this) is { } value ? new RecipeOverride(o.Name, o.RecipeKey!, value) : null)
            .OfType<RecipeOverride>()
            .ToList(),
    };
}
