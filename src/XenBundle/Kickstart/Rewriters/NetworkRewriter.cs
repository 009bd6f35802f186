using System.Text.RegularExpressions;
using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;
using XenBundle.Recipes;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Rule 7: the guest's address comes from the recipe. The boot arguments give it to the
/// installer; the <c>network</c> line of the install interface gives it to the installed
/// system, so it is rewritten to say the same: <c>--bootproto=static --ip --netmask
/// --gateway --nameserver</c> for a static guest, <c>--bootproto=dhcp</c> without an
/// address. A kickstart without such a line gets one.
/// </summary>
/// <remarks>
/// The install interface's line is the first whose <c>--device</c> names the guest's
/// interface (<see cref="GuestInterface"/>), else the first without <c>--device</c> (it
/// applies to the install interface), else the first that names a physical interface the
/// guest lacks (<c>em1</c> of the server the kickstart was written for: the guest has one).
/// Options the recipe does not decide (<c>--onboot</c>, <c>--noipv6</c>, <c>--mtu</c>,
/// <c>--ethtool</c>, ...) stay; so do the lines of other interfaces, reported. Every
/// release spells these options alike: <c>--device</c>, <c>--ip</c>, <c>--netmask</c>,
/// <c>--gateway</c>, <c>--hostname</c> and <c>--nameserver</c> (a comma list) are
/// FC3_Network's, which every RHEL handler's network command extends
/// (pykickstart commands/network.py:408-480, handlers/rhel5.py:63 to rhel9.py:67@r3.74),
/// and the EL5 loader, which reads the line before stage 2 and stops on an option it does not
/// know, knows each of them (loader2/net.c:2054-2073@anaconda-11.1.2.263-2; popt, so
/// <c>--opt value</c> and <c>--opt=value</c> alike).
/// <para>
/// The host name: the recipe has none of its own. domu.name names the guest for xm and
/// virsh; the EL7+ boot arguments already give it to dracut as the host name
/// (<c>ip=ADDR::GW:MASK:NAME:eth0:none</c>), which anaconda keeps for the installed system
/// when the kickstart names none (network.py:1517-1520@anaconda-21.48.22.159-1). So a
/// static guest gets <c>--hostname=DOMU.NAME</c> on every release, when no network line
/// names a host and domu.name is a host name by anaconda's rule (regexes.py:103@anaconda-21.48.22.159-1:
/// letters, digits and '-' between dots); a DHCP guest gets its name from the DHCP server.
/// </para>
/// </remarks>
public sealed partial class NetworkRewriter : KickstartRewriter
{
    private static readonly string[] VirtualDevice = ["--bondslaves", "--teamslaves", "--bridgeslaves", "--vlanid"];

    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        var target = context.Target;
        var nic = GuestInterface.For(target);
        var lines = Enumerable.Range(0, editor.Nodes.Count)
            .Where(i => editor.Nodes[i] is CommandNode { Name: "network" })
            .Select(i => (Index: i, Arguments: CommandArguments.Read(((CommandNode)editor.Nodes[i]).Line, editor.Dialect)))
            .ToList();
        var install = InstallLine(lines, nic);
        var wanted = Wanted(editor, target, nic, hostNameGiven: lines.Any(l => !string.IsNullOrEmpty(l.Arguments.Option("--hostname"))));
        var why = Why(target.Network, nic);
        foreach (var (index, arguments) in lines)
        {
            var command = (CommandNode)editor.Nodes[index];
            if (index == install)
            {
                var line = Rewrite(command.Line, arguments, wanted, nic);
                if (line.Print() != command.Line.Print())
                {
                    editor.ReplaceCommand(index, line, why);
                }
            }
            else if (arguments.Option("--device") is { } device && !nic.IsNamedBy(device))
            {
                editor.Warn(command.Source, $"network ({device}) configures a second interface; the guest has one (domu.network)");
            }
            else if (arguments.Option("--bootproto") is not null || arguments.Option("--ip") is not null || arguments.Option("--device") is not null)
            {
                editor.Warn(command.Source, $"network configures the guest's interface a second time; {editor.Nodes[install!.Value].Source} is the line set from the recipe");
            }
        }

        if (install is null)
        {
            var text = "network " + string.Join(' ', wanted.Select(w => $"{w.Option}={w.Value}"));
            editor.Insert(editor.CommandAreaEnd(), [Generated.Command(text, editor.NewLine)], why);
        }
    }

    /// <summary>Which line is the install interface's (see the remarks), as an index of the nodes; null when none is.</summary>
    private static int? InstallLine(List<(int Index, IReadOnlyList<CommandArgument> Arguments)> lines, GuestInterface nic)
    {
        foreach (var choice in new Func<IReadOnlyList<CommandArgument>, bool>[]
        {
            a => a.Option("--device") is { } device && nic.IsNamedBy(device),
            a => a.Option("--device") is null,
            a => !VirtualDevice.Any(o => a.Option(o) is not null),
        })
        {
            if (lines.FirstOrDefault(l => choice(l.Arguments)) is { Arguments: not null } line)
            {
                return line.Index;
            }
        }

        return null;
    }

    /// <summary>The options the recipe decides, in the order a line is written.</summary>
    private static List<(string Option, string Value)> Wanted(DocumentEditor editor, KickstartTarget target, GuestInterface nic, bool hostNameGiven)
    {
        var wanted = new List<(string Option, string Value)> { ("--device", nic.Device) };
        if (target.Network is not { Address: { } address } network)
        {
            wanted.Add(("--bootproto", "dhcp"));
            AddNameservers(wanted, target.Network);
            return wanted;
        }

        wanted.Add(("--bootproto", "static"));
        wanted.Add(("--ip", address.ToString()));
        wanted.Add(("--netmask", network.Netmask?.ToString() ?? string.Empty));
        if (network.Gateway is { } gateway)
        {
            wanted.Add(("--gateway", gateway.ToString()));
        }

        AddNameservers(wanted, network);
        if (!hostNameGiven && target.GuestName is { } name)
        {
            if (HostName().IsMatch(name) && name.Length <= 255)
            {
                wanted.Add(("--hostname", name));
            }
            else
            {
                editor.Warn(LineRef.WholeFile(editor.FileName), $"domu.name '{name}' is not a host name (letters, digits and '-' between dots), so the guest gets none from the recipe: give the network line a --hostname");
            }
        }

        return wanted;
    }

    private static void AddNameservers(List<(string Option, string Value)> wanted, NetworkSettings? network)
    {
        if (network is { Nameservers.Count: > 0 })
        {
            wanted.Add(("--nameserver", string.Join(',', network.Nameservers)));
        }
    }

    /// <summary>
    /// The install interface's line saying what the recipe says: each option set in place
    /// (written as before), a missing one added (in the line's style), and the static
    /// settings that the recipe does not give removed: a kickstart's --gateway belongs to its
    /// own address, and --noipv4 or --nodns would undo the recipe's.
    /// </summary>
    private static CommandLine Rewrite(CommandLine line, IReadOnlyList<CommandArgument> arguments, List<(string Option, string Value)> wanted, GuestInterface nic)
    {
        var removed = new List<string> { "--noipv4" };
        if (wanted.All(w => w.Option != "--ip"))
        {
            removed.AddRange(["--ip", "--netmask", "--gateway"]);
        }
        else if (wanted.All(w => w.Option != "--gateway"))
        {
            removed.Add("--gateway");
        }

        if (wanted.Any(w => w.Option == "--nameserver"))
        {
            removed.Add("--nodns");
        }

        var separate = arguments.FirstOrDefault(a => a.Option is not null)?.Form == ArgumentForm.Separate;
        var values = new List<(CommandArgument, string)>();
        var appended = new List<(string Option, string Value)>();
        foreach (var (option, value) in wanted)
        {
            var present = arguments.Where(a => a.Option == option && a.Form != ArgumentForm.Flag).ToList();
            if (present.Count == 0)
            {
                appended.Add((option, value));
            }

            values.AddRange(present.Where(a => !Same(option, a.Value, value, nic)).Select(a => (a, value)));
        }

        line = line.WithValues(values);
        foreach (var argument in arguments.Where(a => a.Option is { } o && (removed.Contains(o) || (a.Form == ArgumentForm.Flag && wanted.Any(w => w.Option == o)))).OrderByDescending(a => a.TokenIndex))
        {
            line = line.Without(argument);
        }

        foreach (var (option, value) in appended)
        {
            line = separate ? line.Append(option).Append(ShellQuoting.Quote(value)) : line.Append(ShellQuoting.Quote($"{option}={value}"));
        }

        return line;
    }

    // The same setting written otherwise (a device the guest has, 192.168.050.020) is left as written.
    private static bool Same(string option, string written, string wanted, GuestInterface nic) => option switch
    {
        "--device" => nic.IsNamedBy(written),
        "--ip" or "--netmask" or "--gateway" => Ipv4.TryParse(written, out var a) && Ipv4.TryParse(wanted, out var b) && a == b,
        "--nameserver" => written.Split(',').Select(n => Ipv4.TryParse(n.Trim(), out var x) ? x.ToString() : n).SequenceEqual(wanted.Split(',')),
        _ => written == wanted,
    };

    private static string Why(NetworkSettings? network, GuestInterface nic) => network switch
    {
        { Address: { } address, Netmask: { } mask } => $"the guest's address from the recipe (domu.network), as the boot arguments give it to the installer: {nic.Device} static {address}/{mask.PrefixLength}"
            + (network.Gateway is { } gateway ? $" via {gateway}" : string.Empty),
        _ => $"the recipe gives the guest no address (domu.network.address): {nic.Device} takes one by DHCP",
    };

    [GeneratedRegex(@"^(?:(?!-)[A-Za-z0-9-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?)\z", RegexOptions.CultureInvariant)]
    private static partial Regex HostName();
}
