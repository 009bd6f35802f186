using XenBundle.Model;
using XenBundle.Rpm;
using XenBundle.Tree;

namespace XenBundle.Repository;

/// <summary>
/// What a tree must hold for the guest to install at all, checked before anything is
/// packaged. virt-install --location boots the installer kernel and initrd that
/// <c>.treeinfo</c> names: a Xen paravirtual guest those of <c>[images-xen]</c>
/// (images/xen/ on EL5; from EL6 the pvops kernel, so [images-xen] names the
/// images/pxeboot/ files), an HVM or KVM guest those of <c>[images-ARCH]</c>. The installer
/// then fetches its second stage (<c>[stage2] mainimage</c>: stage2.img, install.img,
/// squashfs.img) from the NFS tree. And an EL5 paravirtual guest needs the
/// <c>kernel-xen</c> package, without which it gets the plain kernel and does not boot
/// (EL6 and later kernels run as Xen guests themselves).
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
    public static IReadOnlyList<XenBundleException> BootImages(VirtualTree tree, OsRelease os, VirtType virt, string treeName)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var problems = new List<XenBundleException>();
        var info = InstallTreeInfo.Of(tree);
        if (info.TreeInfo is not { } treeInfo)
        {
            problems.Add(new XenBundleException(treeName, $"no .treeinfo at the root of the install tree: virt-install --location needs one ({BootSection(virt, info.Arch)} names the installer kernel a {virt.ToName()} guest boots)"));
            return problems;
        }

        var section = BootSection(virt, info.Arch);
        if (!treeInfo.HasSection(section))
        {
            problems.Add(new XenBundleException($"{treeName}:/.treeinfo", $"no [{section}] section: a {virt.ToName()} guest boots the installer kernel and initrd it names ({DefaultImages(os, virt)})"));
        }
        else
        {
            foreach (var key in new[] { "kernel", "initrd" })
            {
                CheckFile(tree, treeInfo, treeName, section, key, $"the {key} a {virt.ToName()} guest boots", problems);
            }
        }

        if (treeInfo.HasSection("stage2"))
        {
            CheckFile(tree, treeInfo, treeName, "stage2", "mainimage", "the installer's second stage, which it fetches from the NFS tree", problems);
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

    /// <summary>The .treeinfo section whose kernel and initrd virt-install boots: [images-xen] for Xen PV, else [images-ARCH].</summary>
    public static string BootSection(VirtType virt, string? arch) =>
        virt == VirtType.XenPv ? "images-xen" : "images-" + (arch ?? "x86_64");

    private static string DefaultImages(OsRelease os, VirtType virt) =>
        virt == VirtType.XenPv && os == OsRelease.El5 ? "images/xen/vmlinuz, images/xen/initrd.img" : "images/pxeboot/vmlinuz, images/pxeboot/initrd.img";

    /// <summary>A file .treeinfo names must be named and be in the tree.</summary>
    private static void CheckFile(VirtualTree tree, TreeInfo treeInfo, string treeName, string section, string key, string what, List<XenBundleException> problems)
    {
        var path = treeInfo.Get(section, key);
        if (string.IsNullOrEmpty(path))
        {
            problems.Add(new XenBundleException($"{treeName}:/.treeinfo", $"[{section}] has no '{key}' ({what})"));
        }
        else if (tree[path.TrimStart('/')] is not { Kind: EntryKind.File })
        {
            problems.Add(new XenBundleException($"{treeName}:/{path.TrimStart('/')}", $"missing: .treeinfo [{section}] names it as {what}"));
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
