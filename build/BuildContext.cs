using Cake.Core;
using Cake.XenBundle;
using XenBundle;
using XenBundle.Pipeline;
using XenBundle.Recipes;
using XenBundle.Frosting;
using XenBundle.Frosting.Output;

namespace Build;

/// <summary>
/// The state of one run of build.sh: the options, and the pipeline of each recipe, which
/// the stage tasks advance one stage at a time.
/// </summary>
public sealed class BuildContext : FrostingContext
{
    private readonly List<(string Recipe, XenBundleException Error)> _failures = [];
    private readonly SharedMedia _sharedMedia = new();
    private XenBundle.Caching.BuildCache? _cache;
    private List<BundlePipeline>? _pipelines;
    private bool _manyRecipes;

    public BuildContext(ICakeContext context)
        : base(context)
    {
        foreach (var name in context.Arguments.GetArguments().Keys)
        {
            if (!XenBundleOptions.IsKnown(name))
            {
                throw new XenBundleException("--" + name, "unknown option (see --help)", ExitCode.BadUsage);
            }
        }

        RecipeArgument = Argument(XenBundleOptions.Recipe.Name);
        // Made absolute here, as typed (Cake's DirectoryPath would trim and normalise it), for the checks and the cleaner.
        ArtifactsDirectory = Value(XenBundleOptions.Artifacts) ?? System.IO.Path.Combine(Environment.WorkingDirectory.FullPath, "artifacts");
        Settings = new XenBundleSettings { ArtifactsDirectory = ArtifactsDirectory, SkipWhenUpToDate = EndsInABundle() };
        foreach (var option in XenBundleOptions.All)
        {
            if (option.Setting is not null && Value(option) is { } value)
            {
                option.Setting.Set(Settings, value);
            }
        }

        OptionChecks.Check(this);
    }

    // A run to the bundle may leave an up-to-date one alone; a stage run on its own (or --exclusive) runs for real.
    private bool EndsInABundle() =>
        !IsGiven(XenBundleOptions.Exclusive)
        && (Argument(XenBundleOptions.Target.Name) ?? "Default") is var target
        && new[] { "Default", "XenBundle", "PackageBundle" }.Contains(target, StringComparer.OrdinalIgnoreCase);

    /// <summary>The directory build.sh was started from (set by Program before the host runs).</summary>
    public static string CallerDirectory { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>Lines printed after everything else, Cake's summary included.</summary>
    public static List<string> Epilogue { get; } = [];

    public string? RecipeArgument { get; }

    public string ArtifactsDirectory { get; }

    public XenBundleSettings Settings { get; }

    /// <summary>One pipeline per recipe asked for (not yet failed), created when a stage first needs them.</summary>
    public IReadOnlyList<BundlePipeline> Pipelines => (_pipelines ??= LoadPipelines()).Where(p => !HasFailed(p)).ToList();

    /// <summary>The recipes that failed so far (with --recipe=all the others go on), and why.</summary>
    public IReadOnlyList<(string Recipe, XenBundleException Error)> Failures => _failures;

    /// <summary>The recipes this run built or is building, for the summary.</summary>
    public IReadOnlyList<BundlePipeline> AllPipelines => _pipelines ?? [];

    /// <summary>
    /// Runs a stage on every recipe. With one recipe a failure stops the run at once; with
    /// several (--recipe=all) it is recorded, that recipe drops out, and the others go on.
    /// </summary>
    public void ForEachPipeline(Action<BundlePipeline> stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        foreach (var pipeline in Pipelines)
        {
            Interruption.ThrowIfRequested();
            if (!_manyRecipes)
            {
                stage(pipeline);
                continue;
            }

            try
            {
                stage(pipeline);
            }
            catch (XenBundleException ex) when (ex is not BuildInterruptedException)
            {
                Fail(pipeline.Recipe.FileName, ex);
            }
        }
    }

    /// <summary>A pipeline option's value as typed, or null when not given (an empty value counts as given).</summary>
    private string? Argument(string name) =>
        Arguments.HasArgument(name) ? Arguments.GetArguments(name).LastOrDefault() ?? string.Empty : null;

    /// <summary>An option that is on or off: <c>--NAME</c> (or <c>=true</c>) is on; <c>=false</c> or leaving it out is off.</summary>
    private bool Flag(string name) => Argument(name) switch
    {
        null => false,
        var value when value.Length == 0 || value.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        var value when value.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        var value => throw new XenBundleException("--" + name, $"'{value}' is not true or false (--{name} alone means true)", ExitCode.BadUsage),
    };

    /// <summary>Whether the option is on the command line, even with an empty value.</summary>
    public bool IsGiven(XenBundleOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return Argument(option.Name) is not null;
    }

    /// <summary>An option's value as its kind reads it (a path made absolute, a flag that is on as <c>true</c>), or null when not given.</summary>
    public string? Value(XenBundleOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option.Kind switch
        {
            OptionKind.Path => UserPath(Argument(option.Name)),
            OptionKind.Flag => Flag(option.Name) ? bool.TrueString.ToLowerInvariant() : null,
            _ => Argument(option.Name),
        };
    }

    /// <summary>A path the user typed, made absolute against the directory they ran build.sh from.</summary>
    public static string? UserPath(string? value) =>
        string.IsNullOrEmpty(value) ? null : System.IO.Path.GetFullPath(System.IO.Path.Combine(CallerDirectory, value));

    /// <summary>Releases the media of every pipeline.</summary>
    public void Close()
    {
        foreach (var pipeline in _pipelines ?? [])
        {
            pipeline.Dispose();
        }

        _sharedMedia.Dispose();
    }

    private bool HasFailed(BundlePipeline pipeline) => _failures.Any(f => f.Recipe == pipeline.Recipe.FileName);

    private void Fail(string recipe, XenBundleException error)
    {
        _failures.Add((recipe, error));
        ConsoleText.WriteErrorLine(error.ErrorLine);
    }

    private List<BundlePipeline> LoadPipelines()
    {
        var root = Environment.WorkingDirectory.FullPath;
        if (RecipeArgument == "all")
        {
            _manyRecipes = true;
            return LoadAll(System.IO.Path.Combine(root, "recipes"));
        }

        var recipe = RecipeArgument is null ? System.IO.Path.Combine(root, "recipes", "demo") : UserPath(RecipeArgument)!;
        return [Pipeline(RecipeLoader.Load(recipe, Settings.ToOverrides(), relativeTo: CallerDirectory))];
    }

    // Every recipes/*/recipe.yaml in name order; one that does not load fails alone.
    private List<BundlePipeline> LoadAll(string recipes)
    {
        var files = Directory.Exists(recipes)
            ? Directory.GetDirectories(recipes).Select(d => System.IO.Path.Combine(d, RecipeLoader.FileName)).Where(File.Exists).Order(StringComparer.Ordinal).ToList()
            : [];
        if (files.Count == 0)
        {
            throw new XenBundleException("--recipe=all", $"no recipes/*/{RecipeLoader.FileName} under {recipes}", ExitCode.BadUsage);
        }

        var pipelines = new List<BundlePipeline>();
        foreach (var file in files)
        {
            try
            {
                pipelines.Add(Pipeline(RecipeLoader.Load(file, Settings.ToOverrides(), relativeTo: CallerDirectory)));
            }
            catch (XenBundleException ex) when (ex is not BuildInterruptedException)
            {
                Fail(System.IO.Path.GetRelativePath(CallerDirectory, file), ex);
            }
        }

        var clash = pipelines.GroupBy(p => p.Recipe.BundleName).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new XenBundleException("--recipe=all", $"{string.Join(" and ", clash.Select(p => p.Recipe.FileName))} would both write {clash.Key}.tar.gz", ExitCode.BadUsage);
        }

        return pipelines;
    }

    private BundlePipeline Pipeline(Recipe recipe) =>
        this.XenBundlePipeline(recipe, Settings, _sharedMedia.Open, _cache ??= new XenBundle.Caching.BuildCache(ArtifactsDirectory));
}
