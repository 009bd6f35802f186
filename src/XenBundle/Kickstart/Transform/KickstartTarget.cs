using XenBundle.Model;
using XenBundle.Recipes;

namespace XenBundle.Kickstart.Transform;

/// <summary>The recipe values the rewrite needs: where the guest installs from and what it is.</summary>
public sealed record KickstartTarget
{
    public required OsRelease Os { get; init; }

    public VirtType Virt { get; init; } = VirtType.XenPv;

    /// <summary>
    /// Where the guest installs from: the Dom0 (the NFS server) and the exported directory holding the
    /// install tree (the bundle's install/), as the recipe settled them.
    /// </summary>
    public required NfsSource NfsSource { get; init; }

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

    public static KickstartTarget From(Recipe recipe, OsRelease os)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return new KickstartTarget
        {
            Os = os,
            Virt = recipe.Virt,
            NfsSource = recipe.Dom0.Nfs,
            Network = recipe.DomU.Network,
            GuestName = recipe.DomU.Name,
            Name = recipe.Name,
            Version = recipe.Version.ToString(),
        };
    }
}
