using XenBundle.Kickstart;
using XenBundle.Kickstart.Syntax;
using XenBundle.Media;
using XenBundle.Model;
using XenBundle.Recipes;
using XenBundle.Reporting;

namespace XenBundle.Pipeline;

/// <summary>
/// The stages of one recipe's build, run one at a time (build.sh's Cake host runs one task
/// per stage): this coordinator holds each stage's output between the calls and hands every
/// stage the outputs it reads. Who reads what:
/// <list type="bullet">
/// <item><see cref="ExtractMedia"/>: the recipe's media -> <see cref="ExtractedMedia"/>.</item>
/// <item><see cref="MergeRepositories"/>: <see cref="ExtractedMedia"/> -> <see cref="Pipeline.MergedRepository"/>.</item>
/// <item><see cref="TransformKickstart"/>: <see cref="ExtractedMedia"/> and the merged repository when there is one -> <see cref="KickstartResult"/>.</item>
/// <item><see cref="GenerateVirtInstall"/>: the OS release (the recipe's, else the media's) -> <see cref="Dom0Files"/>.</item>
/// <item><see cref="PackageBundle"/>: all of the above -> <see cref="BundleArtifacts"/>.</item>
/// </list>
/// A stage called before the one it needs fails with the error that --exclusive users see.
/// </summary>
public sealed class BundlePipeline(Recipe recipe, PipelineOptions options, IPipelineLog log) : IDisposable
{
    private readonly StageContext _context = new(recipe, options, log, new BuildReport());
    private MediaSet? _media;
    private BuildClock.Choice? _clock;
    private string? _runKey;

    public Recipe Recipe => _context.Recipe;

    public PipelineOptions Options => _context.Options;

    /// <summary>The report the stages have written so far.</summary>
    public BuildReport Report => _context.Report;

    /// <summary>What <see cref="ExtractMedia"/> produced, once it has run.</summary>
    public ExtractedMedia? Extracted { get; private set; }

    /// <summary>What <see cref="MergeRepositories"/> produced, once it has run.</summary>
    public MergedRepository? MergedRepository { get; private set; }

    /// <summary>What <see cref="TransformKickstart"/> produced, once it has run.</summary>
    public KickstartResult? TransformedKickstart { get; private set; }

    /// <summary>What <see cref="GenerateVirtInstall"/> produced, once it has run.</summary>
    public Dom0Files? Dom0 { get; private set; }

    /// <summary>The OS release the guest gets: the recipe's (or --os), else the one detected from the media.</summary>
    public OsRelease Os => Recipe.Os ?? Extracted?.DetectedOs
        ?? throw new XenBundleException(Recipe.FileName, "os: not set and not detected from the media; set os: el5..el9", ExitCode.BadUsage);

    /// <summary>
    /// The bundle already written from the same inputs, found by <see cref="ExtractMedia"/> before it
    /// opened any medium (<see cref="PipelineOptions.SkipWhenUpToDate"/>); then every stage leaves it alone.
    /// </summary>
    public BundleArtifacts? UpToDate { get; private set; }

    /// <summary>Opens the media, lays them over each other and reads the source kickstart.</summary>
    public void ExtractMedia()
    {
        if (Options is { SkipWhenUpToDate: true, Cache: { } cache } && Extracted is null)
        {
            _runKey = RunKey.Of(Recipe, Options);
            if (_runKey is not null && PackageBundleStage.UpToDateRun(cache, _runKey, Recipe, Options.ArtifactsDirectory) is { } done)
            {
                UpToDate = done;
                _context.Log.Information($"{Recipe.BundleName}: up to date (the recipe, the options and every medium's files as when the bundle in {Options.ArtifactsDirectory} was written), left alone");
                return;
            }
        }

        _media ??= MediaSet.Open(Recipe, Options.MediaOpener);
        Extracted = new ExtractMediaStage(_context).Run(_media);
    }

    /// <summary>Makes the merged tree one installable repository (see <see cref="MergeRepositoriesStage.Run"/>).</summary>
    public void MergeRepositories()
    {
        if (UpToDate is not null)
        {
            return;
        }

        var extracted = Extracted ?? throw StageMissing(nameof(MergeRepositories), nameof(ExtractMedia));
        MergedRepository = new MergeRepositoriesStage(_context).Run(extracted, Os, Clock);
    }

    /// <summary>Rewrites the source kickstart for the guest and reports every change.</summary>
    public void TransformKickstart()
    {
        if (UpToDate is not null)
        {
            return;
        }

        var extracted = Extracted ?? throw StageMissing(nameof(TransformKickstart), nameof(ExtractMedia));
        TransformedKickstart = new TransformKickstartStage(_context).Run(extracted, MergedRepository, Os);
    }

    /// <summary>Generates the Dom0 files and the report's section about them.</summary>
    public void GenerateVirtInstall()
    {
        if (UpToDate is null)
        {
            Dom0 = new GenerateVirtInstallStage(_context).Run(Os);
        }
    }

    /// <summary>Writes NAME-VERSION.tar.gz, its manifest and its report into the artifacts directory.</summary>
    public BundleArtifacts PackageBundle()
    {
        if (UpToDate is { } done)
        {
            return done;
        }

        var extracted = Extracted ?? throw StageMissing(nameof(PackageBundle), nameof(ExtractMedia));
        // A bundle packaged without TransformKickstart carries the source kickstart as it is,
        // read (for the release notes' masking) in its release's source syntax.
        var (kickstart, dialect) = TransformedKickstart is { } transformed
            ? (transformed.Kickstart, transformed.Dialect)
            : (extracted.SourceKickstart, SourceDialect(extracted));
        return new PackageBundleStage(_context).Run(new BundleInputs(extracted, MergedRepository, kickstart, dialect, Dom0, Clock, _runKey));
    }

    public void Dispose() => _media?.Dispose();

    /// <summary>
    /// The syntax of a kickstart packaged as it is. With the release unknown, RHEL5's: its options take the
    /// next word as their value even when it starts with "--", so it masks the most (an option's value is never
    /// left in clear because a newer parser would have read it as a flag).
    /// </summary>
    private KickstartDialect SourceDialect(ExtractedMedia extracted) =>
        KickstartDialect.ForSource(Recipe.Os ?? extracted.DetectedOs ?? OsRelease.El5);

    /// <summary>The error for a stage run alone (--exclusive) before the stage it builds on.</summary>
    internal static XenBundleException StageMissing(string stage, string needs) =>
        new("--exclusive", $"{stage} needs what {needs} produces: run it without --exclusive", ExitCode.BadUsage);

    /// <summary>The one time every generated file and bundle entry carries (see <see cref="BuildClock"/>), resolved once, when first asked.</summary>
    private BuildClock.Choice Clock() => _clock ??= BuildClock.Resolve(Options.SourceDateEpoch, Recipe.Directory, NewestRecordedTime);

    // What the media record, not file times of the build machine: the recipe contributes a time only
    // through its git commit, and a copied image file keeps its volume dates.
    private DateTimeOffset NewestRecordedTime() =>
        (_media?.All ?? []).Select(m => m.RecordedTime).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
}
