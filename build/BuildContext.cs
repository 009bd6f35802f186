using Cake.Core;
using Cake.XenBundle;
using XenBundle;
using XenBundle.Pipeline;
using XenBundle.Recipes;
using XenBundle.Frosting;

namespace Build;

/// <summary>
/// The state of one run of build.sh: the options, and the pipeline of each recipe, which
/// the stage tasks advance one stage at a time.
/// </summary>
public sealed class BuildContext : FrostingContext
{
    private List<BundlePipeline>? _pipelines;

    public BuildContext(ICakeContext context)
        : base(context)
    {
        foreach (var name in context.Arguments.GetArguments().Keys)
        {
            if (!BuildOptions.Known.Contains(name))
            {
                throw new XenBundleException("--" + name, "unknown option (see --help)", ExitCode.BadUsage);
            }
        }

        RecipeArgument = Argument("recipe");
        ArtifactsDirectory = UserPath(Argument("artifacts")) ?? System.IO.Path.Combine(Environment.WorkingDirectory.FullPath, "artifacts");
        Settings = new XenBundleSettings
        {
            ArtifactsDirectory = ArtifactsDirectory,
            ReleaseVersion = Argument("release-version"),
            Os = Argument("os"),
            Virt = Argument("virt"),
            Dom0Address = Argument("dom0-address"),
            DomUName = Argument("domu-name"),
            DomUAddress = Argument("domu-address"),
            DomUNetmask = Argument("domu-netmask"),
            DomUGateway = Argument("domu-gateway"),
            DomUDisk = Argument("domu-disk"),
            Previous = UserPath(Argument("previous")),
        };
    }

    /// <summary>The directory build.sh was started from (set by Program before the host runs).</summary>
    public static string CallerDirectory { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>Lines printed after everything else, Cake's summary included.</summary>
    public static List<string> Epilogue { get; } = [];

    public string? RecipeArgument { get; }

    public string ArtifactsDirectory { get; }

    public XenBundleSettings Settings { get; }

    /// <summary>One pipeline per recipe asked for, created when a stage first needs them.</summary>
    public IReadOnlyList<BundlePipeline> Pipelines => _pipelines ??= LoadPipelines();

    /// <summary>A pipeline option's value, or null when not given (an empty value counts as given).</summary>
    public string? Argument(string name) =>
        Arguments.HasArgument(name) ? Arguments.GetArguments(name).LastOrDefault() ?? string.Empty : null;

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
    }

    private List<BundlePipeline> LoadPipelines()
    {
        var recipe = RecipeArgument is null
            ? System.IO.Path.Combine(Environment.WorkingDirectory.FullPath, "recipes", "demo")
            : UserPath(RecipeArgument)!;
        var loaded = RecipeLoader.Load(recipe, Settings.ToOverrides(), relativeTo: CallerDirectory);
        return [this.XenBundlePipeline(loaded, Settings)];
    }
}
