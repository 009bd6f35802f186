using System.Text;
using XenBundle.Model;
using XenBundle.Recipes;
using XenBundle.Reporting;

namespace XenBundle.Provisioning;

/// <summary>
/// Everything the bundle gets for the Dom0: dom0/virt-install.sh,
/// dom0/setup.sh, dom0/teardown.sh, dom0/exports and README.txt, plus the report's
/// section about them and the warnings they call for.
/// </summary>
public sealed class Dom0Provisioning
{
    public const string ReportTitle = "Dom0 provisioning";

    public Dom0Provisioning(GuestInstall guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        Guest = guest;
        Command = new VirtInstallCommand(guest);
        Exports = new ExportsLine(guest);
        Files =
        [
            new VirtInstallScript(guest, Command).File,
            new SetupScript(guest, Exports).File,
            new TeardownScript(guest).File,
            Exports.File,
            new ReadmeText(guest, Exports, Command).File,
        ];
        var warnings = new List<string>(Exports.Warnings);
        if (InstallerMemory.Warning(guest.Recipe.DomU, guest.Os) is { } memory)
        {
            warnings.Add(memory);
        }

        Warnings = warnings;
    }

    public GuestInstall Guest { get; }

    public VirtInstallCommand Command { get; }

    public ExportsLine Exports { get; }

    /// <summary>The generated files, by bundle path, with their modes (scripts 0755, the rest 0644).</summary>
    public IReadOnlyList<GeneratedFile> Files { get; }

    /// <summary>The export's warnings, and one for a <c>domu.memory</c> below what the installer needs.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The report section: the guest, its boot arguments, both virt-install commands and the export.</summary>
    public string ReportSection()
    {
        var domu = Guest.Recipe.DomU;
        var text = new StringBuilder();
        // Recipe values as escaped text, not code spans (report.md is read on web pages).
        text.Append("Guest ").Append(Markdown.Text(Guest.Name)).Append(", a ").Append(Guest.VirtDescription).Append(" running ").Append(Guest.Os.ToName())
            .Append(": ").Append(Guest.MemoryMiB).Append(" MiB, ").Append(domu.Vcpus).Append(" vCPU; disk ").Append(Markdown.Text(domu.DiskPath))
            .Append(" (").Append(domu.DiskSizeGiB).Append(" GiB, sparse); network ").Append(Markdown.Text(ReadmeText.NetworkDescription(Guest))).Append(".\n\n");
        text.Append("Installer boot arguments:\n\n").Append(Markdown.Code(Command.KernelLine, "text")).Append('\n');
        text.Append("`dom0/virt-install.sh` picks the command by the major version of `virt-install --version`, or by `virt-install --help` where there is no `--version` (every EL5 virt-install). ")
            .Append("virt-install 2.0 and later (`INSTALL_DIR` is the tree on the Dom0, by default the export directory; ")
            .Append("`").Append(VirtInstallCommand.OsInfoDetect).Append("` only where virt-install knows `--osinfo`):\n\n")
            .Append(Markdown.Code(VirtInstallCommand.Render("virt-install", Command.Modern, forScript: false, string.Empty, VirtInstallCommand.OsInfoDetect), "sh")).Append('\n');
        text.Append("virt-install 0.x (EL5-era Dom0s; it mounts the export itself):\n\n")
            .Append(Markdown.Code(VirtInstallCommand.Render("virt-install", Command.Legacy, forScript: false, string.Empty), "sh")).Append('\n');
        text.Append("NFS export (`").Append(ExportsLine.Path).Append("`), added by `dom0/setup.sh`, withdrawn by `dom0/teardown.sh`:\n\n")
            .Append(Markdown.Code(Exports.Text, "text"));
        return text.ToString();
    }
}
