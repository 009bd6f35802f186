using XenBundle.Tree;

namespace XenBundle.Bundling;

/// <summary>
/// The layout of a bundle: <c>install/</c> is the merged tree with the transformed
/// kickstart at <c>install/ks/kickstart.cfg</c>; generated files (dom0/ scripts,
/// README.txt) sit beside it, and the bundle writer adds manifest.json and SHA256SUMS.
/// </summary>
public static class BundleLayout
{
    public const string InstallDirectory = "install";

    /// <summary>The guest's kickstart, below <see cref="InstallDirectory"/>.</summary>
    public const string KickstartPath = "ks/kickstart.cfg";

    /// <summary>
    /// The transformed kickstart's mode: 0644, but group and others read it only when they
    /// could read the source (a kickstart kept 0600 for its root password stays 0600). The
    /// installer reads it as root, over an export without root squash.
    /// </summary>
    public static int KickstartMode(int sourceMode) => UnixMode.Private | (sourceMode & UnixMode.Parse("0044"));

    public static VirtualTree Compose(VirtualTree installTree, byte[] kickstart, VirtualTree extras, int kickstartMode = UnixMode.File)
    {
        ArgumentNullException.ThrowIfNull(installTree);
        ArgumentNullException.ThrowIfNull(extras);

        // install/ is copied alone to the export directory: none of its symlinks may lead out of it.
        SymlinkContainment.Check(installTree);
        var bundle = new VirtualTree();
        bundle.Set(TreeEntry.Directory(InstallDirectory));
        installTree.CopyTo(bundle, InstallDirectory);
        bundle.Set(TreeEntry.File($"{InstallDirectory}/{KickstartPath}", new BytesContent(kickstart, "transformed kickstart"), KickstartMode(kickstartMode)));
        extras.CopyTo(bundle, string.Empty);
        return bundle;
    }
}
