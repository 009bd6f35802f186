namespace XenBundle.Tests.Provisioning;

/// <summary>
/// Small install trees that current virt-install accepts as a --location: a .treeinfo
/// with [general] family and version (it detects the distribution from them) and the
/// images the install type needs. The images are a few bytes: virt-install copies the
/// kernel and initrd but never looks inside.
/// </summary>
internal static class InstallTrees
{
    /// <summary>A CentOS 5.11 i386 tree that has only Xen images, so a PV boot can only have used them.</summary>
    public static string El5Xen(string directory)
    {
        Write(directory, ".treeinfo", """
            [general]
            family = CentOS
            timestamp = 1412018839.38
            variant =
            totaldiscs = 1
            version = 5.11
            discnum = 1
            packagedir = CentOS
            arch = i386

            [images-xen]
            kernel = images/xen/vmlinuz
            initrd = images/xen/initrd.img

            [stage2]
            mainimage = images/stage2.img
            """);
        Write(directory, "images/xen/vmlinuz", "fake xen kernel\n");
        Write(directory, "images/xen/initrd.img", "fake xen initrd\n");
        Write(directory, "images/stage2.img", "fake stage2\n");
        return directory;
    }

    /// <summary>A CentOS 7 x86_64 tree with the PXE boot images an HVM or KVM guest boots.</summary>
    public static string El7(string directory)
    {
        Write(directory, ".treeinfo", """
            [general]
            family = CentOS
            timestamp = 1603734897.23
            variant =
            version = 7
            packagedir =
            arch = x86_64

            [images-x86_64]
            kernel = images/pxeboot/vmlinuz
            initrd = images/pxeboot/initrd.img

            [stage2]
            mainimage = LiveOS/squashfs.img
            """);
        Write(directory, "images/pxeboot/vmlinuz", "fake kernel\n");
        Write(directory, "images/pxeboot/initrd.img", "fake initrd\n");
        Write(directory, "LiveOS/squashfs.img", "fake stage2\n");
        return directory;
    }

    private static void Write(string directory, string relative, string text)
    {
        var path = Path.Combine(directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + (text.EndsWith('\n') ? string.Empty : "\n"));
    }
}
