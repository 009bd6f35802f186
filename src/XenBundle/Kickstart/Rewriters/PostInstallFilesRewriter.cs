using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Rule 3, the copy: a first <c>%post --nochroot</c> mounts the Dom0's export (read-only,
/// <c>nolock</c>: the installer runs no lock daemon) under /tmp and copies the kickstart CD's
/// own top-level files and directories (known at build time, the distribution's left out)
/// to /tmp/postinstall_files of the new system, where the later %post scripts find them.
/// It runs before every other %post because the installer runs them in file order.
/// </summary>
public sealed class PostInstallFilesRewriter : KickstartRewriter
{
    public const string MountPoint = "/tmp/xenbundle-nfs";
    public const string Destination = "/tmp/postinstall_files";

    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        if (context.PostInstallFiles is not { } files)
        {
            editor.Warn(LineRef.Added, $"the kickstart CD's files are not known (its media were not read): no %post copies them to {Destination}");
            return;
        }

        var names = files.Where(IsCopyable).Order(StringComparer.Ordinal).ToList();
        foreach (var skipped in files.Where(f => !IsCopyable(f)))
        {
            editor.Warn(LineRef.Added, $"'{KickstartText.Printable(skipped)}' on the kickstart CD is not copied to {Destination}: its name is not a plain file name");
        }

        if (names.Count == 0)
        {
            return;
        }

        var firstPost = editor.Nodes.FindIndex(n => n is SectionNode { Keyword: KickstartSections.Post });
        var at = firstPost < 0 ? editor.Nodes.Count : firstPost;
        var stage = Generated.Section(
            editor.Dialect,
            editor.NewLine,
            [TextLine.Added(string.Empty, editor.NewLine), .. Generated.Comments(editor.NewLine, "xenbundle: the guest has no CD: copy the kickstart CD's files from the Dom0's NFS export")],
            $"%post --nochroot --log=/mnt/sysimage/root/xenbundle-postinstall-files.log",
            Script(context.Target.NfsSource, names));
        editor.Insert(at, [stage], $"copy the kickstart CD's files ({string.Join(", ", names.Select(KickstartText.Printable))}) from {context.Target.NfsSource} to {Destination}");
    }

    /// <summary>The script: POSIX sh (the installer's /bin/sh), every failure said and passed on.</summary>
    private static IEnumerable<string> Script(string nfsSource, IReadOnlyList<string> names)
    {
        yield return $"source={ShellQuoting.ForShell(nfsSource)}";
        yield return $"mnt={MountPoint}";
        yield return $"target=/mnt/sysimage{Destination}";
        yield return "mkdir -p \"$mnt\" \"$target\" || exit 1";
        yield return "if ! mount -t nfs -o ro,nolock \"$source\" \"$mnt\"; then";
        yield return "    echo \"xenbundle: cannot mount $source\" >&2";
        yield return "    exit 1";
        yield return "fi";
        yield return "status=0";
        yield return $"for item in {string.Join(' ', names.Select(n => ShellQuoting.ForShell(KickstartText.FromUnicode(n))))}; do";
        yield return "    cp -a \"$mnt/$item\" \"$target/\" || { echo \"xenbundle: cannot copy $item\" >&2; status=1; }";
        yield return "done";
        yield return "umount \"$mnt\" || status=1";
        yield return "exit \"$status\"";
    }

    /// <summary>A top-level name the script can carry safely: no slash, no control character, not "." or "..".</summary>
    private static bool IsCopyable(string name) =>
        name.Length > 0 && name is not ("." or "..") && !name.Contains('/', StringComparison.Ordinal) && !name.Any(char.IsControl);
}
