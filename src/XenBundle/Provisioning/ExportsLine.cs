using System.Globalization;
using XenBundle.Recipes;

namespace XenBundle.Provisioning;

/// <summary>
/// The exports(5) line of the install tree (<c>dom0/exports</c>):
/// <c>EXPORT CLIENT(ro,sync,no_subtree_check,no_root_squash) ...</c>. The clients are <c>dom0.clients</c> when
/// the recipe names them, else the guest's address, else (a DHCP guest) the Dom0's network
/// from <c>dom0.netmask</c>. Never <c>*</c> or <c>0.0.0.0/0</c> unless the recipe says so
/// (<c>dom0.allow_any_client</c>).
/// </summary>
/// <remarks>
/// The Dom0 itself is added when the clients do not already cover it: the EL5-era
/// virt-install mounts <c>nfs:DOM0:EXPORT</c> on the Dom0 to fetch the installer's kernel,
/// and that mount comes from the Dom0's own address.
/// <c>no_root_squash</c>: the installer runs as root and must read every file of the tree,
/// the kickstart CD's <c>0600</c> files included. <c>no_subtree_check</c> is written out because
/// exportfs warns about every export that names neither it nor <c>subtree_check</c>
/// (nfs-utils support/nfs/exports.c:856 at commit 534faa7, parseopts(): "Neither 'subtree_check'
/// or 'no_subtree_check' specified for export"); it is also the right choice for a read-only tree.
/// </remarks>
public sealed class ExportsLine
{
    public const string Path = "dom0/exports";

    public const string Options = "ro,sync,no_subtree_check,no_root_squash";

    public ExportsLine(GuestInstall guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        var main = guest.Recipe.Dom0.MountedBy;
        var clients = new List<string> { main.Text };
        if (!main.Covers(guest.Dom0Address))
        {
            clients.Add(guest.Dom0Address.ToString());
        }

        Clients = clients;
        FirewallSource = guest.Network.Address is { } address ? address.ToString() : SourceOf(main);
        Export = guest.Export;
        Text = $"{Export} {ClientsWithOptions}";
        Warnings = WarningsAbout(guest, main);
    }

    /// <summary>Who may mount the export, in exports(5) spelling, without options.</summary>
    public IReadOnlyList<string> Clients { get; }

    public string Export { get; }

    /// <summary>
    /// Whom setup.sh lets through the Dom0's firewall to NFS: the guest's address; for a DHCP
    /// guest, which has none in advance, the export's own clients (<c>dom0.clients</c> or the
    /// Dom0's network), so that the firewall opens no wider than the export already is.
    /// The Dom0 itself needs no opening: its own mounts do not pass the INPUT filter.
    /// </summary>
    public string FirewallSource { get; }

    /// <summary>The clients with their options: everything after the path.</summary>
    public string ClientsWithOptions => string.Join(' ', Clients.Select(c => $"{c}({Options})"));

    /// <summary>The line, without a newline.</summary>
    public string Text { get; }

    /// <summary>What is wide about the export: for the console, the report and README.txt.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public GeneratedFile File => new(Path, Text + "\n", Tree.UnixMode.File);

    /// <summary>The clients as iptables -s and a firewalld rich rule's source address take them.</summary>
    private static string SourceOf(ExportClients clients) =>
        clients.CoversEverything ? "0.0.0.0/0"
        : clients.Network is { } network ? string.Create(CultureInfo.InvariantCulture, $"{network}/{clients.PrefixLength}")
        : clients.Text;

    private static List<string> WarningsAbout(GuestInstall guest, ExportClients main)
    {
        var warnings = new List<string>();
        var source = guest.Recipe.Dom0.Clients is null ? "dom0.netmask" : "dom0.clients";
        if (main.CoversEverything)
        {
            warnings.Add($"dom0.clients is '{main}' (dom0.allow_any_client: true): any host that reaches the Dom0 can mount {guest.Export}, reading every file as root (no_root_squash)");
        }
        else if (main.IsWide)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{source} makes the export {main}, a network wider than a /{ExportClients.NarrowestQuietPrefix}: {(1UL << (32 - main.PrefixLength)):N0} addresses can mount {guest.Export}, reading every file as root (no_root_squash); narrow it to the guest's network"));
        }

        if (guest.Recipe.Dom0.Clients is null && guest.Network.IsDhcp)
        {
            warnings.Add($"the guest uses DHCP, so {guest.Export} is exported to the Dom0's whole network {main} (set dom0.clients to narrow it)");
        }

        return warnings;
    }
}
