using XenBundle.Recipes;

namespace Cake.XenBundle;

/// <summary>How an option's value is read from the command line.</summary>
public enum OptionKind
{
    /// <summary>Taken as typed; the recipe loader or the task that reads it checks it.</summary>
    Text,

    /// <summary>A file or directory, made absolute against the directory build.sh was run from.</summary>
    Path,

    /// <summary>On or off: <c>--NAME</c> alone (or <c>=true</c>) is on, <c>=false</c> or leaving it out is off.</summary>
    Flag,

    /// <summary>One of Cake's own options (<c>--target</c>, <c>--verbosity</c>, ...): known, documented by the host.</summary>
    Cake,
}

/// <summary>Where an option's value goes in <see cref="XenBundleSettings"/>, as text.</summary>
/// <param name="Get">The value as the option would give it, or null when it is not set.</param>
/// <param name="Set">Stores a value given on the command line (a flag's is <c>true</c>).</param>
public sealed record SettingsProperty(Func<XenBundleSettings, string?> Get, Action<XenBundleSettings, string> Set);

/// <summary>One option of build.sh.</summary>
/// <param name="Name">The name without dashes, as typed: <c>--NAME=VALUE</c>.</param>
/// <param name="Kind">How the value is read.</param>
/// <param name="Targets">The targets that read it; empty: every target.</param>
/// <param name="Value">The value's placeholder in <c>--help</c> (<c>PATH</c>); null for a flag or one of Cake's own.</param>
/// <param name="Help">
/// The <c>--help</c> text; consecutive options with the same text share one line
/// (<c>--iso=FILE --output=DIR</c>). Null: not listed by this table (Cake's own options).
/// </param>
/// <param name="Alias">A second name Cake accepts (<c>-t</c> for <c>--target</c>).</param>
/// <param name="Setting">The <see cref="XenBundleSettings"/> property it sets; null when the build host reads it alone.</param>
/// <param name="RecipeKey">The recipe key it replaces (<c>domu.name</c>); null when it replaces none.</param>
public sealed record XenBundleOption(
    string Name,
    OptionKind Kind,
    IReadOnlyList<string> Targets,
    string? Value,
    string? Help,
    string? Alias = null,
    SettingsProperty? Setting = null,
    string? RecipeKey = null)
{
    /// <summary>How <c>--help</c> shows it: <c>--NAME=VALUE</c>, or <c>--NAME</c> for a flag.</summary>
    public string Usage => Value is null ? "--" + Name : $"--{Name}={Value}";
}

/// <summary>
/// The one table of build.sh's options: <c>--help</c>, the check for unknown options, the
/// <see cref="XenBundleSettings"/> the build host fills, and the recipe overrides are all read
/// from it, so that an option is added in one place.
/// </summary>
public static class XenBundleOptions
{
    private static readonly string[] EveryTargets = [];
    private static readonly string[] BundleTargets = ["XenBundle", "ExtractMedia", "MergeRepositories", "TransformKickstart", "GenerateVirtInstall", "PackageBundle"];
    private static readonly string[] KickstartTargets = ["XenBundle", "TransformKickstart"];
    private static readonly string[] ExtractIsoTargets = ["ExtractIso"];
    private static readonly string[] TransformKickstartTargets = ["TransformKickstart"];
    private static readonly string[] CreateRepoTargets = ["CreateRepo"];
    private static readonly string[] TestTargets = ["Test"];
    private static readonly string[] BenchmarkTargets = ["Benchmark"];

    // One field per option: the build host reads an option through its row (context.Value(XenBundleOptions.Iso)),
    // so it cannot read one the table does not know. Declared before All: static fields start in text order.
    public static readonly XenBundleOption Recipe = new("recipe", OptionKind.Path, BundleTargets, "PATH", "a recipe directory, a recipe.yaml, or 'all' (default: recipes/demo)");

    public static readonly XenBundleOption Artifacts = new("artifacts", OptionKind.Path, BundleTargets, "DIR", "where bundles and reports go (default: artifacts)",
            Setting: new(s => s.ArtifactsDirectory.FullPath, (s, v) => s.ArtifactsDirectory = v));

    public static readonly XenBundleOption ReleaseVersion = Override("release-version", "V", "override the recipe's version (SemVer 2.0, e.g. 1.4.0-ci.57); -ci.57 or +sha.3f2a is added to each recipe's version", "version",
            new(s => s.ReleaseVersion, (s, v) => s.ReleaseVersion = v));

    public static readonly XenBundleOption Previous = new("previous", OptionKind.Path, BundleTargets, "PATH", "an earlier bundle or manifest: the report adds the diff",
            Setting: new(s => s.Previous?.FullPath, (s, v) => s.Previous = v));

    public static readonly XenBundleOption Os = Override("os", "el5..el9", "override the OS release (default: detected from the media)", "os", new(s => s.Os, (s, v) => s.Os = v));

    public static readonly XenBundleOption Virt = Override("virt", "xen-pv|xen-hvm|kvm", "override the virtualisation type", "virt", new(s => s.Virt, (s, v) => s.Virt = v));

    public static readonly XenBundleOption Dom0Address = Override("dom0-address", "IP", "override dom0.address, the NFS server the guest installs from", "dom0.address",
            new(s => s.Dom0Address, (s, v) => s.Dom0Address = v));

    public static readonly XenBundleOption DomUName = Override("domu-name", "NAME", "override domu.name", "domu.name", new(s => s.DomUName, (s, v) => s.DomUName = v));

    public static readonly XenBundleOption DomUAddress = Override("domu-address", "IP", "override domu.network.address", "domu.network.address", new(s => s.DomUAddress, (s, v) => s.DomUAddress = v));

    public static readonly XenBundleOption DomUNetmask = Override("domu-netmask", "MASK", "override domu.network.netmask", "domu.network.netmask", new(s => s.DomUNetmask, (s, v) => s.DomUNetmask = v));

    public static readonly XenBundleOption DomUGateway = Override("domu-gateway", "IP", "override domu.network.gateway", "domu.network.gateway", new(s => s.DomUGateway, (s, v) => s.DomUGateway = v));

    public static readonly XenBundleOption DomUDisk = Override("domu-disk", "PATH", "override domu.disk.path", "domu.disk.path", new(s => s.DomUDisk, (s, v) => s.DomUDisk = v));

    public static readonly XenBundleOption AllowInteractive = new("allow-interactive", OptionKind.Flag, KickstartTargets, null,
            "XenBundle, TransformKickstart: a kickstart that would stop the install to ask (no rootpw, no partitioning, ...) is a warning, not an error",
            Setting: new(s => s.AllowInteractive ? "true" : null, (s, v) => s.AllowInteractive = bool.Parse(v)));

    public static readonly XenBundleOption Iso = new("iso", OptionKind.Path, ExtractIsoTargets, "FILE", "ExtractIso: the image to extract and where");

    public static readonly XenBundleOption IsoOutput = new("output", OptionKind.Path, ExtractIsoTargets, "DIR", "ExtractIso: the image to extract and where");

    public static readonly XenBundleOption Kickstart = new("kickstart", OptionKind.Path, TransformKickstartTargets, "IN", "TransformKickstart --exclusive: rewrite one kickstart");

    public static readonly XenBundleOption KickstartOutput = new("output", OptionKind.Path, TransformKickstartTargets, "OUT", "TransformKickstart --exclusive: rewrite one kickstart");

    public static readonly XenBundleOption Input = new("input", OptionKind.Path, CreateRepoTargets, "DIR", "CreateRepo: write DIR/repodata for the RPMs below DIR");

    public static readonly XenBundleOption Checksum = new("checksum", OptionKind.Text, CreateRepoTargets, "sha|sha256", "CreateRepo: write DIR/repodata for the RPMs below DIR");

    public static readonly XenBundleOption Where = new("where", OptionKind.Text, TestTargets, "KINDS", "Test: run only these kinds of test: unit (in process, under a minute), tool, end-to-end, fuzz; several separated by commas");

    public static readonly XenBundleOption Filter = new("filter", OptionKind.Text, TestTargets, "EXPR", "Test: run only the tests matching a dotnet test filter (with --where, those of both)");

    public static readonly XenBundleOption Runs = new("runs", OptionKind.Text, BenchmarkTargets, "N", BenchmarkHelp);

    public static readonly XenBundleOption Size = new("size", OptionKind.Text, BenchmarkTargets, "SIZES", BenchmarkHelp);

    public static readonly XenBundleOption Only = new("only", OptionKind.Text, BenchmarkTargets, "PARTS", BenchmarkHelp);

    public static readonly XenBundleOption Target = new("target", OptionKind.Cake, EveryTargets, null, null, Alias: "t");

    public static readonly XenBundleOption Verbosity = new("verbosity", OptionKind.Cake, EveryTargets, null, null, Alias: "v");

    public static readonly XenBundleOption Working = new("working", OptionKind.Cake, EveryTargets, null, null, Alias: "w");

    public static readonly XenBundleOption Description = new("description", OptionKind.Cake, EveryTargets, null, null);

    public static readonly XenBundleOption Tree = new("tree", OptionKind.Cake, EveryTargets, null, null);

    public static readonly XenBundleOption DryRun = new("dryrun", OptionKind.Cake, EveryTargets, null, null);

    public static readonly XenBundleOption NoOp = new("noop", OptionKind.Cake, EveryTargets, null, null);

    public static readonly XenBundleOption WhatIf = new("whatif", OptionKind.Cake, EveryTargets, null, null);

    public static readonly XenBundleOption Exclusive = new("exclusive", OptionKind.Cake, EveryTargets, null, null, Alias: "e");

    /// <summary>Every option, in the order <c>--help</c> lists them.</summary>
    public static IReadOnlyList<XenBundleOption> All { get; } =
    [
        Recipe,
        Artifacts,
        ReleaseVersion,
        Previous,
        Os,
        Virt,
        Dom0Address,
        DomUName,
        DomUAddress,
        DomUNetmask,
        DomUGateway,
        DomUDisk,
        AllowInteractive,
        Iso,
        IsoOutput,
        Kickstart,
        KickstartOutput,
        Input,
        Checksum,
        Where,
        Filter,
        Runs,
        Size,
        Only,
        Target,
        Verbosity,
        Working,
        Description,
        Tree,
        DryRun,
        NoOp,
        WhatIf,
        Exclusive,
    ];

    /// <summary>The options that replace a recipe value.</summary>
    public static IEnumerable<XenBundleOption> Overrides => All.Where(o => o.RecipeKey is not null);

    /// <summary>Whether build.sh reads an option of this name (or alias).</summary>
    public static bool IsKnown(string name) =>
        All.Any(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(o.Alias, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The <c>--help</c> lines: usage and text, options that share a text on one line.</summary>
    public static IReadOnlyList<(string Usage, string Description)> HelpLines()
    {
        var lines = new List<(string Usage, string Description)>();
        foreach (var option in All.Where(o => o.Help is not null))
        {
            if (lines.Count > 0 && lines[^1].Description == option.Help)
            {
                lines[^1] = (lines[^1].Usage + " " + option.Usage, option.Help);
            }
            else
            {
                lines.Add((option.Usage, option.Help!));
            }
        }

        return lines;
    }

    private const string BenchmarkHelp = "Benchmark: runs of each measurement (default 5), media sizes in MiB or with a g suffix, comma-separated (default 1g), which of extract,repodata,pipeline,startup (default all)";

    private static XenBundleOption Override(string name, string value, string help, string recipeKey, SettingsProperty setting) =>
        new(name, OptionKind.Text, BundleTargets, value, help, Setting: setting, RecipeKey: recipeKey);
}
