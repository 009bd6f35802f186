using XenBundle.Tests.Support;

namespace XenBundle.Tests.Media.Iso;

/// <summary>The real tools that make the test images and read them back as oracles.</summary>
internal static class IsoTools
{
    /// <summary><c>genisoimage OPTIONS -o IMAGE SOURCE</c>.</summary>
    public static string Genisoimage(string source, string image, params string[] options)
    {
        Tool.Run("genisoimage", ["-quiet", .. options, "-o", image, source]).EnsureSuccess("genisoimage " + string.Join(' ', options));
        return image;
    }

    /// <summary><c>xorriso -as mkisofs OPTIONS -o IMAGE SOURCE</c>.</summary>
    public static string Xorriso(string source, string image, params string[] options)
    {
        Tool.Run("xorriso", ["-as", "mkisofs", .. options, "-o", image, source]).EnsureSuccess("xorriso -as mkisofs " + string.Join(' ', options));
        return image;
    }

    /// <summary>What bsdtar makes of the image: <c>bsdtar -xpf IMAGE -C DIR</c> (modes kept).</summary>
    public static string BsdtarExtract(string image, string directory)
    {
        Directory.CreateDirectory(directory);
        Tool.Run("bsdtar", "-xpf", image, "-C", directory).EnsureSuccess("bsdtar -x");
        return directory;
    }

    /// <summary>What xorriso makes of the image: <c>xorriso -osirrox on -indev IMAGE -extract / DIR</c>.</summary>
    public static string XorrisoExtract(string image, string directory)
    {
        Tool.Run("xorriso", "-osirrox", "on", "-indev", image, "-extract", "/", directory).EnsureSuccess("xorriso -extract");
        return directory;
    }
}
