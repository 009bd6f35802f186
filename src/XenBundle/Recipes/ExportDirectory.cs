namespace XenBundle.Recipes;

/// <summary>
/// Which directories may be <c>dom0.export</c>. setup.sh copies the install tree into it as
/// root and exports it with <c>no_root_squash</c>; <c>teardown.sh --remove-tree</c> deletes it.
/// So it must be a directory of its own: absolute, written plainly, at least two levels
/// deep, and neither a system directory nor inside one.
/// </summary>
public static class ExportDirectory
{
    /// <summary>The export when the recipe names none (<c>dom0.export</c>).</summary>
    public const string Default = "/var/xen/install";

    /// <summary>
    /// Directories the system, its users or its guests own: the tree must not land in them
    /// (files replaced as root, secrets exported) nor be deleted with them. setup.sh refuses
    /// them for <c>EXPORT_DIR</c> too, after resolving symbolic links.
    /// </summary>
    public static readonly IReadOnlyList<string> SystemDirectories =
    [
        "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32",
        "/lost+found", "/proc", "/root", "/run", "/sbin", "/selinux", "/sys", "/usr",
        "/var/cache", "/var/db", "/var/empty", "/var/lib/containers", "/var/lib/dnf", "/var/lib/docker",
        "/var/lib/libvirt", "/var/lib/mysql", "/var/lib/nfs", "/var/lib/pgsql", "/var/lib/rpm",
        "/var/lib/systemd", "/var/lib/xen/images", "/var/lib/yum", "/var/lock", "/var/log", "/var/mail",
        "/var/run", "/var/spool",
    ];

    /// <summary>
    /// Directories every local user may write: someone could prepare the export directory
    /// there before setup.sh runs and change the tree the guest installs from. Refused in the
    /// recipe only: <c>EXPORT_DIR</c> is root's own choice on the Dom0 (the tests use it so).
    /// </summary>
    public static readonly IReadOnlyList<string> SharedDirectories = ["/tmp", "/var/tmp"];

    /// <summary>
    /// Why <paramref name="path"/> cannot be the export, or null when it can: a system
    /// directory, one inside it, or one that holds it (<c>/var/lib</c> holds <c>/var/lib/nfs</c>).
    /// </summary>
    public static string? Problem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            return "is not an absolute path";
        }

        if (Plain(path) != path)
        {
            return $"is not a plain path (no '.', '..', '//' or trailing '/'): write it as {Plain(path)}";
        }

        if (Containing(path, SystemDirectories) is { } system)
        {
            return $"{(system == path ? "is a system directory" : $"lies inside {system}, a system directory")}: setup.sh would copy the install tree into it as root and teardown.sh --remove-tree would delete it; use a directory of its own, like {Default}";
        }

        if (SystemDirectories.FirstOrDefault(d => d.StartsWith(path + "/", StringComparison.Ordinal)) is { } held)
        {
            return $"holds {held}, a system directory: teardown.sh --remove-tree would delete it and setup.sh's copy would replace what it holds; use a directory of its own, like {Default}";
        }

        if (path.Count(c => c == '/') < 2)
        {
            return $"must be at least two levels deep (like /srv/xen or {Default}): a top-level directory holds more than the install tree, and teardown.sh --remove-tree deletes the export";
        }

        if (Containing(path, SharedDirectories) is { } shared)
        {
            return $"lies inside {shared}, which every local user may write: one could prepare the directory before setup.sh and change what the guest installs; use a directory of its own, like {Default}";
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="path"/>, however it is spelt ('//', a trailing '/'), is the export
    /// directory <paramref name="export"/> (a plain path) or lies inside it.
    /// </summary>
    public static bool Holds(string export, string path)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(path);
        var plain = Plain(path);
        return plain == export || plain.StartsWith(export + "/", StringComparison.Ordinal);
    }

    /// <summary>The directory of <paramref name="directories"/> that is <paramref name="path"/> or holds it.</summary>
    private static string? Containing(string path, IEnumerable<string> directories) =>
        directories.FirstOrDefault(d => path == d || path.StartsWith(d + "/", StringComparison.Ordinal));

    /// <summary>The path with '.', '..', '//' and a trailing '/' resolved as the kernel would (without links).</summary>
    private static string Plain(string path)
    {
        var kept = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                if (kept.Count > 0)
                {
                    kept.RemoveAt(kept.Count - 1);
                }
            }
            else if (part is not ("" or "."))
            {
                kept.Add(part);
            }
        }

        return "/" + string.Join('/', kept);
    }
}
