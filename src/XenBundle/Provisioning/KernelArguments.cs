using XenBundle.Model;

namespace XenBundle.Provisioning;

/// <summary>
/// The installer's boot arguments (virt-install <c>--extra-args</c>), in the syntax of the
/// guest's release:
/// <list type="bullet">
/// <item>EL5 and EL6 (anaconda's loader): <c>ks=nfs:HOST:/path/ks/kickstart.cfg</c>, and for a
/// static guest <c>ksdevice=eth0 ip= netmask= gateway= dns=</c>;</item>
/// <item>EL7 and later (dracut): <c>inst.ks=nfs:...</c>, <c>inst.repo=nfs:HOST:/path</c>, and for
/// a static guest <c>ip=ADDR::GW:MASK:HOST:eth0:none</c> plus one <c>nameserver=</c> each;</item>
/// </list>
/// then the console. A DHCP guest gets no network arguments: both installers bring the
/// interface up with DHCP when the kickstart is on the network.
/// </summary>
/// <remarks>
/// No <c>method=</c> (EL5) or <c>repo=</c> (EL6): the transformed kickstart says
/// <c>nfs --server=DOM0 --dir=EXPORT</c>, and the loader takes the install method from it;
/// a second copy on the command line could only disagree with it. EL7+ gets
/// <c>inst.repo=</c> all the same: dracut then finds the installer image (install.img)
/// from the command line, without depending on how it parses the kickstart.
/// </remarks>
public static class KernelArguments
{
    /// <summary>The guest's only network interface, as the installer names it.</summary>
    public const string Interface = "eth0";

    public static IReadOnlyList<string> For(GuestInstall guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        var arguments = guest.Os <= OsRelease.El6 ? Loader(guest) : Dracut(guest);
        arguments.Add("console=" + Console(guest.Os, guest.Virt));
        return arguments;
    }

    /// <summary>The arguments as one line, the way virt-install passes them on.</summary>
    public static string Line(GuestInstall guest) => string.Join(' ', For(guest));

    /// <summary>
    /// Where the installer talks: the Xen PV console is <c>xvc0</c> on EL5's kernel and
    /// <c>hvc0</c> from EL6 on; HVM and KVM guests have an emulated serial port.
    /// </summary>
    public static string Console(OsRelease os, VirtType virt) => virt switch
    {
        VirtType.XenPv when os == OsRelease.El5 => "xvc0",
        VirtType.XenPv => "hvc0",
        _ => "ttyS0",
    };

    private static List<string> Loader(GuestInstall guest)
    {
        var arguments = new List<string> { "ks=nfs:" + guest.NfsKickstart };
        if (guest.Network is { Address: { } address, Netmask: { } netmask } network)
        {
            // ksdevice: without it a guest with a second NIC would stop and ask which one.
            arguments.Add("ksdevice=" + Interface);
            arguments.Add($"ip={address}");
            arguments.Add($"netmask={netmask}");
            if (network.Gateway is { } gateway)
            {
                arguments.Add($"gateway={gateway}");
            }

            if (network.Nameservers.Count > 0)
            {
                arguments.Add("dns=" + string.Join(',', network.Nameservers));
            }
        }

        return arguments;
    }

    private static List<string> Dracut(GuestInstall guest)
    {
        var arguments = new List<string> { "inst.ks=nfs:" + guest.NfsKickstart, "inst.repo=nfs:" + guest.NfsTree };
        if (guest.Network is { Address: { } address, Netmask: { } netmask } network)
        {
            arguments.Add($"ip={address}::{network.Gateway?.ToString() ?? string.Empty}:{netmask}:{guest.Name}:{Interface}:none");
            arguments.AddRange(network.Nameservers.Select(n => $"nameserver={n}"));
            if (guest.Virt != VirtType.XenPv)
            {
                // An emulated PCI NIC gets a "predictable" name (ens3, enp1s0) that depends on
                // the machine type; ip= must name the interface, so keep the classic eth0.
                // Xen PV's vif is eth0 anyway.
                arguments.Add("net.ifnames=0");
            }
        }

        return arguments;
    }
}
