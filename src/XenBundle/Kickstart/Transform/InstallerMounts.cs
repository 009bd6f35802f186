using XenBundle.Model;

namespace XenBundle.Kickstart.Transform;

/// <summary>
/// Where the installer itself has the Dom0's export mounted while %pre and
/// <c>%post --nochroot</c> run, for a guest booted the way the bundle boots it (the kickstart
/// says <c>nfs --server=DOM0 --dir=EXPORT</c>; EL7+ also gets <c>inst.repo=nfs:DOM0:EXPORT</c>).
/// A script that copies from there needs no NFS client of its own: EL5's installer image has
/// none (scripts/upd-instroot:108-129@anaconda-11.1.2.263-2 lists no nfs-utils; its loader
/// mounts NFS with its own code).
/// </summary>
public static class InstallerMounts
{
    /// <summary>
    /// The directory holding the export's root in the installer's environment, or null
    /// when none holds it both in %pre and in %post --nochroot:
    /// <list type="bullet">
    /// <item>EL5: <c>/mnt/source</c>. The loader mounts the kickstart's nfs tree there
    /// (loader2/nfsinstall.c:156@anaconda-11.1.2.263-2) and runs the installer image from it
    /// (stage2.img, nfsinstall.c:158-160), so it is there for %pre; NfsInstallMethod
    /// (image.py:371) keeps the no-op filesDone of installmethod.py:55, so "methodcomplete"
    /// leaves it mounted for %post, which runs after it ("methodcomplete" then
    /// "dopostaction", dispatch.py:114-115).</item>
    /// <item>EL6: none. The loader mounts only EXPORT/images at /mnt/stage2
    /// (loader/nfsinstall.c:247-254@anaconda-13.21.263-1); the yum backend mounts the tree at
    /// /mnt/source after %pre (yuminstall.py:526) and unmounts it in complete()
    /// (yuminstall.py:1337-1339), at "methodcomplete", before "postscripts"
    /// (dispatch.py:112-113). Its installer image has mount.nfs (scripts/upd-instroot:477).</item>
    /// <item>EL7, EL8, EL9: <c>/run/install/repo</c>. dracut mounts inst.repo=nfs: there
    /// (dracut/anaconda-lib.sh:63 and anaconda-netroot.sh:63@anaconda-21.48.22.159-1;
    /// anaconda-lib.sh:64, anaconda-netroot.sh:63@anaconda-33.16.10.5-1;
    /// anaconda-lib.sh:78, anaconda-netroot.sh:62@anaconda-34.25.7.19) before anaconda starts,
    /// and runs the installer image from it; the payload takes that mount for the
    /// kickstart's nfs line instead of mounting again (pyanaconda/packaging/__init__.py:1080-1086@anaconda-21.48.22.159-1).</item>
    /// </list>
    /// A script still checks that the directory holds the kickstart CD's files before it
    /// uses it (a guest booted by hand may have another tree there), and mounts the export
    /// itself otherwise.
    /// </summary>
    public static string? Tree(OsRelease os) => os switch
    {
        OsRelease.El5 => "/mnt/source",
        OsRelease.El6 => null,
        _ => "/run/install/repo",
    };
}
