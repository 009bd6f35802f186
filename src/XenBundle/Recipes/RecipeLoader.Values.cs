using System.Globalization;
using System.Text.RegularExpressions;
using XenBundle.Model;

namespace XenBundle.Recipes;

/// <summary>
/// The recipe loader's second half: each scalar of a recipe parsed into its type (an address,
/// a netmask, who may mount the export, a path fit for scripts), or a <see cref="RecipeException"/>
/// naming the key and line. <see cref="RecipeLoader"/>'s first half reads the YAML and puts a recipe together.
/// </summary>
public static partial class RecipeLoader
{
    private static string ValidName(RecipeField field, Regex pattern, string shape) =>
        pattern.IsMatch(field.Text!) && field.Text!.Length <= 64
            ? field.Text
            : throw field.Error($"'{Printable(field.Text)}' is not a valid name (expected {shape}, at most 64 characters)");

    private static OsRelease ParseOs(RecipeField field) =>
        RecipeNames.TryParseOs(field.Text!, out var os) ? os : throw field.Error($"'{Printable(field.Text)}' is not one of {string.Join(", ", RecipeNames.OsNames)}");

    private static VirtType ParseVirt(RecipeField field) =>
        RecipeNames.TryParseVirt(field.Text!, out var virt) ? virt : throw field.Error($"'{Printable(field.Text)}' is not one of {string.Join(", ", RecipeNames.VirtNames)}");

    private static int ValidInt(RecipeField field, int fallback, int min, int max)
    {
        if (!field.IsSet)
        {
            return fallback;
        }

        return int.TryParse(field.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw field.Error($"'{Printable(field.Text)}' is not a whole number from {min} to {max}");
    }

    private static Ipv4 ValidIpv4(RecipeField field) =>
        Ipv4.TryParse(field.Text, out var address) ? address : throw field.Error($"'{Printable(field.Text)}' is not an IPv4 address");

    /// <summary>Paths that reach shell scripts and exports(5): absolute, plain characters, no '..'.</summary>
    private static string ValidAbsolutePath(RecipeField field)
    {
        var text = field.Text!;
        if (!SafePathPattern().IsMatch(text) || text.Split('/').Any(p => p is "." or ".."))
        {
            throw field.Error($"'{Printable(text)}' is not an absolute path of letters, digits and ._+-/ without '..'");
        }

        return text;
    }

    private static Ipv4 ValidNetmask(RecipeField field)
    {
        var mask = ValidIpv4(field);
        return mask.IsNetmask ? mask : throw field.Error($"'{field.Text}' is not a netmask (ones then zeros, like 255.255.255.0)");
    }

    private static ExportClients ValidClients(RecipeField field, bool allowAnyClient)
    {
        if (!ExportClients.TryParse(field.Text!, out var clients))
        {
            throw field.Error($"'{Printable(field.Text)}' is not an address, a network (a.b.c.d/24), a host name or '*'");
        }

        return !clients.CoversEverything || allowAnyClient
            ? clients
            : throw field.Error($"'{clients}' lets any host that reaches the Dom0 mount the install tree, reading every file as root (no_root_squash); name the guest's network instead, or set dom0.allow_any_client: true to mean it");
    }

    private static bool ValidBool(RecipeField field) => field.Text switch
    {
        null or "" or "false" => false,
        "true" => true,
        _ => throw field.Error($"'{Printable(field.Text)}' is not true or false"),
    };

    /// <summary>The export directory: a path fit for scripts (see <see cref="ValidAbsolutePath"/>) that <see cref="ExportDirectory"/> allows.</summary>
    private static string ValidExport(RecipeField field)
    {
        var path = field.Text!;
        if (ExportDirectory.Problem(path) is { } problem)
        {
            throw field.Error($"'{Printable(path)}' {problem}");
        }

        return ValidAbsolutePath(field);
    }

    private static NetworkSettings ValidNetwork(RecipeField address, RecipeField netmask, RecipeField gateway, IReadOnlyList<RecipeField> nameservers, RecipeField bridge, RecipeField mac, VirtType virt)
    {
        Ipv4? parsedAddress = address.IsSet ? ValidIpv4(address) : null;
        Ipv4? parsedMask = netmask.IsSet ? ValidNetmask(netmask) : null;

        if (parsedAddress is not null && parsedMask is null)
        {
            throw netmask.Error("required when domu.network.address is set");
        }

        if (parsedAddress is null && (parsedMask is not null || gateway.IsSet))
        {
            throw (parsedMask is not null ? netmask : gateway).Error("only meaningful with domu.network.address (without an address the guest uses DHCP)");
        }

        if (mac.IsSet && !MacPattern().IsMatch(mac.Text!))
        {
            throw mac.Error($"'{Printable(mac.Text)}' is not a MAC address like 00:16:3e:12:34:56");
        }

        if (mac.IsSet && (Convert.ToInt32(mac.Text![..2], 16) & 1) == 1)
        {
            throw mac.Error($"'{mac.Text}' is a multicast address; a guest needs a unicast MAC");
        }

        if (bridge.IsSet && !BridgePattern().IsMatch(bridge.Text!))
        {
            throw bridge.Error($"'{Printable(bridge.Text)}' is not a network interface name (letters, digits, ._-, at most 15)");
        }

        return new NetworkSettings
        {
            Address = parsedAddress,
            Netmask = parsedMask,
            Gateway = gateway.IsSet ? ValidIpv4(gateway) : null,
            Nameservers = nameservers.Select(ValidIpv4).ToList(),
            Bridge = bridge.IsSet ? bridge.Text! : virt == VirtType.Kvm ? "virbr0" : "xenbr0",
            Mac = mac.IsSet ? mac.Text!.ToLowerInvariant() : null,
        };
    }

    // The guest fetches its kickstart and packages from the Dom0 during the install: on
    // another network it can only reach it through a gateway.
    private static void CheckGatewayNeeded(Ipv4 dom0, NetworkSettings network, RecipeField gateway)
    {
        if (network is { Address: { } address, Netmask: { } mask, Gateway: null } && !address.SameNetwork(dom0, mask))
        {
            throw gateway.Error($"required: the guest {address}/{mask.PrefixLength} is not on the Dom0's network ({dom0})");
        }

        if (network is { Address: { } a, Netmask: { } m, Gateway: { } g } && !a.SameNetwork(g, m))
        {
            throw gateway.Error($"{g} is not on the guest's network {a.Network(m)}/{m.PrefixLength}");
        }
    }

    /// <summary>
    /// Who may mount the export (<see cref="Dom0Settings.MountedBy"/>). A DHCP guest has no
    /// address in advance, and guessing a network would either lock it out or open the export
    /// (with no_root_squash) wider than meant: the recipe must say, at <paramref name="dom0Location"/>.
    /// </summary>
    private static ExportClients MountedBy(ExportClients? clients, NetworkSettings network, Ipv4 dom0, Ipv4? dom0Netmask, string dom0Location)
    {
        if (clients is not null)
        {
            return clients;
        }

        if (network.Address is { } address)
        {
            return ExportClients.Of(address);
        }

        var netmask = dom0Netmask ?? throw new RecipeException(
            dom0Location,
            "dom0.clients: required for a DHCP guest (no domu.network.address): who may mount the export, e.g. 192.168.50.0/24; or set dom0.netmask to export to the Dom0's network");
        return ExportClients.OfNetwork(dom0, netmask);
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z", RegexOptions.CultureInvariant)]
    internal static partial Regex HostNamePattern();

    [GeneratedRegex(@"^/[A-Za-z0-9._+/-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafePathPattern();

    [GeneratedRegex(@"^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}\z", RegexOptions.CultureInvariant)]
    private static partial Regex MacPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex BridgePattern();
}
