using System.Text.RegularExpressions;
using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Rule 1: the guest installs its packages from the Dom0's NFS export. The first install
/// method that reads a package tree (<c>cdrom</c>, <c>harddrive</c>, <c>url</c>, <c>nfs</c>)
/// becomes <c>nfs --server=DOM0 --dir=EXPORT</c> in place; any other is disabled (two methods
/// pass validation, so the installer would not complain about a <c>cdrom</c> left behind).
/// A <c>liveimg</c> install (EL7+) copies an image and installs no packages: it is kept, and
/// the report says that the guest installs from the image. Repositories on local media are
/// reported.
/// </summary>
public sealed partial class InstallMethodRewriter : KickstartRewriter
{
    /// <summary>The install methods that read a package tree, in every release.</summary>
    private static readonly IReadOnlySet<string> TreeMethods = new HashSet<string>(StringComparer.Ordinal) { "cdrom", "harddrive", "nfs", "url" };

    /// <summary>
    /// An image install: pykickstart has liveimg from F19 (handlers/f19.py:56@r3.74; RHEL7 on),
    /// as one more spelling of the one install method (commands/method.py:133).
    /// </summary>
    public const string ImageMethod = "liveimg";

    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        if (editor.Nodes.FindIndex(n => n is CommandNode { Name: ImageMethod }) is var image and >= 0)
        {
            KeepImage(editor, image);
            return;
        }

        var nfs = $"nfs --server={context.Target.NfsSource.Server} --dir={context.Target.NfsSource.Export}";
        var found = false;
        for (var i = 0; i < editor.Nodes.Count; i++)
        {
            if (editor.Nodes[i] is not CommandNode command || !TreeMethods.Contains(command.Name))
            {
                if (editor.Nodes[i] is CommandNode { Name: "repo" } repo)
                {
                    CheckRepository(editor, repo);
                }

                continue;
            }

            if (found)
            {
                editor.Disable(i, "a second install method: the guest installs from NFS");
                i--;
                continue;
            }

            found = true;
            var line = command.Line.ReplacedBy(nfs);
            if (line.Print() != command.Line.Print())
            {
                editor.ReplaceCommand(i, line, Why(editor, command, context.Target));
            }
        }

        if (!found)
        {
            editor.Insert(editor.CommandAreaEnd(), [Generated.Command(nfs, editor.NewLine)], $"install from the Dom0's NFS export {context.Target.NfsSource} (the guest has no CD)");
        }
    }

    /// <summary>Whether the kickstart installs an image (<c>liveimg</c>) rather than packages.</summary>
    public static bool InstallsImage(IEnumerable<KickstartNode> nodes) => nodes.Any(n => n is CommandNode { Name: ImageMethod });

    private static void KeepImage(DocumentEditor editor, int image)
    {
        var command = (CommandNode)editor.Nodes[image];
        var url = CommandArguments.Read(command.Line, editor.Dialect).Option("--url") ?? "(no --url)";
        var text = command.Line.Print();
        editor.Changed(command.Source, text, text, $"kept: the guest installs from the image {url} (liveimg), not from the Dom0's NFS tree; an image install installs no packages, so %packages and repo lines do not apply");
        for (var i = 0; i < editor.Nodes.Count; i++)
        {
            if (editor.Nodes[i] is CommandNode other && TreeMethods.Contains(other.Name))
            {
                editor.Disable(i, "a second install method: the guest installs from the image (liveimg)");
                i--;
            }
        }
    }

    private static string Why(DocumentEditor editor, CommandNode command, KickstartTarget target)
    {
        var why = $"install from the Dom0's NFS export {target.NfsSource} (the guest has no CD)";
        if (command.Name != "harddrive")
        {
            return command.Name == "cdrom" ? why : $"install from the Dom0's NFS export {target.NfsSource}, the bundle's tree, instead of {command.Name}";
        }

        var arguments = CommandArguments.Read(command.Line, editor.Dialect);
        var partition = arguments.Option("--partition");
        if (partition is not null && CdDevice().IsMatch(partition))
        {
            return why + $": harddrive --partition={partition} is the CD drive";
        }

        // --partition (or --biospart) names a disk partition holding ISO images: the guest has
        // only the disk virt-install makes (commands/harddrive.py:73-80@r3.74).
        var where = partition is not null ? $"--partition={partition}" : $"--biospart={arguments.Option("--biospart")}";
        editor.Warn(command.Source, $"harddrive {where} is a disk partition the guest does not have: it installs from the Dom0's NFS tree {target.NfsSource} instead; check that the recipe's media are the ones that were there");
        return $"install from the Dom0's NFS export {target.NfsSource}: the guest has no disk with the ISO images of harddrive {where}";
    }

    private static void CheckRepository(DocumentEditor editor, CommandNode repo)
    {
        var baseUrl = CommandArguments.Read(repo.Line, editor.Dialect).Option("--baseurl");
        if (baseUrl is not null && (baseUrl.StartsWith("file:", StringComparison.Ordinal) || baseUrl.StartsWith("cdrom", StringComparison.Ordinal) || baseUrl.StartsWith("hd:", StringComparison.Ordinal)))
        {
            editor.Warn(repo.Source, $"repo --baseurl={baseUrl} points at local media, which the guest does not have: left as it is");
        }
    }

    /// <summary>A CD drive as harddrive --partition names it: the whole device, no partition number.</summary>
    [GeneratedRegex(@"^(?:/dev/)?(?:cdrom[0-9]*|sr[0-9]+|scd[0-9]+|hd[a-z])\z", RegexOptions.CultureInvariant)]
    private static partial Regex CdDevice();
}
