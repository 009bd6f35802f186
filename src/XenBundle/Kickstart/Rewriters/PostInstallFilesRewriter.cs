using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;
using XenBundle.Recipes;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Rule 3, the copy: a first <c>%post --nochroot</c> takes the Dom0's export from the
/// installer's own mount of it (<see cref="InstallerMounts"/>), else mounts it under /tmp
/// (read-only, <c>nolock</c>: the installer runs no lock daemon), and copies the kickstart CD's
/// own top-level files and directories (known at build time, the distribution's left out)
/// to /tmp/postinstall_files of the new system, where the later %post scripts find them.
/// It runs before every other %post because the installer runs them in file order.
/// </summary>
public sealed class PostInstallFilesRewriter : KickstartRewriter
{
    public const string MountPoint = "/tmp/xenbundle-nfs";
    public const string Destination = "/tmp/postinstall_files";

    /// <summary>
    /// The names the copy stage copies, in its order; null when the kickstart CD's files are
    /// not known (stand-alone use), empty when it has none (then there is no copy stage).
    /// </summary>
    public static IReadOnlyList<string>? CopiedNames(RewriteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.PostInstallFiles?.Where(IsCopyable).Order(StringComparer.Ordinal).ToList();
    }

    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        if (context.PostInstallFiles is not { } files || CopiedNames(context) is not { } names)
        {
            editor.Warn(LineRef.Added, $"the kickstart CD's files are not known (its media were not read): no %post copies them to {Destination}");
            return;
        }

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
        var installerTree = InstallerMounts.Tree(context.Target.Os);
        var stage = Generated.Section(
            editor.Dialect,
            editor.NewLine,
            [TextLine.Added(string.Empty, editor.NewLine), .. Generated.Comments(editor.NewLine, "xenbundle: the guest has no CD: copy the kickstart CD's files from the Dom0's NFS export")],
            // --erroronfail: without it the installer only logs a failing script and the install
            // "succeeds" without the site files. Every release takes it (pykickstart
            // parser.py:1046@r0.43.1-1 and anaconda kickstart.py:93@anaconda-11.1.2.263-2 for EL5,
            // sections.py:165@r3.74 and kickstart.py:119@anaconda-13.21.263-1 later): the install
            // stops with a message naming the script's log.
            $"%post --nochroot --erroronfail --log=/mnt/sysimage/root/xenbundle-postinstall-files.log",
            Script(context.Target.NfsSource, installerTree, names));
        var from = installerTree is null ? context.Target.NfsSource.ToString() : $"{context.Target.NfsSource} (the installer's mount {installerTree} when it holds them, else mounted over NFS)";
        editor.Insert(at, [stage], $"copy the kickstart CD's files ({string.Join(", ", names.Select(KickstartText.Printable))}) from {from} to {Destination}");

        // The copy holds the CD's own kickstart (a root password hash) and site files: it is
        // root's only (0700) and goes after the last of the kickstart's own %post scripts, so
        // that no user of the installed system can read it in /tmp.
        var cleanup = Generated.Section(
            editor.Dialect,
            editor.NewLine,
            [TextLine.Added(string.Empty, editor.NewLine), .. Generated.Comments(editor.NewLine, "xenbundle: remove the copy of the kickstart CD's files")],
            KickstartSections.Post,
            [$"rm -rf {Destination}"]);
        editor.Insert(editor.Nodes.Count, [cleanup], $"remove {Destination} after the last %post: it holds the CD's kickstart and site files");
    }

    /// <summary>
    /// The script: POSIX sh (the installer's /bin/sh), every failure said and passed on. It
    /// copies from the installer's own mount of the export when that holds every name (so
    /// that it is this bundle's tree), else it mounts the export read-only with <c>nolock</c>
    /// (the installer runs no lock daemon); when neither works it says so and fails.
    /// </summary>
    public static IEnumerable<string> Script(NfsSource nfsSource, string? installerTree, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        yield return $"source={ShellQuoting.ForShell(nfsSource.ToString())}";
        yield return $"mnt={MountPoint}";
        yield return $"target=/mnt/sysimage{Destination}";
        yield return $"set -- {string.Join(' ', names.Select(n => ShellQuoting.ForShell(KickstartText.FromUnicode(n))))}";
        yield return "{ mkdir -p \"$target\" && chmod 0700 \"$target\"; } || exit 1";
        if (installerTree is null)
        {
            yield return "from=";
        }
        else
        {
            yield return "# the installer has the export mounted here already: use it when it holds every name";
            yield return $"from={installerTree}";
            yield return "for item in \"$@\"; do";
            yield return $"    [ -e \"{installerTree}/$item\" ] || from=";
            yield return "done";
        }

        yield return "mounted=no";
        yield return "if [ -z \"$from\" ]; then";
        yield return "    from=$mnt";
        yield return "    mkdir -p \"$mnt\" || exit 1";
        yield return "    if ! mount -t nfs -o ro,nolock \"$source\" \"$mnt\"; then";
        yield return installerTree is null
            ? "        echo \"xenbundle: cannot mount $source: the kickstart CD's files are not copied\" >&2"
            : $"        echo \"xenbundle: {installerTree} does not hold the kickstart CD's files and $source cannot be mounted: they are not copied\" >&2";
        yield return "        exit 1";
        yield return "    fi";
        yield return "    mounted=yes";
        yield return "fi";
        yield return "status=0";
        yield return "for item in \"$@\"; do";
        yield return "    cp -a \"$from/$item\" \"$target/\" || { echo \"xenbundle: cannot copy $item\" >&2; status=1; }";
        yield return "done";
        yield return "if [ \"$mounted\" = yes ]; then";
        yield return "    umount \"$mnt\" || status=1";
        yield return "fi";
        yield return "exit \"$status\"";
    }

    /// <summary>A top-level name the script can carry safely: no slash, no control character, not "." or "..".</summary>
    private static bool IsCopyable(string name) =>
        name.Length > 0 && name is not ("." or "..") && !name.Contains('/', StringComparison.Ordinal) && !name.Any(char.IsControl);
}
