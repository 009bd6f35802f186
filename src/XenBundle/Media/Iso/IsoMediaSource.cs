namespace XenBundle.Media.Iso;

/// <summary>An ISO 9660 image as a read-only file tree (issue 3 fills this in).</summary>
public static class IsoMediaSource
{
    public static IMediaSource Open(string path) =>
        throw new XenBundleException(path, "reading ISO images is not available yet; give the medium as a directory");
}
