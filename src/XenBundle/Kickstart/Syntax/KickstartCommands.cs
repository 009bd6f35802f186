using XenBundle.Model;
using static XenBundle.Kickstart.Syntax.OptionSpec;

namespace XenBundle.Kickstart.Syntax;

/// <summary>
/// The syntax of the commands the rewrite reads or changes, checked against the installer's
/// kickstart parser (pykickstart's pykickstart/commands/*.py on its rhel5, rhel6 and rhel7
/// branches and at master): above all which options
/// and arguments name disks or partitions. Options not listed here are taken as flags
/// unless written <c>--option=value</c>.
/// </summary>
public static class KickstartCommands
{
    private static readonly OptionSpec[] LuksOptions =
    [
        Value("--passphrase"), Value("--escrowcert"), Value("--cipher"),
        Value("--luks-version", since: OsRelease.El8), Value("--pbkdf", since: OsRelease.El8), Value("--pbkdf-memory", since: OsRelease.El8),
        Value("--pbkdf-time", since: OsRelease.El8), Value("--pbkdf-iterations", since: OsRelease.El8),
        Flag("--encrypted"), Flag("--backuppassphrase"),
    ];

    private static readonly CommandSpec[] Specs =
    [
        new(["part", "partition"],
        [
            Value("--ondisk|--ondrive", ValueKind.Disk), Value("--onpart|--usepart", ValueKind.Partition),
            Value("--size"), Value("--maxsize"), Value("--fstype"), Value("--label"), Value("--start"), Value("--end"),
            Value("--bytes-per-inode", until: OsRelease.El6), Value("--fsoptions"), Value("--fsprofile"), Value("--onbiosdisk"),
            Value("--mkfsoptions", since: OsRelease.El7),
            Flag("--grow"), Flag("--recommended"), Flag("--asprimary"), Flag("--noformat"), Flag("--hibernation", since: OsRelease.El7),
            Flag("--badblocks", until: OsRelease.El5), Flag("--resize", since: OsRelease.El6),
            .. LuksOptions,
        ]),
        new(["clearpart"],
        [
            Value("--drives", ValueKind.DiskList), Value("--list", ValueKind.PartitionList, since: OsRelease.El6),
            Value("--disklabel", since: OsRelease.El8),
            Flag("--all"), Flag("--linux"), Flag("--none"), Flag("--initlabel"), Flag("--cdl", since: OsRelease.El8),
        ]),
        new(["ignoredisk"],
        [
            Value("--drives", ValueKind.DiskList), Value("--only-use", ValueKind.DiskList), Flag("--interactive", since: OsRelease.El6),
        ]),
        new(["bootloader"],
        [
            Value("--append"), Value("--driveorder", ValueKind.DiskList), Value("--boot-drive", ValueKind.Disk, since: OsRelease.El7),
            Value("--location"), Value("--password"), Value("--md5pass", until: OsRelease.El7), Value("--timeout"), Value("--default"),
            Value("--hvargs", until: OsRelease.El5),
            Flag("--iscrypted", since: OsRelease.El7), Flag("--leavebootorder", since: OsRelease.El7), Flag("--disabled", since: OsRelease.El7),
            Flag("--nombr", since: OsRelease.El7), Flag("--extlinux", since: OsRelease.El7), Flag("--upgrade"), Flag("--lba32", until: OsRelease.El6),
        ]),
        new(["raid"],
        [
            Value("--device"), Value("--level"), Value("--spares"), Value("--fstype"), Value("--fsoptions"), Value("--fsprofile"),
            Value("--label"), Value("--bytes-per-inode", until: OsRelease.El6), Value("--chunksize", since: OsRelease.El7),
            Value("--mkfsoptions", since: OsRelease.El7),
            Flag("--noformat"), Flag("--useexisting"),
            .. LuksOptions,
        ], PositionalKind.Members),
        new(["btrfs"],
        [
            Value("--data"), Value("--metadata"), Value("--label"), Value("--mkfsoptions"), Value("--name"),
            Flag("--subvol"), Flag("--noformat"), Flag("--useexisting"),
        ], PositionalKind.Members),
        new(["harddrive"], [Value("--partition", ValueKind.Partition), Value("--dir"), Value("--biospart")]),
        new(["install", "upgrade"], [Value("--root-device", ValueKind.Partition, since: OsRelease.El6, until: OsRelease.El7)]),
        new(["driverdisk"], [Value("--source"), Value("--biospart"), Value("--type")], PositionalKind.FirstIsPartition),
        new(["dmraid"], [Value("--name"), Value("--dev", ValueKind.Disk)]),
        new(["mount"], [Value("--mkfsoptions"), Value("--mountoptions"), Flag("--reformat")], PositionalKind.FirstIsPartition),
        new(["network"],
        [
            Value("--bootproto"), Value("--ip"), Value("--netmask"), Value("--gateway"), Value("--nameserver"), Value("--device"),
            Value("--hostname"), Value("--ethtool"), Value("--essid"), Value("--wepkey"), Value("--wpakey"), Value("--mtu"),
            Value("--ipv6"), Value("--onboot"), Value("--dhcpclass"), Value("--bondslaves"), Value("--bondopts"), Value("--vlanid"),
            Value("--teamslaves"), Value("--teamconfig"), Value("--interfacename"), Value("--bridgeslaves"), Value("--bridgeopts"),
            Value("--ipv6gateway"), Value("--bindto"),
            Flag("--noipv4"), Flag("--noipv6"), Flag("--nodns"), Flag("--activate"), Flag("--no-activate"), Flag("--nodefroute"),
        ]),
        new(["nfs"], [Value("--server"), Value("--dir"), Value("--opts")]),
        new(["url"], [Value("--url"), Value("--proxy"), Value("--mirrorlist"), Value("--metalink"), Flag("--noverifyssl")]),
        new(["repo"],
        [
            Value("--name"), Value("--baseurl"), Value("--mirrorlist"), Value("--metalink"), Value("--cost"), Value("--excludepkgs"),
            Value("--includepkgs"), Value("--proxy"), Flag("--ignoregroups"), Flag("--noverifyssl"), Flag("--install"),
        ]),
        new(["zerombr"], []),
    ];

    private static readonly Dictionary<string, CommandSpec> ByName = Specs
        .SelectMany(s => s.Names.Select(n => (Name: n, Spec: s)))
        .ToDictionary(p => p.Name, p => p.Spec, StringComparer.Ordinal);

    /// <summary>The syntax of <paramref name="command"/>, or null when the rewrite does not read it.</summary>
    public static CommandSpec? Find(string command) => ByName.GetValueOrDefault(command);
}
