using System.Text.RegularExpressions;
using XenBundle.Recipes;

namespace XenBundle.Kickstart.Transform;

/// <summary>
/// Disk names of a physical machine (SCSI/SATA <c>sdX</c>, IDE <c>hdX</c>, with a partition
/// number or not, with /dev/ or not) and the guest's: <c>xvdX</c> under Xen, <c>vdX</c> under
/// KVM (virtio). The drive letter is kept: sda and hda both become xvda.
/// </summary>
public static partial class DiskNames
{
    public static string GuestPrefix(VirtType virt) => virt == VirtType.Kvm ? "vd" : "xvd";

    /// <summary>The guest's name for <paramref name="name"/>, or null when it is not a sdX/hdX name.</summary>
    public static string? ToGuest(string name, VirtType virt)
    {
        ArgumentNullException.ThrowIfNull(name);
        var match = HostDisk().Match(name);
        return match.Success
            ? match.Groups["dev"].Value + GuestPrefix(virt) + match.Groups["drive"].Value + match.Groups["part"].Value
            : null;
    }

    /// <summary>Maps every name of a comma-separated list; null when none changes.</summary>
    public static string? ListToGuest(string list, VirtType virt)
    {
        ArgumentNullException.ThrowIfNull(list);
        var changed = false;
        var items = list.Split(',').Select(item =>
        {
            var trimmed = item.Trim();
            var guest = ToGuest(trimmed, virt);
            if (guest is null)
            {
                return item;
            }

            changed = true;
            return item.Replace(trimmed, guest, StringComparison.Ordinal);
        }).ToList();
        return changed ? string.Join(',', items) : null;
    }

    /// <summary>The drive letters of a host disk name (<c>a</c> for sda2), or null.</summary>
    public static string? Drive(string name)
    {
        var match = HostDisk().Match(name);
        return match.Success ? match.Groups["drive"].Value : null;
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
