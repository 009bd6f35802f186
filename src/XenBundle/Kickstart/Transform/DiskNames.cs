using System.Text.RegularExpressions;
using XenBundle.Model;

namespace XenBundle.Kickstart.Transform;

/// <summary>
/// Disk names of a physical machine (SCSI/SATA <c>sdX</c>, IDE <c>hdX</c>, with a partition
/// number or not, with /dev/ or not) and the guest's (see <see cref="GuestPrefix"/>). The
/// drive letter is kept: sda and hda both become xvda.
/// </summary>
public static partial class DiskNames
{
    /// <summary>
    /// How the guest's installer names its disk: <c>xvdX</c> for a Xen PV guest (blkfront),
    /// <c>vdX</c> for KVM (virt-install gives it a virtio disk). A Xen HVM guest's disk is
    /// an emulated IDE disk (virt-install's <c>hda</c>): EL5's kernel has no PV drivers in
    /// the installer and drives it with the old IDE driver, so it is <c>hdX</c>; from EL6
    /// the kernel has the PV-on-HVM drivers (xen-platform-pci, xen-blkfront), which unplug
    /// the emulated disk and show the same disk as <c>xvdX</c>. (Only a kernel without PV
    /// drivers would show it through libata as sdX; no EL6+ installer is one.)
    /// </summary>
    public static string GuestPrefix(OsRelease os, VirtType virt) => virt switch
    {
        VirtType.Kvm => "vd",
        VirtType.XenHvm when os == OsRelease.El5 => "hd",
        _ => "xvd",
    };

    /// <summary>The guest's name for <paramref name="name"/> with the guest's <paramref name="prefix"/>, or null when it is not a sdX/hdX name.</summary>
    public static string? ToGuest(string name, string prefix)
    {
        ArgumentNullException.ThrowIfNull(name);
        var match = HostDisk().Match(name);
        return match.Success
            ? match.Groups["dev"].Value + prefix + match.Groups["drive"].Value + match.Groups["part"].Value
            : null;
    }

    /// <summary>Maps every name of a comma-separated list; null when none is a host disk name.</summary>
    public static string? ListToGuest(string list, string prefix)
    {
        ArgumentNullException.ThrowIfNull(list);
        var changed = false;
        var items = list.Split(',').Select(item =>
        {
            var trimmed = item.Trim();
            var guest = ToGuest(trimmed, prefix);
            if (guest is null)
            {
                return item;
            }

            changed = true;
            return item.Replace(trimmed, guest, StringComparison.Ordinal);
        }).ToList();
        return changed ? string.Join(',', items) : null;
    }

    /// <summary>
    /// Names that exist on a physical machine only and that the rewrite cannot map: HP Smart
    /// Array (cciss/c0d0), NVMe, and /dev/disk/by-id or by-path links.
    /// </summary>
    public static bool IsUnmappable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return OtherHostDisk().IsMatch(name);
    }

    /// <summary>Disk names in script text (reported, never changed): /dev/sda1, sdb, hdc.</summary>
    public static IEnumerable<string> InText(string text) =>
        HostDiskInText().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"^(?<dev>/dev/)?(?:sd(?<drive>[a-z]{1,3})|hd(?<drive>[a-z]))(?<part>[0-9]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex HostDisk();

    [GeneratedRegex(@"^(?:/dev/)?(?:cciss/c[0-9]+d[0-9]+(?:p[0-9]+)?|nvme[0-9]+n[0-9]+(?:p[0-9]+)?|disk/by-(?:id|path)/.+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex OtherHostDisk();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])(?:/dev/)?(?:sd[a-z]{1,2}|hd[a-z])[0-9]*(?![A-Za-z0-9_])", RegexOptions.CultureInvariant)]
    private static partial Regex HostDiskInText();
}
