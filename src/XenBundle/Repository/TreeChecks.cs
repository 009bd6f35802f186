using XenBundle.Recipes;
using XenBundle.Rpm;
using XenBundle.Tree;

namespace XenBundle.Repository;

/// <summary>
/// What a tree must hold for the guest to install at all, checked before anything is
/// packaged: for a Xen paravirtual guest, the Xen boot kernel and initrd that
/// <c>.treeinfo</c>'s <c>[images-xen]</c> names (virt-install --paravirt boots them), and
/// for EL5 the <c>kernel-xen</c> package, without which the guest gets the plain kernel
/// and does not boot (EL6 and later kernels run as Xen guests themselves).
/// </summary>
public static class TreeChecks
{
    private static readonly Dictionary<string, string[]> KernelArches = new(StringComparer.Ordinal)
    {
        ["i386"] = ["i386", "i486", "i586", "i686", "athlon", "geode", "pentium3", "pentium4"],
        ["x86_64"] = ["x86_64", "amd64", "ia32e"],
        ["ia64"] = ["ia64"],
    };

    /// <summary>The boot files the guest needs, each problem naming what is missing and where it was expected (cheap: run before reading packages).</summary>
    /// <param name="treeName">How to name the tree's metadata (disc 1) in messages.</param>
    public static IReadOnlyList<XenBundleException> BootImages(VirtualTree tree, VirtType virt, string treeName)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var problems = new List<XenBundleException>();
        if (virt == VirtType.XenPv)
        {
            CheckXenImages(tree, InstallTreeInfo.Of(tree).TreeInfo, treeName, problems);
        }

        return problems;
    }

    /// <summary>The packages the guest needs from the merged repository.</summary>
    /// <param name="treeArch">The tree's architecture (.treeinfo/.discinfo), null when unknown.</param>
    /// <param name="repositoryName">How to name the merged repository (the media it was made from).</param>
    public static IReadOnlyList<XenBundleException> Packages(IEnumerable<RpmPackage> packages, string? treeArch, OsRelease os, VirtType virt, string repositoryName)
    {
        ArgumentNullException.ThrowIfNull(packages);
        var problems = new List<XenBundleException>();
        if (virt == VirtType.XenPv && os == OsRelease.El5)
        {
            CheckKernelXen(packages, treeArch, repositoryName, problems);
        }

        return problems;
    }

    private static void CheckXenImages(VirtualTree tree, TreeInfo? treeInfo, string treeName, List<XenBundleException> problems)
    {
        if (treeInfo is null)
        {
            problems.Add(new XenBundleException(treeName, "no .treeinfo at the root of the install tree: a xen-pv guest needs one with [images-xen] (virt-install --paravirt boots the kernel it names)"));
            return;
        }

        if (!treeInfo.HasSection("images-xen"))
        {
            problems.Add(new XenBundleException($"{treeName}:/.treeinfo", "no [images-xen] section: a xen-pv guest boots the Xen kernel and initrd it names (images/xen/vmlinuz, images/xen/initrd.img)"));
            return;
        }

        foreach (var key in new[] { "kernel", "initrd" })
        {
            var path = treeInfo.Get("images-xen", key);
            if (string.IsNullOrEmpty(path))
            {
                problems.Add(new XenBundleException($"{treeName}:/.treeinfo", $"[images-xen] has no '{key}' (the Xen {key} of a xen-pv guest, images/xen/{(key == "kernel" ? "vmlinuz" : "initrd.img")} on EL5)"));
            }
            else if (tree[path.TrimStart('/')] is not { Kind: EntryKind.File })
            {
                problems.Add(new XenBundleException($"{treeName}:/{path.TrimStart('/')}", $"missing: .treeinfo [images-xen] names it as the {key} a xen-pv guest boots"));
            }
        }
    }

    private static void CheckKernelXen(IEnumerable<RpmPackage> packages, string? treeArch, string repositoryName, List<XenBundleException> problems)
    {
        var arches = treeArch is not null && KernelArches.TryGetValue(treeArch, out var known) ? known : null;
        var found = packages.Any(p => p.Name == "kernel-xen" && !p.IsSource && (arches is null || arches.Contains(p.Arch, StringComparer.Ordinal)));
        if (!found)
        {
            var wanted = treeArch is null ? "kernel-xen" : $"kernel-xen for {treeArch} ({string.Join('/', arches ?? [treeArch])})";
            problems.Add(new XenBundleException(repositoryName, $"{wanted} is not in the merged repository: an EL5 xen-pv guest without it installs the plain kernel and does not boot; add the medium that carries kernel-xen (on CD sets it is not on disc 1)"));
        }
    }
}
