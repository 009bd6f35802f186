using System.Text.RegularExpressions;
using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;
using XenBundle.Model;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Rule 4: a Xen PV guest has no serial port; its console is xvc0 (EL5) or hvc0 (EL6+).
/// <c>console=ttyS*</c> leaves <c>bootloader --append</c>, the first one becoming the PV
/// console (the source asked for a console), and whenever the append names a console the PV
/// console is the last one (the kernel's /dev/console); %post lines that add ttyS gettys (inittab,
/// securetty, systemd's serial-getty@, upstart's /etc/init) are disabled. HVM and KVM guests have an emulated serial port, so there only
/// the <c>serial</c> line goes: it is a grub.conf setting, not a kickstart command, and
/// every installer stops on it.
/// </summary>
public sealed partial class SerialConsoleRewriter : KickstartRewriter
{
    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        var paravirtual = context.Target.Virt == VirtType.XenPv;
        for (var i = 0; i < editor.Nodes.Count; i++)
        {
            switch (editor.Nodes[i])
            {
                case CommandNode { Name: "serial" }:
                    editor.Disable(i, "serial is a grub.conf setting, not a kickstart command: the installer stops on it");
                    i--;
                    break;
                case CommandNode { Name: "bootloader" } bootloader when paravirtual:
                    RewriteAppend(editor, i, bootloader);
                    break;
                case SectionNode { IsScript: true } script when paravirtual:
                    editor.Nodes[i] = DisableGettys(editor, script);
                    break;
                default:
                    break;
            }
        }
    }

    private static void RewriteAppend(DocumentEditor editor, int index, CommandNode bootloader)
    {
        var append = CommandArguments.Read(bootloader.Line, editor.Dialect).LastOrDefault(a => a.Option == "--append" && a.Form != ArgumentForm.Flag);
        if (append is null)
        {
            return;
        }

        var words = append.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var before = string.Join(' ', words);
        var console = "console=" + editor.Dialect.XenConsole;
        var first = words.FindIndex(IsSerialConsole);
        string why;
        if (first >= 0)
        {
            words[first] = console;
            words = words.Where((w, n) => n == first || !IsSerialConsole(w)).ToList();
            why = $"no serial port in a Xen PV guest: its console is {console}";
        }
        else if (words.Any(IsConsole))
        {
            why = $"the last console= is /dev/console, and a Xen PV guest shows only {console}";
        }
        else
        {
            // No console= at all: the PV kernel's own default is the PV console.
            return;
        }

        // The kernel makes the last console= of its command line /dev/console, where init and
        // the boot messages write: with "console=xvc0 console=tty0" (or "console=tty0" alone)
        // they would go to a framebuffer a --nographics guest does not have. So the PV console
        // is there, and comes last among the console= words.
        var at = words.IndexOf(console);
        var lastOther = words.FindLastIndex(w => IsConsole(w) && w != console);
        if (at < 0)
        {
            words.Insert(lastOther + 1, console);
        }
        else if (lastOther > at)
        {
            words.RemoveAt(at);
            words.Insert(lastOther, console);
        }
        if (string.Join(' ', words) == before)
        {
            return;
        }

        var line = words.Count == 0 ? bootloader.Line.Without(append) : bootloader.Line.WithValue(append, string.Join(' ', words));
        editor.ReplaceCommand(index, line, why);
    }

    /// <summary>
    /// Disables the lines that set up a serial getty: appends of ttyS to inittab or
    /// securetty (also as here-document lines), systemd's serial-getty@ttyS, and upstart's
    /// /etc/init/ttyS*.conf, whose whole here-document goes (its lines alone would become
    /// commands).
    /// </summary>
    private static SectionNode DisableGettys(DocumentEditor editor, SectionNode script)
    {
        var body = script.Body.ToBuilder();
        string? disabledHeredoc = null;
        foreach (var scriptLine in ScriptLines.Scan(script.Body))
        {
            var line = scriptLine.Line;
            var wholeHeredoc = disabledHeredoc is not null && scriptLine.HeredocOpener == disabledHeredoc;
            if (line.IsBlank || (!wholeHeredoc && (line.IsComment || !SerialTty().IsMatch(line.Text))))
            {
                continue;
            }

            if (wholeHeredoc || AddsGetty(line.Text) || (scriptLine.InHeredoc && AddsGetty(scriptLine.HeredocOpener!)))
            {
                if (scriptLine.OpensHeredoc)
                {
                    disabledHeredoc = line.Text;
                }

                var disabled = DocumentEditor.DisableLine(line);
                editor.Changed(line.Source, line.Text, disabled.Text, "sets up a serial getty (ttyS), and a Xen PV guest has no serial port");
                body[scriptLine.Index] = new BodyLine(disabled);
            }
            else if (line.Text.Contains("console=ttyS", StringComparison.Ordinal))
            {
                editor.Warn(line.Source, $"{script.Keyword} sets a serial console (console=ttyS...), which a Xen PV guest does not have: left as it is");
            }
        }

        return script with { Body = body.ToImmutable() };
    }

    private static bool AddsGetty(string text) =>
        text.Contains("inittab", StringComparison.Ordinal) || text.Contains("securetty", StringComparison.Ordinal)
        || text.Contains("serial-getty@ttyS", StringComparison.Ordinal) || text.Contains("/etc/init/ttyS", StringComparison.Ordinal);

    private static bool IsSerialConsole(string word) => word.StartsWith("console=ttyS", StringComparison.Ordinal);

    private static bool IsConsole(string word) => word.StartsWith("console=", StringComparison.Ordinal);

    [GeneratedRegex(@"\bttyS[A-Z]*[0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex SerialTty();
}
