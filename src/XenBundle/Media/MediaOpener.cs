namespace XenBundle.Media;

/// <summary>Opens a medium given as a directory or an ISO image file.</summary>
public static class MediaOpener
{
    public static IMediaSource Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return new DirectoryMediaSource(path);
        }

        if (File.Exists(path))
        {
            return Iso.IsoMediaSource.Open(path);
        }

        throw new XenBundleException(path, "no such medium (an ISO image or a directory)");
    }
}
