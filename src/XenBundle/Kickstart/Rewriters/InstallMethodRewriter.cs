using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Rule 1: the guest installs from the Dom0's NFS export. The first install method
/// (<c>cdrom</c>, <c>url</c>, <c>harddrive</c>, ...) becomes <c>nfs --server=DOM0 --dir=EXPORT</c>
/// in place; any other is disabled (two methods pass validation, so the installer would
/// not complain about a <c>cdrom</c> left behind). Repositories on local media are reported.
/// </summary>
public sealed class InstallMethodRewriter : KickstartRewriter
{
    /// <summary>Install methods of every release (liveimg is EL7+; the validator reports it elsewhere).</summary>
    private static readonly IReadOnlySet<string> Methods = new HashSet<string>(StringComparer.Ordinal) { "cdrom", "harddrive", "nfs", "url", "liveimg" };

    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        var nfs = $"nfs --server={context.Target.Dom0Address} --dir={context.Target.Export}";
        var why = $"install from the Dom0's NFS export {context.Target.NfsSource} (the guest has no CD)";
        var found = false;
        for (var i = 0; i < editor.Nodes.Count; i++)
        {
            if (editor.Nodes[i] is not CommandNode command || !Methods.Contains(command.Name))
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
                editor.ReplaceCommand(i, line, why);
            }
        }

        if (!found)
        {
            editor.Insert(editor.CommandAreaEnd(), [Generated.Command(nfs, editor.NewLine)], why);
        }
    }

    private static void CheckRepository(DocumentEditor editor, CommandNode repo)
    {
        var baseUrl = CommandArguments.Read(repo.Line, editor.Dialect).Option("--baseurl");
        if (baseUrl is not null && (baseUrl.StartsWith("file:", StringComparison.Ordinal) || baseUrl.StartsWith("cdrom", StringComparison.Ordinal) || baseUrl.StartsWith("hd:", StringComparison.Ordinal)))
        {
            editor.Warn(repo.Source, $"repo --baseurl={baseUrl} points at local media, which the guest does not have: left as it is");
        }
    }
}
