using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Rule 9: when the kickstart CD's packages are a repository of their own in the tree (EL8
/// and EL9, whose BaseOS and AppStream repositories are kept as the DVD has them), the
/// installer is told of it with <c>repo --name=xenbundle --baseurl=nfs://DOM0:EXPORT/DIR</c>.
/// The URL form is the one anaconda's payloads mount for an added repository: they take
/// what follows <c>nfs://</c> up to the first colon as the server and the rest as the path
/// (<c>nfs:DOM0:/path</c>, the form of inst.repo=, is not mounted there). No
/// <c>--install</c>: the export is gone once the guest is installed. A <c>repo</c> line of
/// the same name in the source is replaced. None for an image install (<c>liveimg</c>).
/// </summary>
public sealed class PackageRepositoryRewriter : KickstartRewriter
{
    /// <summary>The repository's name (its dnf id) in the installer.</summary>
    public const string RepositoryName = "xenbundle";

    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        // An image install (liveimg) takes no packages and reads no repo line: the report
        // says so where the install method is kept.
        if (context.Target.PackageRepository is not { } directory || InstallMethodRewriter.InstallsImage(editor.Nodes))
        {
            return;
        }

        var line = $"repo --name={RepositoryName} --baseurl={BaseUrl(context.Target, directory)}";
        var why = $"the kickstart CD's packages are the repository {directory}/ of the install tree";
        for (var i = 0; i < editor.Nodes.Count; i++)
        {
            if (editor.Nodes[i] is CommandNode { Name: "repo" } repo
                && CommandArguments.Read(repo.Line, editor.Dialect).Option("--name") == RepositoryName)
            {
                var replaced = repo.Line.ReplacedBy(line);
                if (replaced.Print() != repo.Line.Print())
                {
                    editor.ReplaceCommand(i, replaced, why);
                }

                return;
            }
        }

        editor.Insert(editor.CommandAreaEnd(), [Generated.Command(line, editor.NewLine)], why);
    }

    /// <summary><c>nfs://DOM0:EXPORT/DIR</c>: anaconda mounts DOM0:EXPORT/DIR for the repository.</summary>
    public static string BaseUrl(KickstartTarget target, string directory)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.NfsSource.Url(directory);
    }
}
