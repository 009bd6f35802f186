using XenBundle.Model;
using XenBundle.Provisioning;

namespace XenBundle.Kickstart.Transform;

/// <summary>
/// The guest's one network interface, as a kickstart <c>network --device=</c> names it for
/// the target's installer.
/// </summary>
/// <remarks>
/// EL5 and EL6 take only a kernel name: EL5's stage 2 looks the device up by name and stops
/// on any other ("The provided network interface %s does not exist",
/// kickstart.py:364-370@anaconda-11.1.2.263-2), and the guest's only interface is eth0
/// there. From EL7 anaconda also takes <c>link</c> (the first interface with carrier) and a
/// MAC address (network.py:1241-1279@anaconda-21.48.22.159-1,
/// modules/network/nm_client.py:189-231@anaconda-34.25.7.19); <c>bootif</c> needs the
/// BOOTIF= that only pxelinux sets, which a virt-install boot never has. An EL7+ Xen PV
/// interface (xen-netfront) is eth0; an emulated one (HVM, KVM) is eth0 only when the boot
/// arguments say net.ifnames=0, which they do for a static guest
/// (<see cref="KernelArguments"/>); a DHCP guest's is named by its PCI slot (ens3, enp1s0),
/// so the kickstart names it by the recipe's MAC, or as <c>link</c>.
/// </remarks>
public sealed record GuestInterface(OsRelease Os, bool NamedEth0, string? Mac)
{
    public static GuestInterface For(KickstartTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var named = target.Os <= OsRelease.El6 || target.Virt == VirtType.XenPv || target.Network?.Address is not null;
        return new GuestInterface(target.Os, named, target.Network?.Mac);
    }

    /// <summary>What a line written here says: <c>eth0</c>, the MAC, or <c>link</c>.</summary>
    public string Device => NamedEth0 ? KernelArguments.Interface : Mac ?? "link";

    /// <summary>Whether a <c>--device</c> value names this interface for the target's installer.</summary>
    public bool IsNamedBy(string device) =>
        (NamedEth0 && device == KernelArguments.Interface)
        || (Os >= OsRelease.El7 && (device == "link" || (Mac is not null && string.Equals(device, Mac, StringComparison.OrdinalIgnoreCase))));
}
