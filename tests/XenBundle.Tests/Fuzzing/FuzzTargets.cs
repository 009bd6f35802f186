using XenBundle.Tests.Fuzzing.Targets;

namespace XenBundle.Tests.Fuzzing;

/// <summary>Every fuzz target by name: one per reader of outside input.</summary>
internal static class FuzzTargets
{
    public static readonly IReadOnlyList<string> Names = ["iso", "rpm", "comps", "tree-metadata", "repomd", "kickstart", "recipe"];

    public static FuzzTarget Create(string name) => name switch
    {
        "iso" => new IsoReaderTarget(),
        "rpm" => new RpmHeaderTarget(),
        "comps" => new CompsTarget(),
        "tree-metadata" => new TreeMetadataTarget(),
        "repomd" => new RepomdTarget(),
        "kickstart" => new KickstartTarget(),
        "recipe" => new RecipeTarget(),
        _ => throw new ArgumentException($"no fuzz target '{name}'", nameof(name)),
    };
}
