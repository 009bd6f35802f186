using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// A password in plain text (<c>rootpw secret</c>, <c>rootpw --plaintext secret</c>,
/// <c>user --password=secret</c> without <c>--iscrypted</c>) ends up readable in the bundle,
/// on the export and in the guest's /root/anaconda-ks.cfg: it is reported, never printed.
/// </summary>
public sealed class PlainTextPasswordChecker : KickstartRewriter
{
    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        foreach (var command in editor.Nodes.OfType<CommandNode>())
        {
            if (KickstartSecrets.IsPlainText(command.Line, editor.Dialect))
            {
                editor.Warn(command.Source, $"{command.Name} gives a password in plain text: it is readable in the bundle, on the NFS export and in the guest's /root/anaconda-ks.cfg; give a hash with --iscrypted (openssl passwd -6)");
            }
        }
    }
}
