using XenBundle.Bundling;
using XenBundle.Model;
using XenBundle.Pipeline;
using XenBundle.Provisioning;
using XenBundle.Recipes;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Provisioning;

/// <summary>
/// Recipes for the provisioning tests, written as recipe.yaml and loaded through
/// RecipeLoader (so they are validated like a user's), with empty media beside them.
/// </summary>
internal static class GuestRecipes
{
    public const string StaticNetwork = """
            address: 192.168.50.20
            netmask: 255.255.255.0
            gateway: 192.168.50.1
            nameservers: [192.168.50.2]
            bridge: xenbr0
            mac: 00:16:3e:12:34:56
        """;

    public const string DhcpNetwork = """
            bridge: xenbr0
        """;

    /// <summary>A recipe.yaml: <paramref name="network"/> is the body of domu.network, <paramref name="dom0"/> extra dom0 keys.</summary>
    public static string Yaml(string os = "el5", string virt = "xen-pv", string network = StaticNetwork, string dom0 = "", string domu = "", string name = "web01", string disk = "/var/lib/xen/images/web01.img", string export = "/var/xen/install", int memory = 512, int vcpus = 1) => $"""
        name: demo
        version: 1.0.0
        os: {os}
        virt: {virt}
        media:
          - media/disc1
        kickstart:
          file: ks.cfg
        dom0:
          address: 192.168.50.1
          export: {export}
        {dom0}
        domu:
          name: {name}
          memory: {memory}
          vcpus: {vcpus}
        {domu}
          disk:
            path: {disk}
            size: 8
          network:
        {network}
        """;

    /// <summary>Writes the recipe and its (empty) media into <paramref name="directory"/> and loads it.</summary>
    public static Recipe Load(TempDirectory directory, string yaml)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory["media/disc1"]);
        directory.Write("ks.cfg", "install\n");
        var file = directory.Write(RecipeLoader.FileName, yaml);
        return RecipeLoader.Load(file);
    }

    /// <summary>The 1-based line of the recipe text that holds <paramref name="text"/>.</summary>
    public static int LineOf(string yaml, string text) =>
        Array.FindIndex(yaml.Split('\n'), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    public static Dom0Provisioning Provision(Recipe recipe) =>
        new(new GuestInstall(recipe, recipe.Os ?? OsRelease.El5, BundleLayout.KickstartPath));

    /// <summary>Writes the generated files under <paramref name="bundle"/> with their modes; returns the scripts' paths.</summary>
    public static IReadOnlyList<string> WriteFiles(Dom0Provisioning provisioning, string bundle)
    {
        ArgumentNullException.ThrowIfNull(provisioning);
        var scripts = new List<string>();
        foreach (var file in provisioning.Files)
        {
            var path = Path.Combine(bundle, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
            File.SetUnixFileMode(path, (UnixFileMode)file.Mode);
            if (file.Path.EndsWith(".sh", StringComparison.Ordinal))
            {
                scripts.Add(path);
            }
        }

        return scripts;
    }
}
