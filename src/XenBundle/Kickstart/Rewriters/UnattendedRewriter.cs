using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;
using XenBundle.Model;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Rule 6: the guest installs unattended, on a new disk image with no partition table,
/// behind a text console. So: a bare <c>zerombr</c> (<c>zerombr yes</c> is deprecated
/// already in RHEL5), <c>clearpart --initlabel</c> (both so that the installer does not ask
/// to initialise the drive), <c>text</c> instead of <c>graphical</c>, <c>skipx</c> unless X
/// is configured, no <c>interactive</c>, <c>reboot</c> when the kickstart says nothing about
/// the end of the install, and on EL5 <c>key --skip</c> (RHEL5 asks for an installation
/// number otherwise; CentOS ignores it).
/// </summary>
public sealed class UnattendedRewriter : KickstartRewriter
{
    private static readonly IReadOnlySet<string> Partitioning = new HashSet<string>(StringComparer.Ordinal)
    {
        "part", "partition", "autopart", "raid", "volgroup", "logvol", "reqpart", "btrfs",
    };

    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        var added = new List<(string Command, string Why)>();
        for (var i = 0; i < editor.Nodes.Count; i++)
        {
            if (editor.Nodes[i] is not CommandNode command)
            {
                continue;
            }

            switch (command.Name)
            {
                case "zerombr" when command.Line.Tokens.Length > 1:
                    editor.ReplaceCommand(i, command.Line.WithoutArguments(), "zerombr takes no argument ('zerombr yes' is deprecated since RHEL5)");
                    break;
                case "clearpart" when !CommandArguments.Read(command.Line, editor.Dialect).Any(a => a.Option == "--initlabel"):
                    editor.ReplaceCommand(i, command.Line.Append("--initlabel"), "--initlabel: the guest's new disk has no partition table, and the installer would ask");
                    break;
                case "graphical":
                    editor.ReplaceCommand(i, command.Line.WithoutArguments().WithTokenText(0, "text"), "text: the guest installs on a text console");
                    break;
                case "interactive":
                    editor.Disable(i, "interactive stops the install at every screen");
                    i--;
                    break;
                default:
                    break;
            }
        }

        var commands = editor.Nodes.OfType<CommandNode>().Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var pendingIncludes = editor.Nodes.OfType<IncludeNode>().Where(n => n.Line.Name == KickstartSections.Include).ToList();
        if (!commands.Contains("zerombr"))
        {
            added.Add(("zerombr", "zerombr: the guest's new disk has no partition table, and the installer would ask"));
        }

        if (!commands.Contains("clearpart") && commands.Overlaps(Partitioning))
        {
            if (pendingIncludes.Count == 0)
            {
                added.Add(("clearpart --all --initlabel", "clearpart --initlabel: the guest's new disk has no partition table, and the installer would ask"));
            }
            else
            {
                editor.Warn(pendingIncludes[0].Source, $"no clearpart here; if {pendingIncludes[0].Target} has one, it needs --initlabel for an unattended install");
            }
        }

        if (!commands.Contains("text") && !commands.Contains("cmdline") && !commands.Contains("graphical"))
        {
            added.Add(("text", "text: the guest installs on a text console, without X"));
        }

        if (!commands.Contains("skipx") && !commands.Contains("xconfig"))
        {
            added.Add(("skipx", "skipx: no X configuration to ask about"));
        }

        // Without one of these the installer's last screen waits for a key press (on every
        // release; see UnattendedCheck for the sources) and the guest never boots what it
        // installed. An included file may say halt or poweroff: then the choice stays its own.
        if (!commands.Overlaps(UnattendedCheck.EndsOfInstall) && pendingIncludes.Count == 0)
        {
            added.Add(("reboot", "reboot: the installer's last screen would wait for a key press, and the guest would not boot the installed system"));
        }

        if (context.Target.Os == OsRelease.El5 && !commands.Contains("key"))
        {
            added.Add(("key --skip", "key --skip: RHEL5 asks for an installation number otherwise"));
        }

        var at = editor.CommandAreaEnd();
        foreach (var (command, why) in added)
        {
            editor.Insert(at++, [Generated.Command(command, editor.NewLine)], why);
        }
    }
}
