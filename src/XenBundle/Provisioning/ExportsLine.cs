using System.Globalization;
using XenBundle.Recipes;

namespace XenBundle.Provisioning;

/// <summary>
/// The exports(5) line of the install tree (<c>dom0/exports</c>):
/// <c>EXPORT CLIENT(ro,sync,no_root_squash) ...</c>. The clients are <c>dom0.clients</c> when
/// the recipe names them, else the guest's address, else (a DHCP guest) the Dom0's network
/// from <c>dom0.netmask</c>. Never <c>*</c> unless the recipe says so.
/// </summary>
/// <remarks>
/// The Dom0 itself is added when the clients do not already cover it: the EL5-era
/// virt-install mounts <c>nfs:DOM0:EXPORT</c> on the Dom0 to fetch the installer's kernel,
/// and that mount comes from the Dom0's own address.
/// <c>no_root_squash</c>: the installer runs as root and must read every file of the tree,
/// the kickstart CD's <c>0600</c> files included.
/// </remarks>
public sealed class ExportsLine
{
    public const string Path = "dom0/exports";

    public const string Options = "ro,sync,no_root_squash";

    public ExportsLine(GuestInstall guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        var clients = new List<string> { MainClient(guest.Recipe) };
        if (!Covers(clients[0], guest.Dom0Address))
        {
            clients.Add(guest.Dom0Address.ToString());
        }

        Clients = clients;
        Export = guest.Export;
        Text = $"{Export} {ClientsWithOptions}";
    }

    /// <summary>Who may mount the export, in exports(5) spelling, without options.</summary>
    public IReadOnlyList<string> Clients { get; }

    public string Export { get; }

    /// <summary>The clients with their options: everything after the path.</summary>
    public string ClientsWithOptions => string.Join(' ', Clients.Select(c => $"{c}({Options})"));

    /// <summary>The line, without a newline.</summary>
    public string Text { get; }

    public bool IsWorldReadable => Clients.Contains("*");

    public GeneratedFile File => new(Path, Text + "\n", Tree.UnixMode.File);

    private static string MainClient(Recipe recipe)
    {
        if (recipe.Dom0.Clients is { } clients)
        {
            return clients;
        }

        if (recipe.DomU.Network.Address is { } address)
        {
            return address.ToString();
        }

        // A DHCP guest has no address in advance, and guessing a network would either lock
        // it out or open the export (with no_root_squash) wider than meant: the recipe says.
        var netmask = recipe.Dom0.Netmask ?? throw new RecipeException(
            recipe.Dom0.Location.Length > 0 ? recipe.Dom0.Location : recipe.FileName,
            "dom0.clients: required for a DHCP guest (no domu.network.address): who may mount the export, e.g. 192.168.50.0/24; or set dom0.netmask to export to the Dom0's network");
        return string.Create(CultureInfo.InvariantCulture, $"{recipe.Dom0.Address.Network(netmask)}/{netmask.PrefixLength}");
    }

    /// <summary>Whether an exports(5) client spec (address, network, name, *) takes in <paramref name="address"/>.</summary>
    private static bool Covers(string client, Ipv4 address)
    {
        if (client == "*")
        {
            return true;
        }

        var slash = client.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return Ipv4.TryParse(client, out var single) && single == address;
        }

        var network = Ipv4.Parse(client[..slash]);
        var mask = client[(slash + 1)..];
        var netmask = mask.Contains('.', StringComparison.Ordinal) ? Ipv4.Parse(mask) : Ipv4.MaskOf(int.Parse(mask, CultureInfo.InvariantCulture));
        return network.SameNetwork(address, netmask);
    }
}
