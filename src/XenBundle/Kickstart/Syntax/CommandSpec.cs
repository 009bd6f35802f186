using XenBundle.Model;

namespace XenBundle.Kickstart.Syntax;

/// <summary>What an option's value names, for the rewrites that care.</summary>
public enum ValueKind
{
    /// <summary>Anything else (a size, a path, a string).</summary>
    Text,

    /// <summary>One disk: <c>sda</c>, <c>/dev/sda</c>, <c>/dev/disk/by-id/...</c>.</summary>
    Disk,

    /// <summary>Disks separated by commas: <c>sda,sdb</c>.</summary>
    DiskList,

    /// <summary>One partition or disk: <c>sda1</c>, <c>/dev/sda1</c>, <c>LABEL=x</c>.</summary>
    Partition,

    /// <summary>Partitions separated by commas.</summary>
    PartitionList,
}

/// <summary>An option of a command: its spellings, whether it takes a value, and in which versions it exists.</summary>
public sealed record OptionSpec(IReadOnlyList<string> Names, bool TakesValue, ValueKind Kind = ValueKind.Text, OsRelease Since = OsRelease.El5, OsRelease Until = OsRelease.El9)
{
    public bool ExistsIn(OsRelease os) => os >= Since && os <= Until;

    public static OptionSpec Value(string names, ValueKind kind = ValueKind.Text, OsRelease since = OsRelease.El5, OsRelease until = OsRelease.El9) =>
        new(names.Split('|'), true, kind, since, until);

    public static OptionSpec Flag(string names, OsRelease since = OsRelease.El5, OsRelease until = OsRelease.El9) =>
        new(names.Split('|'), false, ValueKind.Text, since, until);
}

/// <summary>What the positional arguments of a command name.</summary>
public enum PositionalKind
{
    /// <summary>Nothing the rewrite changes (a mount point, a name).</summary>
    Text,

    /// <summary>The first positional argument is a partition (<c>driverdisk sda1</c>, <c>mount /dev/sda1 /data</c>).</summary>
    FirstIsPartition,

    /// <summary>After the mount point come members (<c>raid / --device=md0 raid.01 sda2</c>).</summary>
    Members,
}

/// <summary>The syntax of one command that the rewrite reads: its options and positional arguments.</summary>
public sealed record CommandSpec(IReadOnlyList<string> Names, IReadOnlyList<OptionSpec> Options, PositionalKind Positional = PositionalKind.Text)
{
    public OptionSpec? Find(string option) => Options.FirstOrDefault(o => o.Names.Contains(option, StringComparer.Ordinal));
}
