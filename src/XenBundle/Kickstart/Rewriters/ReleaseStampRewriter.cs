using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;
using XenBundle.Model;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Rule 8: the kickstart says what made it (a header comment: recipe, version, the
/// source's SHA-256) and the guest says what it was built from (/etc/xenbundle-release,
/// written by a last %post).
/// </summary>
public sealed class ReleaseStampRewriter : KickstartRewriter
{
    public const string ReleaseFile = "/etc/xenbundle-release";

    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        var target = context.Target;
        var name = KickstartText.Printable(target.Name);
        var version = KickstartText.Printable(target.Version);
        var header = Generated.Comments(
            editor.NewLine,
            $"xenbundle: {name} {version} ({target.Os.ToName()}, {target.Virt.ToName()}), made by XenBundle from a kickstart CD",
            $"xenbundle: source {KickstartText.Printable(editor.FileName)}, SHA-256 {context.SourceSha256}");
        editor.PrependTrivia(0, header);
        editor.Changed(new LineRef(editor.FileName, 1), string.Empty, string.Concat(header.Select(l => l.Text + l.Ending)), "what made this kickstart: the recipe, its version and the source's SHA-256");

        var release = Generated.Section(
            editor.Dialect,
            editor.NewLine,
            [TextLine.Added(string.Empty, editor.NewLine), .. Generated.Comments(editor.NewLine, "xenbundle: record what this guest was built from")],
            KickstartSections.Post,
            [$"printf '%s\\n' {ShellQuoting.ForShell("NAME=" + name)} {ShellQuoting.ForShell("VERSION=" + version)} > {ReleaseFile}"]);
        editor.Insert(editor.Nodes.Count, [release], $"{ReleaseFile}: the guest records its recipe ({name}) and version ({version})");
    }
}
