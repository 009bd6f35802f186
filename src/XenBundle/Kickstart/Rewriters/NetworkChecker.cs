using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;
using XenBundle.Recipes;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Rule 7: the guest's address comes from the recipe (virt-install passes it to the
/// installer). A <c>network</c> line that says otherwise configures the installed system
/// differently; it is the author's to decide, so it is reported, not changed.
/// </summary>
public sealed class NetworkChecker : KickstartRewriter
{
    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        var recipe = context.Target.Network;
        string? guestDevice = null;
        var first = true;
        foreach (var network in editor.Nodes.OfType<CommandNode>().Where(c => c.Name == "network"))
        {
            var arguments = CommandArguments.Read(network.Line, editor.Dialect);
            var bootProto = arguments.Option("--bootproto");
            var ip = arguments.Option("--ip");
            if (bootProto is null && ip is null && arguments.Option("--device") is null)
            {
                continue; // only a host name, or the like
            }

            // The first interface configured is the guest's one; the recipe says nothing of others.
            var deviceName = arguments.Option("--device");
            if (!first && deviceName != guestDevice)
            {
                editor.Warn(network.Source, $"network ({deviceName ?? "no --device"}) configures a second interface; the guest has one (domu.network)");
                continue;
            }

            first = false;
            guestDevice = deviceName;
            var device = deviceName is { } d ? $" ({d})" : string.Empty;
            if ((bootProto ?? (ip is null ? "dhcp" : "static")) == "static")
            {
                if (recipe?.Address is not { } address)
                {
                    editor.Warn(network.Source, $"network{device} is static ({ip ?? "no --ip"}), but the recipe gives the guest DHCP (no domu.network.address)");
                }
                else if (Differences(arguments, recipe, address) is { Count: > 0 } differences)
                {
                    editor.Warn(network.Source, $"network{device} disagrees with the recipe: {string.Join("; ", differences)}");
                }
            }
            else if (recipe?.Address is { } address)
            {
                editor.Warn(network.Source, $"network{device} uses {bootProto ?? "dhcp"}, but the recipe gives the guest the address {address}");
            }
        }
    }

    private static List<string> Differences(IReadOnlyList<CommandArgument> arguments, NetworkSettings recipe, Ipv4 address)
    {
        var differences = new List<string>();
        Compare(differences, "--ip", arguments.Option("--ip"), address, "domu.network.address");
        Compare(differences, "--netmask", arguments.Option("--netmask"), recipe.Netmask, "domu.network.netmask");
        Compare(differences, "--gateway", arguments.Option("--gateway"), recipe.Gateway, "domu.network.gateway");
        return differences;
    }

    private static void Compare(List<string> differences, string option, string? kickstart, Ipv4? recipe, string key)
    {
        if (kickstart is not null && (recipe is null || !Ipv4.TryParse(kickstart, out var parsed) || parsed != recipe))
        {
            differences.Add($"{option}={kickstart} but {key} is {(recipe is null ? "not set" : recipe.ToString())}");
        }
    }
}
