using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Rule 2: a Xen guest's disks are xvdX (a KVM guest's vdX, an EL5 Xen HVM guest's hdX:
/// see <see cref="DiskNames.GuestPrefix"/>), not sdX or hdX. Every option
/// and argument that names a disk or partition (per the release's syntax, see
/// <see cref="KickstartCommands"/>) is renamed in place; names inside scripts are
/// reported, never changed (a script's text is the author's).
/// </summary>
public sealed class DiskNameRewriter : KickstartRewriter
{
    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        var prefix = DiskNames.GuestPrefix(context.Target.Os, context.Target.Virt);
        var renamed = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < editor.Nodes.Count; i++)
        {
            if (editor.Nodes[i] is CommandNode command && KickstartCommands.Find(command.Name) is { } spec)
            {
                var line = Rename(editor, command, spec, prefix, renamed);
                if (!ReferenceEquals(line, command.Line))
                {
                    editor.ReplaceCommand(i, line, $"disk names: the guest's disks are {prefix}X");
                }
            }
        }

        ReportScripts(editor, prefix);
        ReportDisks(editor, renamed, prefix + "a");
    }

    private static CommandLine Rename(DocumentEditor editor, CommandNode command, CommandSpec spec, string prefix, SortedDictionary<string, string> renamed)
    {
        var changes = new List<(CommandArgument, string)>();
        var positional = 0;
        foreach (var argument in CommandArguments.Read(command.Line, editor.Dialect))
        {
            var kind = argument.Form == ArgumentForm.Positional ? PositionalKind(spec, positional++) : argument.Kind;
            var value = argument.Value;
            var guest = kind switch
            {
                ValueKind.Disk or ValueKind.Partition => DiskNames.ToGuest(value, prefix),
                ValueKind.DiskList or ValueKind.PartitionList => DiskNames.ListToGuest(value, prefix),
                _ => null,
            };
            if (guest is not null && guest != value)
            {
                changes.Add((argument, guest));
                foreach (var (from, to) in value.Split(',').Zip(guest.Split(',')))
                {
                    if (from != to)
                    {
                        renamed[from.Trim()] = to.Trim();
                    }
                }
            }
            else if (kind != ValueKind.Text && value.Split(',').FirstOrDefault(DiskNames.IsUnmappable) is { } other)
            {
                editor.Warn(command.Source, $"{command.Name} names {other}, which the guest does not have (its disk is {prefix}a): left as it is");
            }
        }

        // All at once: a raid line may name thousands of members, and a copy per rename would be quadratic.
        return changes.Count == 0 ? command.Line : command.Line.WithValues(changes);
    }

    private static ValueKind PositionalKind(CommandSpec spec, int position) => spec.Positional switch
    {
        Syntax.PositionalKind.FirstIsPartition when position == 0 => ValueKind.Partition,
        Syntax.PositionalKind.Members when position > 0 => ValueKind.Partition,
        _ => ValueKind.Text,
    };

    private static void ReportScripts(DocumentEditor editor, string prefix)
    {
        foreach (var section in editor.Nodes.OfType<SectionNode>().Where(s => s.IsScript))
        {
            foreach (var line in section.Body.OfType<BodyLine>().Where(b => !b.Line.IsBlankOrComment))
            {
                var names = DiskNames.InText(line.Line.Text).Where(n => DiskNames.ToGuest(n, prefix) != n).ToList();
                if (names.Count > 0)
                {
                    var guest = string.Join(", ", names.Select(n => DiskNames.ToGuest(n, prefix) ?? n));
                    editor.Warn(line.Source, $"{section.Keyword} names {string.Join(", ", names)}: scripts are not rewritten; in the guest that is {guest}");
                }
            }
        }
    }

    private static void ReportDisks(DocumentEditor editor, SortedDictionary<string, string> renamed, string firstDisk)
    {
        var byGuest = renamed.GroupBy(p => DiskOf(p.Value)).ToList();
        foreach (var group in byGuest.Where(g => g.Select(p => DiskOf(p.Key)).Distinct(StringComparer.Ordinal).Count() > 1))
        {
            editor.Warn(LineRef.Added, $"{string.Join(" and ", group.Select(p => DiskOf(p.Key)).Distinct(StringComparer.Ordinal))} both become {group.Key}: check the partitioning");
        }

        var extra = byGuest.Select(g => g.Key).Where(d => d != firstDisk).ToList();
        if (extra.Count > 0)
        {
            editor.Warn(LineRef.Added, $"the kickstart names more than one disk ({string.Join(", ", extra)}); the guest gets one disk (domu.disk) unless you add more");
        }
    }

    /// <summary>The disk of a disk or partition name, without /dev/ (xvda for /dev/xvda2).</summary>
    private static string DiskOf(string name)
    {
        var bare = name.StartsWith("/dev/", StringComparison.Ordinal) ? name[5..] : name;
        return bare.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
    }
}
