using System.Globalization;
using XenBundle.Recipes;

namespace XenBundle.Provisioning;

/// <summary>
/// The memory a guest gets when the recipe sets none, and the least its release's installer
/// needs: libosinfo's figures, the ones virt-install itself applies when it is not given
/// <c>--memory</c> (virtinst/virtinstall.py, v5.1.0, lines 507-519: the OS's recommended RAM).
/// </summary>
/// <remarks>
/// osinfo-db, data/os/redhat.com/rhel-7.0.xml.in: minimum and recommended RAM 1073741824 (1 GiB);
/// rhel-8.0.xml.in and rhel-9.0.xml.in: minimum and recommended 1610612736 (1.5 GiB); their
/// network-install figure (3 GiB) is for installs that download the installer image, which
/// virt-install applies only to an internet location (virtinst/install/installer.py, v5.1.0,
/// lines 283-292), not to this NFS tree. rhel-6.0.xml.in: minimum 536870912 (512 MiB).
/// rhel-5.0.xml.in has no figures; EL5's anaconda refuses less than 64000 KiB
/// (isys/isys.h:4, anaconda-11.1.2.259-1), below the recipe's lowest 128 MiB. So EL5 and EL6
/// keep 512 MiB. anaconda's own check (pyanaconda/isys/__init__.py:37-47, anaconda-33.16.9.4-1;
/// anaconda:511-517, anaconda-21.48.22.159-1) is lower still (320 MiB plus the installer image
/// when it sits in RAM), a bar for starting, not for a package transaction to finish.
/// </remarks>
public static class InstallerMemory
{
    /// <summary>What a guest of <paramref name="os"/> gets without <c>domu.memory</c>, in MiB.</summary>
    public static int DefaultMiB(OsRelease os) => os switch
    {
        OsRelease.El5 or OsRelease.El6 => 512,
        OsRelease.El7 => 1024,
        _ => 1536,
    };

    /// <summary>The least the installer of <paramref name="os"/> is known to work with, in MiB.</summary>
    public static int MinimumMiB(OsRelease os) => os switch
    {
        OsRelease.El5 => 128,
        OsRelease.El6 => 512,
        OsRelease.El7 => 1024,
        _ => 1536,
    };

    /// <summary>
    /// The warning for a <c>domu.memory</c> below <see cref="MinimumMiB"/>, naming the key and
    /// where it is set; null when the recipe sets none or enough.
    /// </summary>
    public static string? Warning(DomUSettings domu, OsRelease os)
    {
        ArgumentNullException.ThrowIfNull(domu);
        var minimum = MinimumMiB(os);
        return domu.MemoryMiB is { } memory && memory < minimum
            ? string.Create(CultureInfo.InvariantCulture, $"{domu.MemoryLocation}: domu.memory: {memory} MiB is less than the {minimum} MiB the {os.ToName()} installer needs (libosinfo's minimum): it may run out of memory during the install; leave domu.memory out to get {DefaultMiB(os)} MiB")
            : null;
    }
}
