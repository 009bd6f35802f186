using System.Globalization;
using XenBundle.Model;
using XenBundle.Recipes;

namespace XenBundle.Provisioning;

/// <summary>
/// The memory a guest gets when the recipe sets none, and the least its release's installer
/// needs: libosinfo's figures, the ones virt-install itself applies.
/// </summary>
/// <remarks>
/// osinfo-db, data/os/redhat.com/rhel-7.0.xml.in: minimum and recommended RAM 1073741824 (1 GiB),
/// network-install 1610612736 (1.5 GiB); rhel-8.0.xml.in and rhel-9.0.xml.in: minimum and
/// recommended 1610612736 (1.5 GiB), network-install 3221225472 (3 GiB); rhel-6.0.xml.in:
/// minimum 536870912 (512 MiB), no network-install figure; rhel-5.0.xml.in: no figures.
/// virt-install boots this bundle from a directory (--location INSTALL_DIR), which it counts
/// as a network install (virtinst/install/installertreemedia.py:319-321, v4.1.0: MEDIA_DIR
/// requires_internet) and raises the memory to the network-install figure, even over an
/// explicit --memory (virtinst/install/installer.py:265-272, v4.1.0): the installer's image
/// comes over NFS. So the default is that figure where there is one, and the guest gets
/// what README.txt says. Below libosinfo's minimum the recipe gets a warning. EL5's anaconda
/// refuses less than 64000 KiB (isys/isys.h:4, anaconda-11.1.2.259-1), below the recipe's
/// lowest 128 MiB; EL5 and EL6 keep 512 MiB.
/// </remarks>
public static class InstallerMemory
{
    /// <summary>What a guest of <paramref name="os"/> gets without <c>domu.memory</c>, in MiB.</summary>
    public static int DefaultMiB(OsRelease os) => os switch
    {
        OsRelease.El5 or OsRelease.El6 => 512,
        OsRelease.El7 => 1536,
        _ => 3072,
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
