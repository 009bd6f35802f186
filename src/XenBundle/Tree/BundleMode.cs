namespace XenBundle.Tree;

/// <summary>
/// The permission bits an entry may carry into a bundle. The bundle is unpacked and copied
/// to the export directory as root, so a bit from the media would take effect on the Dom0:
/// setuid, setgid and sticky bits are dropped, nothing is writable by others, and a
/// directory is at most 0755. Narrower modes (0600, 0700) stay as narrow as they were.
/// </summary>
public static class BundleMode
{
    private const int FileMask = 0x1FD; // 0775: no setuid, setgid, sticky or write for others

    private const int DirectoryMask = 0x1ED; // 0755

    public static int Of(EntryKind kind, int mode) => kind switch
    {
        EntryKind.Directory => mode & DirectoryMask,
        EntryKind.Symlink => UnixMode.Symlink, // the kernel ignores a symlink's own mode
        _ => mode & FileMask,
    };

    /// <summary>The entry with its mode narrowed, or the entry itself when it was already within bounds.</summary>
    public static TreeEntry Narrow(TreeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var mode = Of(entry.Kind, entry.Mode);
        return mode == entry.Mode ? entry : entry with { Mode = mode };
    }
}
