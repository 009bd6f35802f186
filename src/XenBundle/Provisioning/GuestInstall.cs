using XenBundle.Model;
using XenBundle.Recipes;

namespace XenBundle.Provisioning;

/// <summary>
/// What the Dom0 files are made from: the validated recipe, the OS release the guest
/// installs and where the kickstart sits in the install tree. Holds the values several
/// files share, so that they cannot disagree.
/// </summary>
public sealed record GuestInstall(Recipe Recipe, OsRelease Os, string KickstartPath)
{
    public string Name => Recipe.DomU.Name;

    public VirtType Virt => Recipe.Virt;

    public Ipv4 Dom0Address => Recipe.Dom0.Address;

    /// <summary>The export directory on the Dom0, also where the tree is copied.</summary>
    public string Export => Recipe.Dom0.Export;

    public NetworkSettings Network => Recipe.DomU.Network;

    /// <summary>The guest's memory in MiB: the recipe's, else what the release's installer needs.</summary>
    public int MemoryMiB => Recipe.DomU.MemoryMiB ?? InstallerMemory.DefaultMiB(Os);

    /// <summary><c>HOST:/path</c> of the install tree, as NFS clients name it.</summary>
    public NfsSource NfsTree => Recipe.Dom0.Nfs;

    /// <summary><c>HOST:/path/ks/kickstart.cfg</c>, the kickstart as NFS clients name it.</summary>
    public string NfsKickstart => NfsTree.Below(KickstartPath);

    /// <summary>The hypervisor's name as the bundle's title gives it: "Xen guest" or "KVM guest".</summary>
    public string GuestKind => Virt == VirtType.Kvm ? "KVM guest" : "Xen guest";

    /// <summary>How a sysadmin reads the guest's kind: "paravirtualised Xen guest".</summary>
    public string VirtDescription => Virt switch
    {
        VirtType.XenPv => "paravirtualised Xen guest",
        VirtType.XenHvm => "fully virtualised (HVM) Xen guest",
        _ => "KVM guest",
    };
}
