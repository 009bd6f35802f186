using XenBundle.Tree;

namespace XenBundle.Pipeline;

/// <summary>
/// The layout of a bundle (DESIGN.md section 1): <c>install/</c> is the merged tree with
/// the transformed kickstart at <c>install/ks/kickstart.cfg</c>; generated files
/// (dom0/ scripts, README.txt) sit beside it.
/// </summary>
public static class BundleLayout
{
    public const string InstallDirectory = "install";

    public static VirtualTree Compose(VirtualTree installTree, byte[] kickstart, VirtualTree extras)
    {
        ArgumentNullException.ThrowIfNull(installTree);
        ArgumentNullException.ThrowIfNull(extras);

        // install/ is copied alone to the export directory: none of its symlinks may lead out of it.
        SymlinkContainment.Check(installTree);
        var bundle = new VirtualTree();
        bundle.Set(TreeEntry.Directory(InstallDirectory));
        installTree.CopyTo(bundle, InstallDirectory);
        bundle.Set(TreeEntry.File($"{InstallDirectory}/{BundlePipeline.KickstartPath}", new BytesContent(kickstart, "transformed kickstart"), UnixMode.File));
        extras.CopyTo(bundle, string.Empty);
        return bundle;
    }
}
