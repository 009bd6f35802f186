using XenBundle.Model;

namespace XenBundle.Recipes;

/// <summary>
/// A validated recipe (<c>recipe.yaml</c>, read by <see cref="RecipeLoader"/>) with
/// command-line overrides applied.
/// Paths are absolute; every value that can reach a shell script has been checked.
/// </summary>
public sealed record Recipe
{
    /// <summary>The recipe file as the user named it (for messages).</summary>
    public required string FileName { get; init; }

    /// <summary>The absolute path of the recipe file.</summary>
    public required string FilePath { get; init; }

    public string Directory => Path.GetDirectoryName(FilePath)!;

    public required string Name { get; init; }

    public required SemanticVersion Version { get; init; }

    /// <summary>The OS release, or null to detect it from the media.</summary>
    public OsRelease? Os { get; init; }

    /// <summary>Where <see cref="Os"/> was set (<c>recipe.yaml:3</c> or <c>--os</c>), for problems found by a later stage; empty when not set.</summary>
    public string OsLocation { get; init; } = string.Empty;

    public VirtType Virt { get; init; } = VirtType.XenPv;

    /// <summary>The distribution media in disc order, absolute paths.</summary>
    public required IReadOnlyList<string> Media { get; init; }

    public required KickstartSource Kickstart { get; init; }

    public required Dom0Settings Dom0 { get; init; }

    public required DomUSettings DomU { get; init; }

    /// <summary>
    /// SHA-256 of what the recipe was made from: its text, its file's path and the name it is shown
    /// by, and the command-line values that replaced its keys. Two recipes with one digest have the
    /// same values, so a rerun can tell "same recipe" without comparing every field.
    /// </summary>
    public string Digest { get; init; } = string.Empty;

    /// <summary>The bundle's base name: <c>NAME-VERSION</c>.</summary>
    public string BundleName => $"{Name}-{Version}";
}

/// <summary>Where the source kickstart comes from.</summary>
public sealed record KickstartSource
{
    /// <summary>The custom kickstart CD (ISO or directory), absolute; null when there is none.</summary>
    public string? Media { get; init; }

    /// <summary>Inside <see cref="Media"/> (relative) when given, else an absolute path.</summary>
    public required string File { get; init; }
}

public sealed record Dom0Settings
{
    public required Ipv4 Address { get; init; }

    public string Export { get; init; } = ExportDirectory.Default;

    /// <summary>The install tree as NFS clients name it, <c>DOM0:EXPORT</c>.</summary>
    public NfsSource Nfs => new(Address, Export);

    /// <summary>Who may mount the export as the recipe says it (<c>dom0.clients</c>); null: not said.</summary>
    public ExportClients? Clients { get; init; }

    /// <summary>
    /// Who may mount the export: <see cref="Clients"/> when the recipe names them, else the
    /// guest's address, else (a DHCP guest) the Dom0's network from <see cref="Netmask"/>.
    /// Settled when the recipe is loaded: a DHCP guest with neither is a recipe error there.
    /// </summary>
    public required ExportClients MountedBy { get; init; }

    /// <summary>
    /// <c>dom0.allow_any_client</c>: the recipe means <see cref="Clients"/> to let any host mount
    /// the export (<c>*</c>, <c>0.0.0.0/0</c>), which is refused without it.
    /// </summary>
    public bool AllowAnyClient { get; init; }

    /// <summary>
    /// The netmask of the Dom0's network (optional): a DHCP guest without <see cref="Clients"/>
    /// gets the export for the whole network, since its address is not known in advance.
    /// </summary>
    public Ipv4? Netmask { get; init; }

    /// <summary>Where the dom0 mapping is written (<c>recipe.yaml:14</c>), for problems found by a later stage.</summary>
    public string Location { get; init; } = string.Empty;
}

public sealed record DomUSettings
{
    public required string Name { get; init; }

    /// <summary>
    /// <c>domu.memory</c> in MiB, or null when the recipe leaves it out: the guest then gets
    /// what its release's installer needs (<c>Provisioning.InstallerMemory</c>), known once
    /// the release is (it may be detected from the media).
    /// </summary>
    public int? MemoryMiB { get; init; }

    /// <summary>Where <see cref="MemoryMiB"/> is set (<c>recipe.yaml:17</c>), for the warning about too little.</summary>
    public string MemoryLocation { get; init; } = string.Empty;

    public int Vcpus { get; init; } = 1;

    public required string DiskPath { get; init; }

    public int DiskSizeGiB { get; init; } = 8;

    public required NetworkSettings Network { get; init; }

    /// <summary>
    /// The disk image without <c>domu.disk.path</c>: where each hypervisor's tools keep
    /// images, /var/lib/xen/images for Xen, libvirt's default pool for KVM (the directory
    /// SELinux labels for qemu on a KVM host, which it does not for a Xen path).
    /// </summary>
    public static string DefaultDiskPath(VirtType virt, string name) =>
        virt == VirtType.Kvm ? $"/var/lib/libvirt/images/{name}.img" : $"/var/lib/xen/images/{name}.img";
}

public sealed record NetworkSettings
{
    /// <summary>The static address, or null for DHCP.</summary>
    public Ipv4? Address { get; init; }

    public Ipv4? Netmask { get; init; }

    public Ipv4? Gateway { get; init; }

    public IReadOnlyList<Ipv4> Nameservers { get; init; } = [];

    public required string Bridge { get; init; }

    public string? Mac { get; init; }

    public bool IsDhcp => Address is null;
}
