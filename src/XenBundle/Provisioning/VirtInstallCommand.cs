using System.Globalization;
using XenBundle.Model;
using XenBundle.Recipes;

namespace XenBundle.Provisioning;

/// <summary>One option of a command line and its value, if it takes one.</summary>
/// <param name="Script">The value as the script writes it (it may refer to script variables).</param>
/// <param name="Display">The value as a person reads it, with the defaults filled in.</param>
public sealed record CommandOption(string Name, string? Script = null, string? Display = null)
{
    /// <summary>An option whose value comes from the recipe: quoted the same way in both.</summary>
    public static CommandOption Quoted(string name, string value) => new(name, ShellQuote.Quote(value), ShellQuote.Quote(value));

    public static CommandOption Number(string name, int value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return new(name, text, text);
    }

    public string Render(bool forScript)
    {
        var value = forScript ? Script : Display;
        return value is null ? Name : Name + " " + value;
    }
}

/// <summary>
/// The virt-install command lines for the guest, for both generations of virt-install: 0.x
/// on EL5-era Dom0s, which fetches the installer over NFS itself, and 2.0 or later, which
/// has no NFS locations and reads the local tree. How the script tells them apart, and
/// where that was read: docs/installers-and-dom0.md, "virt-install's command line".
/// </summary>
public sealed class VirtInstallCommand
{
    /// <summary>Script variable holding the install tree on the Dom0 (virt-install >= 2.0).</summary>
    public const string InstallDirVariable = "INSTALL_DIR";

    /// <summary>Script variable holding the disk image path.</summary>
    public const string DiskVariable = "DISK";

    /// <summary>
    /// Script variable holding ",model=virtio" for a KVM guest's NIC where virt-install 0.x
    /// takes it (see VirtInstallScript), else nothing.
    /// </summary>
    public const string LegacyNicModelVariable = "NIC_MODEL";

    /// <summary>Script variable holding the installer's boot arguments.</summary>
    public const string KernelArgsVariable = "KERNEL_ARGS";

    /// <summary>
    /// virt-install 4.0 made an OS name mandatory; this lets it detect one from the tree's
    /// .treeinfo and go on with a generic one when it cannot (an EL5 tree, say).
    /// Only where virt-install knows <c>--osinfo</c>.
    /// </summary>
    public const string OsInfoDetect = "--osinfo " + OsInfoDetectValue;

    public const string OsInfoDetectValue = "detect=on,require=off";

    public VirtInstallCommand(GuestInstall guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        KernelLine = KernelArguments.Line(guest);
        var domu = guest.Recipe.DomU;
        var kernel = new CommandOption("--extra-args", $"\"${KernelArgsVariable}\"", ShellQuote.Quote(KernelLine));

        Modern =
        [
            CommandOption.Quoted("--name", domu.Name),
            CommandOption.Number("--memory", guest.MemoryMiB),
            CommandOption.Number("--vcpus", domu.Vcpus),
            guest.Virt switch
            {
                VirtType.XenPv => new CommandOption("--paravirt"),
                VirtType.XenHvm => new CommandOption("--hvm"),
                _ => new CommandOption("--virt-type", "kvm", "kvm"),
            },
            new("--location", $"\"${InstallDirVariable}\"", ShellQuote.Quote(guest.Export)),
            new("--disk", $"\"path=${DiskVariable},{DiskSuboptions(guest)}\"", ShellQuote.Quote($"path={domu.DiskPath},{DiskSuboptions(guest)}")),
            CommandOption.Quoted("--network", $"bridge={domu.Network.Bridge}" + (domu.Network.Mac is { } mac ? $",mac={mac}" : string.Empty) + (guest.Virt == VirtType.Kvm ? ",model=virtio" : string.Empty)),
            new("--graphics", "none", "none"),
            kernel,
        ];

        var legacy = new List<CommandOption>
        {
            CommandOption.Quoted("--name", domu.Name),
            CommandOption.Number("--ram", guest.MemoryMiB),
            CommandOption.Number("--vcpus", domu.Vcpus),
            guest.Virt switch
            {
                VirtType.XenPv => new CommandOption("--paravirt"),
                VirtType.XenHvm => new CommandOption("--hvm"),
                _ => new CommandOption("--accelerate"), // 0.x's way of asking for KVM
            },
            CommandOption.Quoted("--location", "nfs:" + guest.NfsTree),
        };
        if (guest.Virt == VirtType.Kvm)
        {
            // --file gives the disk no bus, and 0.x then makes an HVM guest's disk IDE
            // (virtinst/Guest.py:1501-1513 at virt-manager 88603e4fa): sda, where the kvm
            // kickstart names vda. --disk takes bus= and sparse=true from 0.400.3 on
            // (virt-install:73-140 at python-virtinst b25f1ef~1, 0.400.3; virt-install:151-201
            // at fdc9cda, 0.500.0; virtinst/cli.py:1480-1572 at b29042a, 0.600.0), path= first.
            var disk = string.Create(CultureInfo.InvariantCulture, $"size={domu.DiskSizeGiB},sparse=true,bus=virtio");
            legacy.Add(new("--disk", $"\"path=${DiskVariable},{disk}\"", ShellQuote.Quote($"path={domu.DiskPath},{disk}")));
            legacy.Add(new("--network", ShellQuote.Quote("bridge:" + domu.Network.Bridge) + $"\"${LegacyNicModelVariable}\"", ShellQuote.Quote($"bridge:{domu.Network.Bridge},model=virtio")));
        }
        else
        {
            legacy.Add(new("--file", $"\"${DiskVariable}\"", ShellQuote.Quote(domu.DiskPath)));
            legacy.Add(CommandOption.Number("--file-size", domu.DiskSizeGiB)); // sparse unless --nonsparse
            legacy.Add(CommandOption.Quoted("--network", "bridge:" + domu.Network.Bridge));
        }

        if (domu.Network.Mac is { } legacyMac)
        {
            legacy.Add(CommandOption.Quoted("--mac", legacyMac));
        }

        legacy.Add(new CommandOption("--nographics"));
        legacy.Add(kernel);
        Legacy = legacy;
    }

    /// <summary>The installer's boot arguments, one line.</summary>
    public string KernelLine { get; }

    /// <summary>The options for virt-install >= 2.0 (<see cref="OsInfoDetect"/> is added where supported).</summary>
    public IReadOnlyList<CommandOption> Modern { get; }

    /// <summary>The options for virt-install 0.x.</summary>
    public IReadOnlyList<CommandOption> Legacy { get; }

    /// <summary>
    /// One option per line, continued with backslashes: <paramref name="program"/> first,
    /// then the options, then <paramref name="tail"/> (more shell words) if given.
    /// </summary>
    public static string Render(string program, IEnumerable<CommandOption> options, bool forScript, string indent, params string[] tail)
    {
        ArgumentNullException.ThrowIfNull(options);
        var lines = new List<string> { program };
        lines.AddRange(options.Select(o => indent + "    " + o.Render(forScript)));
        lines.AddRange(tail.Select(t => indent + "    " + t));
        return string.Join(" \\\n", lines);
    }

    // The image is sparse: an 8 GiB disk costs only what the guest writes. A KVM guest's
    // disk is virtio, said outright: the kickstart names it vda, and virt-install would
    // pick IDE (sda in the guest) for an OS it cannot detect from the tree. The NIC is
    // virtio for the same reason (an e1000 would work, but slower).
    private static string DiskSuboptions(GuestInstall guest) =>
        string.Create(CultureInfo.InvariantCulture, $"size={guest.Recipe.DomU.DiskSizeGiB},sparse=yes") + (guest.Virt == VirtType.Kvm ? ",bus=virtio" : string.Empty);
}
