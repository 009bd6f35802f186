using System.Text.RegularExpressions;
using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Rule 3, the scripts' side: a script that mounts the CD (<c>mount -t iso9660 /dev/cdrom
/// /mnt/cdrom</c>, <c>mount /dev/hdc /media</c>, <c>mount LABEL=ACME /mnt/ks</c>) finds the
/// kickstart CD's files at the same mount point, so the rest of the script reads them where
/// it expects them:
/// <list type="bullet">
/// <item>a chroot %post (the installed system) bind-mounts /tmp/postinstall_files, where the
/// first %post --nochroot copied them: no NFS client is needed in the new system (a
/// <c>@core</c> guest has no mount.nfs, and EL5 only logs a failing %post). A bind mount
/// rather than rewritten paths, because it also serves paths the script builds at run time
/// (<c>$MNT/ks</c>, <c>cd /mnt/cdrom; cp x ...</c>). It needs only the kernel and the new
/// system's own mount (util-linux); the installer mounts /proc, /sys and /dev into the new
/// system before %post (fsset.py:1336@anaconda-11.1.2.263-2, storage/__init__.py:1702,1729@anaconda-13.21.263-1,
/// pyanaconda/modules/storage/devicetree/fsset.py:102-136@anaconda-34.25.7.19), which the
/// mount of EL7+ (libmount) reads;</item>
/// <item>%pre and %post --nochroot (the installer's environment) bind-mount the installer's
/// own mount of the export where it has one (<see cref="InstallerMounts"/>) and it holds the
/// kickstart CD's files, else mount the export over NFS (read-only, <c>nolock</c>);</item>
/// <item>when the kickstart CD's files are not known (a kickstart rewritten alone), nothing
/// is copied and every CD mount becomes the NFS export, as a chroot %post then needs mount.nfs.</item>
/// </list>
/// An <c>umount</c> of the CD device becomes one of the mount point, which undoes either
/// mount. Scripts for another interpreter than sh are left alone, with a warning when they
/// name the CD.
/// </summary>
public sealed partial class CdMountRewriter : KickstartRewriter
{
    private static readonly IReadOnlySet<string> Scripts = new HashSet<string>(StringComparer.Ordinal)
    {
        KickstartSections.Pre, KickstartSections.PreInstall, KickstartSections.Post,
    };

    /// <summary>Interpreters whose scripts are read as sh (the default is /bin/sh).</summary>
    private static readonly IReadOnlySet<string> Shells = new HashSet<string>(StringComparer.Ordinal) { "sh", "bash", "ash", "dash", "ksh" };

    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        var copied = PostInstallFilesRewriter.CopiedNames(context) is { Count: > 0 } names ? names : null;
        var nfsInGuest = LineRef.Added;
        for (var i = 0; i < editor.Nodes.Count; i++)
        {
            if (editor.Nodes[i] is not SectionNode section || !Scripts.Contains(section.Keyword))
            {
                continue;
            }

            if (Interpreter(section) is { } interpreter && !Shells.Contains(interpreter[(interpreter.LastIndexOf('/') + 1)..]))
            {
                WarnOtherInterpreter(editor, section, interpreter);
                continue;
            }

            var chroot = section.Keyword == KickstartSections.Post && !section.HasOption("--nochroot");
            var standIn = StandIn.For(chroot, context.Target, copied);
            var (rewritten, first) = RewriteScript(editor, section, standIn);
            editor.Nodes[i] = rewritten;
            if (!first.IsAdded && nfsInGuest.IsAdded && chroot && standIn.NeedsNfsClient)
            {
                nfsInGuest = first;
            }
        }

        if (!nfsInGuest.IsAdded && !ListsNfsUtils(editor))
        {
            editor.Warn(nfsInGuest, "this %post runs in the installed system, where mounting NFS needs mount.nfs (package nfs-utils); %packages does not list nfs-utils (a group may bring it)");
        }
    }

    /// <summary>The value of <c>--interpreter</c> on a script's header, or null for the default /bin/sh.</summary>
    private static string? Interpreter(SectionNode section)
    {
        var tokens = section.Header.Arguments.ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            var value = tokens[i].Value;
            if (value.StartsWith("--interpreter=", StringComparison.Ordinal))
            {
                return value["--interpreter=".Length..];
            }

            if (value == "--interpreter" && i + 1 < tokens.Count)
            {
                return tokens[i + 1].Value;
            }
        }

        return null;
    }

    private static void WarnOtherInterpreter(DocumentEditor editor, SectionNode section, string interpreter)
    {
        foreach (var scriptLine in ScriptLines.Scan(section.Body))
        {
            if (!scriptLine.Line.IsBlankOrComment && CdDevice().Match(scriptLine.Line.Text) is { Success: true } device)
            {
                editor.Warn(scriptLine.Line.Source, $"{section.Keyword} --interpreter {interpreter} uses the CD ({device.Value}): the rewrite changes only sh scripts, so it is left as it is; the guest has no CD (the kickstart CD's files are in {PostInstallFilesRewriter.Destination} of the installed system)");
            }
        }
    }

    private static (SectionNode Section, LineRef FirstMount) RewriteScript(DocumentEditor editor, SectionNode section, StandIn standIn)
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

            var text = RewriteLine(line.Text, standIn, mountPoints);
            if (text != line.Text)
            {
                editor.Changed(line.Source, line.Text, text, standIn.Why);
                body[scriptLine.Index] = new BodyLine(line with { Text = text });
                first = first.IsAdded ? line.Source : first;
            }
            else if (CdDevice().Match(line.Text) is { Success: true } device)
            {
                editor.Warn(line.Source, $"{section.Keyword} uses the CD ({device.Value}) in a way the rewrite does not know: left as it is; the guest has no CD");
            }
        }

        if (standIn.Copied is { } copied)
        {
            WarnUncopied(editor, section, mountPoints.Values, copied);
        }

        return (section with { Body = body.ToImmutable() }, first);
    }

    /// <summary>
    /// A bind mount shows only what the copy stage copied: the kickstart CD's own top-level
    /// entries, not the distribution's that the CD also carried. A path under a literal mount
    /// point whose first name is not among them will not be found: said, once per name.
    /// </summary>
    private static void WarnUncopied(DocumentEditor editor, SectionNode section, IEnumerable<string> rawMountPoints, IReadOnlyList<string> copied)
    {
        var points = rawMountPoints.Select(ShellQuoting.Unquote).Where(p => p.StartsWith('/') && !p.Contains('$', StringComparison.Ordinal))
            .Select(p => p.TrimEnd('/')).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var names = copied.Select(KickstartText.FromUnicode).ToHashSet(StringComparer.Ordinal);
        var said = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scriptLine in ScriptLines.Scan(section.Body).Where(l => !l.InHeredoc && !l.Line.IsBlankOrComment))
        {
            foreach (var point in points)
            {
                foreach (Match use in Regex.Matches(scriptLine.Line.Text, @"(?<![A-Za-z0-9_./-])" + Regex.Escape(point) + @"/(?<name>[^/\s""'`;|&()<>$*?\[]+)", RegexOptions.CultureInvariant))
                {
                    var name = use.Groups["name"].Value;
                    if (!names.Contains(name) && said.Add(point + "/" + name))
                    {
                        editor.Warn(scriptLine.Line.Source, $"{section.Keyword} reads {point}/{name}, which is not one of the kickstart CD's own files copied to {PostInstallFilesRewriter.Destination} (the distribution's are left out): it will not be found there");
                    }
                }
            }
        }
    }

    /// <summary>What a CD mount of one kind of script becomes, and why.</summary>
    private sealed record StandIn(Func<string, string> Mount, string Why, bool NeedsNfsClient, IReadOnlyList<string>? Copied = null)
    {
        public static StandIn For(bool chroot, KickstartTarget target, IReadOnlyList<string>? copied)
        {
            var nfs = $"mount -t nfs -o ro,nolock {target.NfsSource}";
            StandIn OverNfs(bool needsClient) =>
                new(point => $"{nfs} {point}", $"the guest has no CD: the kickstart CD's files are on the Dom0's NFS export {target.NfsSource}", needsClient);
            if (copied is null)
            {
                return OverNfs(chroot);
            }

            if (chroot)
            {
                return new StandIn(
                    point => $"mount --bind {PostInstallFilesRewriter.Destination} {point}",
                    $"the guest has no CD: the first %post --nochroot copied the kickstart CD's files to {PostInstallFilesRewriter.Destination}; a bind mount puts them at the mount point, without NFS in the installed system",
                    false,
                    copied);
            }

            if (InstallerMounts.Tree(target.Os) is not { } tree)
            {
                return OverNfs(false);
            }

            // The first copied name tells this bundle's tree from another one mounted there.
            var check = ShellQuoting.ForShell(tree + "/" + KickstartText.FromUnicode(copied[0]));
            return new StandIn(
                point => $"if [ -e {check} ]; then mount --bind {tree} {point}; else {nfs} {point}; fi",
                $"the guest has no CD: the kickstart CD's files are on the Dom0's export {target.NfsSource}, which the installer has mounted at {tree} (else it is mounted over NFS)",
                false);
        }
    }

    /// <summary>The line with its CD mount (or the umount of a CD device mounted before) rewritten.</summary>
    private static string RewriteLine(string text, StandIn standIn, Dictionary<string, string> mountPoints)
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
                return text[..words[k].Start] + standIn.Mount(mountPoint.Raw) + text[end..];
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
