using XenBundle.Kickstart.Syntax;
using XenBundle.Model;

namespace XenBundle.Kickstart.Transform;

/// <summary>
/// What the target's installer would stop to ask for, because the finished kickstart does
/// not answer it. Read from the installers themselves:
/// <list type="bullet">
/// <item>EL5 (anaconda-11.1.2.263-2): each command removes its screen from the dispatch
/// list (kickstart.py:259 keyboard, :264 language, :672 accounts for rootpw, :696 timezone,
/// :146/:338/:583/:664 partition for autopart/logvol/part/raid, :181 bootloader, :587
/// complete for reboot/halt/poweroff/shutdown, :1038-1041 group-selection unless a
/// %packages section was seen); a screen left in the list is shown in text mode too
/// (text.py:41-69).</item>
/// <item>EL6 (anaconda-13.21.263-1): the same (kickstart.py:482, :488, :1202, :1224,
/// :253/:554/:934/:1097, :338, :1048, :1746-1749), and in text mode a missing bootloader,
/// clearpart (cleardiskssel, :369) or %packages stops the install with "missing required
/// information that anaconda cannot prompt for" (kickstart.py:1769-1784).</item>
/// <item>EL7 to EL9: the text hub waits while a mandatory spoke is incomplete, and
/// cmdline mode stops with "The following mandatory spokes are not completed"
/// (ui/tui/hubs/summary.py:97-114@anaconda-21.48.22.159-1). Mandatory and completed only
/// with the kickstart: the time zone (ui/tui/spokes/time_spoke.py:179-184@21.48.22.159-1,
/// :199-204@33.16.10.5-1, :113-118@34.25.7.19); the root password, unless a user in
/// group wheel is an administrator (password.py:42-52@21.48.22.159-1,
/// root_password.py:60-83@33.16.10.5-1, modules/users/users.py:387-399@34.25.7.19);
/// storage, which needs a root device (storage.py:106-119@21.48.22.159-1,
/// :105-118@33.16.10.5-1, :145-158@34.25.7.19); software, which needs a %packages section
/// (software.py:118-119@21.48.22.159-1, software_selection.py:184-185@33.16.10.5-1,
/// :212-213@34.25.7.19). After the install the progress spoke waits for Enter unless the
/// kickstart says reboot, poweroff or shutdown; halt waits (progress.py:132-141@21.48.22.159-1,
/// installation_progress.py:139-146@33.16.10.5-1, :143-150@34.25.7.19; halt is KS_WAIT
/// from pykickstart's F18_Reboot, commands/reboot.py:130-134@r3.74). Language and
/// keyboard are not asked in text mode (langsupport.py:59-61 mandatory False; there is no
/// keyboard spoke), nor is the boot loader or authentication on any release (no screen).</item>
/// </list>
/// </summary>
public static class UnattendedCheck
{
    private static readonly string[] RootFileSystems = ["part", "partition", "logvol", "raid", "btrfs"];

    /// <summary>The commands that say how the install ends; without one the last screen waits for a key.</summary>
    public static IReadOnlySet<string> EndsOfInstall { get; } = new HashSet<string>(StringComparer.Ordinal) { "reboot", "poweroff", "shutdown", "halt" };

    /// <summary>What the install would stop to ask for, in the order the installer asks; empty when nothing.</summary>
    public static IReadOnlyList<string> Missing(KickstartDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var os = document.Dialect.Os;
        var commands = document.Commands.ToList();
        bool Has(params string[] names) => commands.Any(c => names.Contains(c.Name, StringComparer.Ordinal));
        var missing = new List<string>();
        if (os <= OsRelease.El6)
        {
            AddUnless(missing, Has("lang"), "a language (lang)");
            AddUnless(missing, Has("keyboard"), "a keyboard (keyboard)");
        }

        var partitioned = HasRootFileSystem(commands, document.Dialect);
        AddUnless(missing, partitioned, "the partitions (autopart, or part/logvol/raid for /)");
        if (os == OsRelease.El6 && partitioned)
        {
            // Without partitioning the rewrite adds no clearpart; once it is there it does.
            AddUnless(missing, Has("clearpart"), "the disks to clear (clearpart)");
        }

        if (os <= OsRelease.El6)
        {
            AddUnless(missing, Has("bootloader"), "the boot loader (bootloader)");
        }

        AddUnless(missing, Has("timezone"), "a time zone (timezone)");
        AddUnless(missing, Has("rootpw") || (os >= OsRelease.El7 && HasWheelUser(commands, document.Dialect)),
            os >= OsRelease.El7 ? "a root password (rootpw, or a user --groups=wheel)" : "a root password (rootpw)");
        // An image install (liveimg, EL7+) installs no packages: the software spoke is shown only
        // for a package payload (ui/tui/spokes/software.py:83-84@anaconda-21.48.22.159-1), and
        // liveimg's is an image payload (packaging/livepayload.py:60,232 there).
        AddUnless(missing, Has("liveimg") || document.Sections.Any(s => s.Keyword == KickstartSections.Packages), "the packages (%packages)");
        // From EL7 halt waits for a key like no command at all.
        AddUnless(missing, commands.Any(c => EndsOfInstall.Contains(c.Name) && (os <= OsRelease.El6 || c.Name != "halt")),
            os <= OsRelease.El6 ? "a key press at the end (reboot)" : "a key press at the end (reboot; halt waits)");
        return missing;
    }

    /// <summary>The items as one phrase: "a, b and c".</summary>
    public static string Describe(IReadOnlyList<string> missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        return missing.Count == 1 ? missing[0] : $"{string.Join(", ", missing.Take(missing.Count - 1))} and {missing[^1]}";
    }

    private static void AddUnless(List<string> missing, bool present, string item)
    {
        if (!present)
        {
            missing.Add(item);
        }
    }

    // autopart, or a file system mounted at / (part / ..., logvol / ..., raid / ..., btrfs / ...,
    // EL8's mount DEVICE /): anything less leaves the installer without a root device.
    private static bool HasRootFileSystem(List<CommandNode> commands, KickstartDialect dialect) =>
        commands.Any(c => c.Name == "autopart"
            || (RootFileSystems.Contains(c.Name, StringComparer.Ordinal) && FirstPositional(c, dialect, 0) == "/")
            || (c.Name == "mount" && FirstPositional(c, dialect, 1) == "/"));

    private static string? FirstPositional(CommandNode command, KickstartDialect dialect, int skip) =>
        CommandArguments.Read(command.Line, dialect).Where(a => a.Form == ArgumentForm.Positional).Skip(skip).FirstOrDefault()?.Value;

    private static bool HasWheelUser(List<CommandNode> commands, KickstartDialect dialect) =>
        commands.Where(c => c.Name == "user")
            .Select(c => CommandArguments.Read(c.Line, dialect))
            .Any(a => a.All(x => x.Option != "--lock") && (a.Option("--groups") ?? string.Empty).Split(',').Contains("wheel", StringComparer.Ordinal));
}
