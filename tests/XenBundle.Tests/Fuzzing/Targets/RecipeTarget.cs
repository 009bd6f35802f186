using Cake.XenBundle;
using System.Text;
using XenBundle.Recipes;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Fuzzing.Targets;

/// <summary>
/// The recipe loader with command-line overrides: a recipe from a pull request, with the
/// options CI adds (some of them hostile too). The recipe's directory holds the media and
/// the kickstart the seeds name.
/// </summary>
internal sealed class RecipeTarget : FuzzTarget
{
    private static readonly RecipeOverrides[] Overrides =
    [
        With(("release-version", "-ci.57")),
        With(("release-version", "+sha.3f2a"), ("os", "el9"), ("virt", "kvm")),
        With(("domu-address", "10.0.0.9"), ("domu-netmask", "255.255.255.0"), ("domu-gateway", "10.0.0.1")),
        With(("domu-disk", "/var/lib/xen/images/../../../etc/shadow"), ("dom0-address", "1.2.3.4.5")),
        With(("domu-name", "web;reboot"), ("release-version", "-\0")),
    ];

    private readonly TempDirectory _directory = new("fuzz-recipe");

    public RecipeTarget()
    {
        _directory.Write("media/disc1/README", "disc 1\n");
        _directory.Write("media/ks-cd/ks.cfg", "install\ncdrom\n");
        _directory.Write("ks.cfg", "install\ncdrom\n");
    }

    public override string Name => "recipe";

    public override IReadOnlyList<byte[]> Dictionary { get; } = Tokens(
        "name: ", "version: ", "media:\n  - ", "kickstart:\n  file: ", "dom0:\n  address: ", "domu:\n  name: ", "&a ", "*a", "<<: ", "!!binary ", "? ",
        "[", "]", "{", "}", "- ", ": ", "\"\\0\"", "\"\\x01\"", "../", "/etc/shadow", "'", "|\n", ">\n", "---\n", "...\n", "%YAML 1.1\n", "\t");

    public override void Run(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        _ = RecipeLoader.Parse(text, "recipe.yaml", _directory["recipe.yaml"], RecipeOverrides.None);

        // The same recipe with options from the command line, some of them bad: refusing them is right, crashing is not.
        try
        {
            _ = RecipeLoader.Parse(text, "recipe.yaml", _directory["recipe.yaml"], Overrides[input.Length % Overrides.Length]);
        }
        catch (RecipeException)
        {
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _directory.Dispose();
        }
    }

    private static RecipeOverrides With(params (string Option, string Value)[] values)
    {
        var settings = new XenBundleSettings();
        foreach (var (option, value) in values)
        {
            XenBundleOptions.All.Single(o => o.Name == option).Setting!.Set(settings, value);
        }

        return settings.ToOverrides();
    }
}
