namespace XenBundle.Tests.Provisioning;

/// <summary>
/// Programs the Dom0 scripts call, replaced by small scripts that record how they were
/// called: virt-install of a given version, systemctl, service, exportfs, iptables,
/// firewall-cmd. What only the check asks (virsh capabilities, df, iptables -L, firewall-cmd
/// --state, systemctl list-unit-files) is answered without being recorded, so that the log
/// holds what the steps do.
/// </summary>
internal sealed class StandIns
{
    private readonly string _directory;

    public StandIns(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    /// <summary>Every recorded call, "program arguments...", in order.</summary>
    public string CallLog => Path.Combine(_directory, "calls.log");

    /// <summary>The arguments of the last virt-install call, one per line.</summary>
    public string VirtInstallLog => Path.Combine(_directory, "virt-install.args");

    /// <summary>
    /// A virt-install that answers --version with <paramref name="version"/> and --help with
    /// a text that names --osinfo (4.x) or --file-size (0.x) or neither, and records any other call.
    /// </summary>
    public string VirtInstall(string version, bool knowsOsInfo, bool listsFileSize = false) => Write("virt-install", $$"""
        #!/bin/bash
        case ${1-} in
            --version) echo '{{version}}'; exit 0 ;;
            --help) echo 'usage: virt-install --name NAME --memory MB STORAGE INSTALL [options]'; {{(knowsOsInfo ? "echo '  --os-variant OS_VARIANT, --osinfo OS_VARIANT'" : "echo '  --os-variant OS_VARIANT'")}}; {{(listsFileSize ? "echo '  -s DISKSIZE, --file-size=DISKSIZE'" : ":")}}; exit 0 ;;
        esac
        printf '%s\n' "$@" >'{{VirtInstallLog}}'
        echo "virt-install $*" >>'{{CallLog}}'
        """);

    /// <summary>
    /// An EL5-era virt-install (python-virtinst, optparse): no --version option, so optparse
    /// prints its usage and "no such option" on stderr and exits 2; --help prints
    /// <paramref name="help"/>. Any other call is recorded.
    /// </summary>
    public string OptparseVirtInstall(string help) => Write("virt-install", $$"""
        #!/bin/bash
        usage='Usage: virt-install --name NAME --ram RAM STORAGE INSTALL [options]'
        case ${1-} in
            --version) printf '%s\n\n%s\n' "$usage" 'virt-install: error: no such option: --version' >&2; exit 2 ;;
            --help) printf '%s\n\n%s\n' "$usage" '{{help}}'; exit 0 ;;
        esac
        printf '%s\n' "$@" >'{{VirtInstallLog}}'
        echo "virt-install $*" >>'{{CallLog}}'
        """);

    /// <summary>A program that records its calls and reports "not running" to status queries.</summary>
    public string Recorder(string name) => Write(name, $$"""
        #!/bin/bash
        echo "{{name}} $*" >>'{{CallLog}}'
        case " $* " in
            *' is-active '* | *' status '*) exit 3 ;;
        esac
        """);

    /// <summary>
    /// systemctl: records its calls, knows the units named in <paramref name="units"/> and reports
    /// those in <paramref name="active"/> running, the others stopped (both space-separated).
    /// </summary>
    public string Systemctl(string units, string active = "") => Write("systemctl", $$"""
        #!/bin/bash
        if [ "${1-}" = list-unit-files ]; then
            case " {{units}} " in
                *" ${2%.service} "*) echo "$2 disabled"; exit 0 ;;
            esac
            exit 1
        fi
        echo "systemctl $*" >>'{{CallLog}}'
        if [ "${1-}" = is-active ]; then
            case " {{active}} " in
                *" ${3-} "*) exit 0 ;;
            esac
            exit 3
        fi
        """);

    /// <summary>
    /// iptables: <c>-n -L INPUT</c> lists EL5's default chain jump when <paramref name="filtering"/>,
    /// else an empty chain that accepts everything, or fails as for a user who is not root
    /// unless <paramref name="root"/>; other calls are recorded.
    /// </summary>
    public string Iptables(bool filtering, bool root = true) => Write("iptables", $$"""
        #!/bin/bash
        if [ "$*" = "-n -L INPUT" ]; then
            {{(root ? ":" : "echo 'iptables v1.3.5: cannot initialize iptables table `filter'\'': Permission denied (you must be root)' >&2; exit 3")}}
            echo 'Chain INPUT (policy ACCEPT)'
            echo 'target     prot opt source               destination'
            {{(filtering ? "echo 'RH-Firewall-1-INPUT  all  --  0.0.0.0/0            0.0.0.0/0'" : ":")}}
            exit 0
        fi
        echo "iptables $*" >>'{{CallLog}}'
        """);

    /// <summary>firewall-cmd of a running firewalld that puts the bridge in <paramref name="zone"/>.</summary>
    public string FirewallCmd(string zone) => Write("firewall-cmd", $$"""
        #!/bin/bash
        case ${1-} in
            --state) echo running; exit 0 ;;
            --get-zone-of-interface=*) echo '{{zone}}'; exit 0 ;;
            --get-default-zone) echo public; exit 0 ;;
        esac
        echo "firewall-cmd $*" >>'{{CallLog}}'
        """);

    /// <summary>
    /// rpcinfo -p of a host whose mountd listens on the MOUNTD_PORT that <paramref name="sysconfig"/>
    /// sets, as the EL5-EL7 nfs init scripts make it, else on <paramref name="port"/> (an unpinned
    /// mountd, or an nfs-utils that does not read the file when <paramref name="sysconfig"/> is null).
    /// </summary>
    public string Rpcinfo(string? sysconfig, int port = 37445) => Write("rpcinfo", $$"""
        #!/bin/bash
        port={{port}}
        pinned=$(sed -n 's/^MOUNTD_PORT="\{0,1\}\([0-9]*\)"\{0,1\}$/\1/p' '{{sysconfig ?? "/dev/null"}}' 2>/dev/null | tail -n 1)
        [ -z "$pinned" ] || port=$pinned
        echo '   program vers proto   port  service'
        echo '    100000    2   tcp    111  portmapper'
        echo '    100000    2   udp    111  portmapper'
        echo "    100005    3   udp   $port  mountd"
        echo "    100005    3   tcp   $port  mountd"
        echo '    100003    3   tcp   2049  nfs'
        """);

    /// <summary>nft whose <c>list ruleset</c> prints <paramref name="ruleset"/>.</summary>
    public string Nft(string ruleset) => Write("nft", $$"""
        #!/bin/bash
        if [ "$*" = "list ruleset" ]; then
            cat <<'RULESET'
        {{ruleset}}
        RULESET
            exit 0
        fi
        echo "nft $*" >>'{{CallLog}}'
        """);

    /// <summary>virsh whose capabilities offer guests of the domain type <paramref name="type"/> (xen, kvm).</summary>
    public string Virsh(string type) => Write("virsh", $$"""
        #!/bin/bash
        if [ "${1-}" = capabilities ]; then
            echo "<capabilities><guest><os_type>xen</os_type><arch name='x86_64'><domain type='{{type}}'/></arch></guest></capabilities>"
            exit 0
        fi
        echo "virsh $*" >>'{{CallLog}}'
        """);

    /// <summary>
    /// df -P -k that reports <paramref name="availableKib"/> kilobytes free for the paths under
    /// <paramref name="under"/> (all paths when null), and 100 GiB elsewhere.
    /// </summary>
    public string Df(long availableKib, string? under = null) => Write("df", $$"""
        #!/bin/bash
        available={{100L * 1024 * 1024}}
        case ${3-} in
            '{{under}}'*) available={{availableKib}} ;;
        esac
        echo 'Filesystem     1024-blocks      Used Available Capacity Mounted on'
        echo "/dev/xvda1       209715200  10485760 $available      5% /"
        """);

    public IReadOnlyList<string> Calls() => File.Exists(CallLog) ? File.ReadAllLines(CallLog) : [];

    public IReadOnlyList<string> VirtInstallArguments() =>
        File.Exists(VirtInstallLog) ? File.ReadAllLines(VirtInstallLog) : [];

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, (UnixFileMode)0x1ED);
        return path;
    }
}
