using System.Text.RegularExpressions;
using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Rule 3, the scripts' side: a script that mounts the CD (<c>mount -t iso9660 /dev/cdrom
/// /mnt/cdrom</c>, <c>mount /dev/hdc /media</c>, <c>mount LABEL=ACME /mnt/ks</c>) mounts the
/// Dom0's NFS export at the same mount point instead. The kickstart CD's files are merged
/// into the export's root, so the rest of the script finds them where it expects them.
/// An <c>umount</c> of the CD device becomes one of the mount point.
/// </summary>
public sealed partial class CdMountRewriter : KickstartRewriter
{
    private static readonly IReadOnlySet<string> Scripts = new HashSet<string>(StringComparer.Ordinal)
    {
        KickstartSections.Pre, KickstartSections.PreInstall, KickstartSections.Post,
    };

    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        var mountInGuest = LineRef.Added;
        for (var i = 0; i < editor.Nodes.Count; i++)
        {
            if (editor.Nodes[i] is SectionNode section && Scripts.Contains(section.Keyword))
            {
                var (rewritten, first) = RewriteScript(editor, section, context.Target.NfsSource);
                editor.Nodes[i] = rewritten;
                if (!first.IsAdded && mountInGuest.IsAdded && section.Keyword == KickstartSections.Post && !section.HasOption("--nochroot"))
                {
                    mountInGuest = first;
                }
            }
        }

        if (!mountInGuest.IsAdded && !ListsNfsUtils(editor))
        {
            editor.Warn(mountInGuest, "this %post runs in the installed system, where mounting NFS needs mount.nfs (package nfs-utils); %packages does not list nfs-utils (a group may bring it)");
        }
    }

    private static (SectionNode Section, LineRef FirstMount) RewriteScript(DocumentEditor editor, SectionNode section, string nfsSource)
    {
        var body = section.Body.ToBuilder();
        var mountPoints = new Dictionary<string, string>(StringComparer.Ordinal);
        var first = LineRef.Added;
        foreach (var scriptLine in ScriptLines.Scan(section.Body))
        {
            var line = scriptLine.Line;
            if (scriptLine.InHeredoc || line.IsBlankOrComment)
            {
                continue;
            }

            var text = RewriteLine(line.Text, nfsSource, mountPoints);
            if (text != line.Text)
            {
                editor.Changed(line.Source, line.Text, text, $"the guest has no CD: the kickstart CD's files are on the Dom0's NFS export {nfsSource}");
                body[scriptLine.Index] = new BodyLine(line with { Text = text });
                first = first.IsAdded ? line.Source : first;
            }
            else if (CdDevice().Match(line.Text) is { Success: true } device)
            {
                editor.Warn(line.Source, $"{section.Keyword} uses the CD ({device.Value}) in a way the rewrite does not know: left as it is; the guest has no CD");
            }
        }

        return (section with { Body = body.ToImmutable() }, first);
    }

    /// <summary>The line with its CD mount (or the umount of a CD device mounted before) rewritten.</summary>
    private static string RewriteLine(string text, string nfsSource, Dictionary<string, string> mountPoints)
    {
        var words = ShellWords.Split(text);
        for (var k = 0; k < words.Count; k++)
        {
            var command = words[k].IsOperator ? string.Empty : words[k].Value;
            if (!ShellWords.IsCommandPosition(words, k) || command is not ("mount" or "/bin/mount" or "umount" or "/bin/umount"))
            {
                continue;
            }

            var arguments = ShellWords.Arguments(words, k);
            if (command.EndsWith("umount", StringComparison.Ordinal))
            {
                if (arguments.Count == 1 && mountPoints.TryGetValue(arguments[0].Value, out var point))
                {
                    return text[..arguments[0].Start] + point + text[arguments[0].End..];
                }

                continue;
            }

            var mount = MountCommand.Read(arguments);
            if (mount is { IsCd: true, MountPoint: { } mountPoint })
            {
                mountPoints[mount.Device!] = mountPoint.Raw;
                var end = arguments.Max(a => a.End);
                return text[..words[k].Start] + $"mount -t nfs -o ro,nolock {nfsSource} {mountPoint.Raw}" + text[end..];
            }
        }

        return text;
    }

    private static bool ListsNfsUtils(DocumentEditor editor) =>
        editor.Nodes.OfType<SectionNode>().Where(s => s.Keyword == KickstartSections.Packages)
            .SelectMany(s => s.Body.OfType<BodyLine>()).Any(b => b.Line.FirstWord == "nfs-utils");

    [GeneratedRegex(@"/dev/(?:cdrom[0-9]*|scd[0-9]+|sr[0-9]+)(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex CdDevice();

    /// <summary>The parts of a mount command line that tell whether it mounts the CD.</summary>
    private sealed partial record MountCommand(string? Device, ShellWord? MountPoint, bool IsCd)
    {
        public static MountCommand Read(IReadOnlyList<ShellWord> arguments)
        {
            string? type = null;
            var options = new List<string>();
            var positional = new List<ShellWord>();
            string? label = null;
            var other = false;
            for (var j = 0; j < arguments.Count; j++)
            {
                var value = arguments[j].Value;
                string Next() => j + 1 < arguments.Count ? arguments[++j].Value : string.Empty;
                switch (value)
                {
                    case "-t" or "--types":
                        type = Next();
                        break;
                    case "-o" or "--options":
                        options.Add(Next());
                        break;
                    case "-L":
                        label = "LABEL=" + Next();
                        break;
                    case "--bind" or "--rbind" or "--move" or "-B" or "-M" or "-a" or "--all":
                        other = true;
                        break;
                    case var t when t.StartsWith("--types=", StringComparison.Ordinal):
                        type = t[8..];
                        break;
                    case var o when o.StartsWith("--options=", StringComparison.Ordinal):
                        options.Add(o[10..]);
                        break;
                    case var t when t.StartsWith("-t", StringComparison.Ordinal) && t.Length > 2:
                        type = t[2..];
                        break;
                    case var o when o.StartsWith("-o", StringComparison.Ordinal) && o.Length > 2:
                        options.Add(o[2..]);
                        break;
                    case var flag when flag.StartsWith('-') && flag.Length > 1:
                        break;
                    default:
                        positional.Add(arguments[j]);
                        break;
                }
            }

            var device = label ?? (positional.Count > 0 ? positional[0].Value : null);
            var mountPoint = label is null ? (positional.Count == 2 ? positional[1] : null) : (positional.Count == 1 ? positional[0] : null);
            var loop = options.SelectMany(o => o.Split(',')).Contains("loop", StringComparer.Ordinal);
            var cdType = type is not null && type.Split(',').Any(t => t is "iso9660" or "udf");
            var isCd = !other && !loop && device is not null
                && (CdDeviceName().IsMatch(device) || device.StartsWith("LABEL=", StringComparison.Ordinal) || cdType);
            return new MountCommand(device, mountPoint, isCd);
        }

        [GeneratedRegex(@"^/dev/(?:cdrom[0-9]*|hd[a-z]|scd[0-9]+|sr[0-9]+)\z", RegexOptions.CultureInvariant)]
        private static partial Regex CdDeviceName();
    }
}
