using System.Collections.Concurrent;
using XenBundle.Media;
using XenBundle.Pipeline;
using XenBundle.Recipes;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Guests;

/// <summary>One guest target: a release and a guest type, built from the guest media.</summary>
public sealed record GuestTarget(string Os, string Virt)
{
    public override string ToString() => $"{Os} {Virt}";
}

/// <summary>
/// A target's bundle, built once per test run through every stage of the pipeline (as
/// ./build.sh does) and unpacked by GNU tar, with the pipeline kept for its report.
/// </summary>
internal sealed class GuestBundle
{
    private static readonly ConcurrentDictionary<GuestTarget, Lazy<GuestBundle>> Built = new();

    private GuestBundle(GuestTarget target, string directory, BundleArtifacts artifacts, string report)
    {
        Target = target;
        Directory = directory;
        Artifacts = artifacts;
        Report = report;
    }

    public GuestTarget Target { get; }

    /// <summary>The unpacked bundle's top directory (holding install/, dom0/, ...).</summary>
    public string Directory { get; }

    public string Install => Path.Combine(Directory, "install");

    public BundleArtifacts Artifacts { get; }

    /// <summary>The report (markdown) the build wrote.</summary>
    public string Report { get; }

    public string Kickstart => File.ReadAllText(Path.Combine(Install, "ks", "kickstart.cfg"));

    public string VirtInstallScript => Path.Combine(Directory, "dom0", "virt-install.sh");

    public static GuestBundle For(GuestTarget target) =>
        Built.GetOrAdd(target, t => new Lazy<GuestBundle>(() => Build(t), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>The recipe of a target: its DVD and the kickstart CD; <paramref name="os"/> is left out when null (detected).</summary>
    public static string RecipeYaml(GuestTarget target, string? os = null, string name = "acme") => $"""
        name: {name}
        version: 1.0.0
        {(os is null ? string.Empty : "os: " + os)}
        virt: {target.Virt}
        media:
          - {GuestMedia.Dvd(target.Os)}
        kickstart:
          media: {GuestMedia.KickstartCd}
          file: {GuestMedia.KickstartFile(target.Os)}
        dom0:
          address: 192.168.50.1
        domu:
          name: web01
          network:
            address: 192.168.50.20
            netmask: 255.255.255.0
            gateway: 192.168.50.1
            nameservers: [192.168.50.2]
            mac: 00:16:3e:12:34:56
        """;

    private static GuestBundle Build(GuestTarget target)
    {
        var root = Path.Combine(Path.GetTempPath(), $"xenbundle-guest-{Environment.ProcessId}-{target.Os}-{target.Virt}");
        if (System.IO.Directory.Exists(root))
        {
            System.IO.Directory.Delete(root, recursive: true);
        }

        System.IO.Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        };

        // The recipe leaves os: out, so every build also shows that the release is detected.
        var recipeFile = Path.Combine(root, "recipe", RecipeLoader.FileName);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(recipeFile)!);
        File.WriteAllText(recipeFile, RecipeYaml(target));
        var recipe = RecipeLoader.Load(recipeFile);
        using var pipeline = new BundlePipeline(recipe, new PipelineOptions { ArtifactsDirectory = Path.Combine(root, "artifacts"), SourceDateEpoch = "1700000000" }, NullPipelineLog.Instance);
        pipeline.ExtractMedia();
        pipeline.MergeRepositories();
        pipeline.TransformKickstart();
        pipeline.GenerateVirtInstall();
        var artifacts = pipeline.PackageBundle();

        var unpacked = Path.Combine(root, "unpacked");
        System.IO.Directory.CreateDirectory(unpacked);
        Tool.Run("tar", "-xzf", artifacts.Tarball, "-C", unpacked).EnsureSuccess("tar -xzf");
        return new GuestBundle(target, Path.Combine(unpacked, recipe.BundleName), artifacts, File.ReadAllText(artifacts.Report));
    }
}
