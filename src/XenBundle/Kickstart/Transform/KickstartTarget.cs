using XenBundle.Model;
using XenBundle.Recipes;

namespace XenBundle.Kickstart.Transform;

/// <summary>The recipe values the rewrite needs: where the guest installs from and what it is.</summary>
public sealed record KickstartTarget
{
    public required OsRelease Os { get; init; }

    public VirtType Virt { get; init; } = VirtType.XenPv;

    /// <summary>The Dom0, the NFS server the guest installs from.</summary>
    public required Ipv4 Dom0Address { get; init; }

    /// <summary>The exported directory holding the install tree (the bundle's install/).</summary>
    public required string Export { get; init; }

    /// <summary>The guest's network: a static address, or DHCP.</summary>
    public NetworkSettings? Network { get; init; }

    /// <summary>The guest's name (domu.name): xm's and virsh's name for it, and the EL7+ boot arguments' host name.</summary>
    public string? GuestName { get; init; }

    /// <summary>The recipe name and version, stamped into the guest.</summary>
    public required string Name { get; init; }

    public required string Version { get; init; }

    /// <summary>
    /// The directory of the tree (relative to the export) that holds the kickstart CD's
    /// packages as a repository of their own, when the tree has one (EL8, EL9: see
    /// <c>MergeRepositoriesStage</c>); null when they are in the tree's one repository.
    /// </summary>
    public string? PackageRepository { get; init; }

    /// <summary><c>DOM0:EXPORT</c>, as mount and the nfs command want it.</summary>
    public NfsSource NfsSource => new(Dom0Address, Export);

    public static KickstartTarget From(Recipe recipe, OsRelease os)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return new KickstartTarget
        {
            Os = os,
            Virt = recipe.Virt,
            Dom0Address = recipe.Dom0.Address,
            Export = recipe.Dom0.Export,
            Network = recipe.DomU.Network,
            GuestName = recipe.DomU.Name,
            Name = recipe.Name,
            Version = recipe.Version.ToString(),
        };
    }
}
