using XenBundle.Model;

namespace XenBundle.Kickstart.Syntax;

/// <summary>
/// What one release's installer accepts, after pykickstart's handler for that release
/// (pykickstart/handlers/rhel5.py to rhel9.py, whose commandMap lists the commands; EL5's
/// from pykickstart's rhel5-branch): its commands and sections,
/// whether <c>%end</c> is unknown (EL5), optional (EL6) or required (EL7+), whether
/// <c>%ksappend</c> exists, and how its option parser reads values.
/// </summary>
public sealed class KickstartDialect
{
    // RHEL5: pykickstart rhel5-branch's handler (FC6 plus key, iscsi, dmraid, ...).
    private static readonly string[] El5Commands =
    [
        "auth", "authconfig", "autopart", "autostep", "bootloader", "cdrom", "clearpart", "cmdline", "device", "deviceprobe",
        "dmraid", "driverdisk", "firewall", "firstboot", "graphical", "halt", "harddrive", "ignoredisk", "install", "interactive",
        "iscsi", "iscsiname", "key", "keyboard", "lang", "langsupport", "logging", "logvol", "mediacheck", "monitor", "mouse",
        "multipath", "network", "nfs", "part", "partition", "poweroff", "raid", "reboot", "repo", "rootpw", "selinux", "services",
        "shutdown", "skipx", "text", "timezone", "upgrade", "url", "user", "vnc", "volgroup", "xconfig", "zerombr", "zfcp",
    ];

    private static readonly string[] El6Added = ["fcoe", "group", "rescue", "sshpw", "unsupported_hardware", "updates"];

    private static readonly string[] El6Removed = ["langsupport", "mouse"];

    private static readonly string[] El7Added = ["btrfs", "eula", "liveimg", "method", "ostreesetup", "realm", "reqpart", "sshkey"];

    private static readonly string[] El7Removed = ["key"];

    private static readonly string[] El8Added = ["authselect", "hmc", "module", "mount", "nvdimm", "rhsm", "snapshot", "syspurpose", "zipl"];

    private static readonly string[] El8Removed = ["interactive", "upgrade", "monitor"];

    private static readonly string[] El9Added = ["timesource", "ostreecontainer"];

    private static readonly string[] El9Removed = ["auth", "authconfig", "install", "device", "deviceprobe", "dmraid", "multipath", "method", "autostep", "unsupported_hardware"];

    /// <summary>Commands the installer still parses but ignores or warns about.</summary>
    private static readonly Dictionary<OsRelease, string[]> DeprecatedByRelease = new()
    {
        [OsRelease.El5] = ["langsupport", "mouse"],
        [OsRelease.El6] = ["monitor"],
        [OsRelease.El7] = ["upgrade", "device", "deviceprobe", "monitor"],
        [OsRelease.El8] = ["auth", "authconfig", "autostep", "device", "deviceprobe", "dmraid", "install", "method", "multipath"],
        [OsRelease.El9] = [],
    };

    private static readonly Dictionary<OsRelease, KickstartDialect> Dialects =
        Enum.GetValues<OsRelease>().ToDictionary(os => os, os => new KickstartDialect(os, endRequired: os >= OsRelease.El7));

    private static readonly Dictionary<OsRelease, KickstartDialect> SourceDialects =
        Enum.GetValues<OsRelease>().ToDictionary(os => os, os => new KickstartDialect(os, endRequired: false));

    private KickstartDialect(OsRelease os, bool endRequired)
    {
        Os = os;
        EndRequired = endRequired;
        var commands = new HashSet<string>(El5Commands, StringComparer.Ordinal);
        Apply(commands, os >= OsRelease.El6, El6Added, El6Removed);
        Apply(commands, os >= OsRelease.El7, El7Added, El7Removed);
        Apply(commands, os >= OsRelease.El8, El8Added, El8Removed);
        Apply(commands, os >= OsRelease.El9, El9Added, El9Removed);
        Commands = commands;
        Deprecated = new HashSet<string>(DeprecatedByRelease[os], StringComparer.Ordinal);

        var sections = new HashSet<string>(StringComparer.Ordinal) { KickstartSections.Packages, KickstartSections.Pre, KickstartSections.Post, KickstartSections.Traceback };
        if (os >= OsRelease.El7)
        {
            sections.UnionWith([KickstartSections.OnError, KickstartSections.Addon, KickstartSections.Anaconda]);
        }

        if (os >= OsRelease.El8)
        {
            sections.Add(KickstartSections.PreInstall);
        }

        Sections = sections;
        InstallMethods = new HashSet<string>(os >= OsRelease.El7 ? ["cdrom", "harddrive", "nfs", "url", "liveimg"] : ["cdrom", "harddrive", "nfs", "url"], StringComparer.Ordinal);
    }

    public OsRelease Os { get; }

    public string Name => Os.ToName();

    public IReadOnlySet<string> Commands { get; }

    public IReadOnlySet<string> Deprecated { get; }

    /// <summary>Section keywords (<c>%packages</c>, <c>%post</c>, ...); not <c>%include</c>.</summary>
    public IReadOnlySet<string> Sections { get; }

    /// <summary>The commands that say where the installer gets its packages.</summary>
    public IReadOnlySet<string> InstallMethods { get; }

    /// <summary>EL7 and later fail on a section without <c>%end</c> (false in <see cref="ForSource"/>'s dialect).</summary>
    public bool EndRequired { get; }

    /// <summary>
    /// Whether <c>%end</c> may be written: RHEL5's installer does not know it (after
    /// <c>%packages</c> it is a parse error, in a script it runs as a command).
    /// </summary>
    public bool EndAllowed => Os >= OsRelease.El6;

    /// <summary><c>%ksappend</c> arrived with RHEL6.</summary>
    public bool HasKsAppend => Os >= OsRelease.El6;

    /// <summary>
    /// RHEL5 to 7 parse options with Python's optparse, which takes the next word as an
    /// option's value even when it starts with "--" (<c>--append --location=mbr</c> means
    /// append="--location=mbr"); RHEL8's argparse does not.
    /// </summary>
    public bool ValueMayLookLikeOption => Os <= OsRelease.El7;

    /// <summary>The paravirtual console of a Xen guest: xvc0 on EL5, hvc0 from EL6.</summary>
    public string XenConsole => Os == OsRelease.El5 ? "xvc0" : "hvc0";

    public static KickstartDialect For(OsRelease os) => Dialects[os];

    /// <summary>
    /// The release's syntax for reading a kickstart that is to be rewritten for it: a
    /// section may end without <c>%end</c> (at the next section, as on EL5 and EL6), since
    /// the rewrite adds the <c>%end</c> that EL7 and later require. A kickstart written for
    /// an older release can so move to a newer one; the rewrite's output is read back with
    /// <see cref="For"/>'s strict syntax.
    /// </summary>
    public static KickstartDialect ForSource(OsRelease os) => SourceDialects[os];

    public bool IsSection(string keyword) => Sections.Contains(keyword);

    public bool IsIncludeKeyword(string keyword) =>
        keyword == KickstartSections.Include || (keyword == KickstartSections.KsAppend && HasKsAppend);

    public override string ToString() => Name;

    private static void Apply(HashSet<string> commands, bool applies, string[] added, string[] removed)
    {
        if (applies)
        {
            commands.UnionWith(added);
            commands.ExceptWith(removed);
        }
    }
}
