using XenBundle.Media;
using XenBundle.Media.Iso;

namespace XenBundle.Pipeline;

/// <summary>
/// Opens a medium given as a directory or an ISO image file. Here, above both readers, so
/// that the ISO reader can build on the media abstractions without a cycle.
/// </summary>
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
            // Refused before it is opened: opening a FIFO waits for a writer.
            return UnixFileType.Of(path, followSymlinks: true) == UnixFileType.Kind.Other
                ? throw new XenBundleException(path, "a character device, FIFO or socket, not a medium (an ISO image, a disc drive or a directory)")
                : IsoMediaSource.Open(path);
        }

        throw new XenBundleException(path, "no such medium (an ISO image or a directory)");
    }
}
