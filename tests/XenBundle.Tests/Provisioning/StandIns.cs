namespace XenBundle.Tests.Provisioning;

/// <summary>
/// Programs the Dom0 scripts call, replaced by small scripts that record how they were
/// called: virt-install of a given version, systemctl, service, exportfs.
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
