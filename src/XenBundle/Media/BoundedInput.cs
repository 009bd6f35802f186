using System.Globalization;
using System.Text;

namespace XenBundle.Media;

/// <summary>
/// Reads an input file of the build machine (a recipe, a kickstart) whole, within a size
/// limit: what is not a regular file, once symlinks are followed, is refused before it is
/// opened (opening a FIFO waits for a writer; /dev/zero never ends, and its size is 0), and
/// no more than the limit is read even if the file grows while it is read.
/// </summary>
public static class BoundedInput
{
    /// <summary>
    /// Whether a path names something that can be opened without waiting or reading without
    /// end: a regular file (after symlinks), or, with <paramref name="blockDeviceToo"/>, a
    /// disc drive. A FIFO, a socket or a character device is refused before it is opened.
    /// </summary>
    public static bool IsOpenable(string path, bool blockDeviceToo = false) =>
        UnixFileType.Of(path, followSymlinks: true) switch
        {
            UnixFileType.Kind.Regular or UnixFileType.Kind.Unknown => true,
            UnixFileType.Kind.BlockDevice => blockDeviceToo,
            _ => false,
        };

    /// <param name="where">How messages name the file.</param>
    /// <param name="what">What the file is, for messages: <c>recipe</c>, <c>kickstart</c>.</param>
    public static byte[] ReadFile(string path, string where, long maxBytes, string what, int exitCode = ExitCode.BuildFailed)
    {
        ArgumentNullException.ThrowIfNull(path);
        var kind = UnixFileType.Of(path, followSymlinks: true);
        if (kind is not (UnixFileType.Kind.Regular or UnixFileType.Kind.Unknown))
        {
            var found = kind == UnixFileType.Kind.Directory ? "a directory" : "a device, FIFO or socket";
            throw new XenBundleException(where, $"not a regular file but {found}: a {what} is read from a regular file", exitCode);
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            if (stream.Length > maxBytes)
            {
                throw TooLarge(where, stream.Length.ToString(CultureInfo.InvariantCulture), maxBytes, what, exitCode);
            }

            return Read(stream, where, maxBytes, what, exitCode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new XenBundleException(where, $"cannot read the {what}: {e.Message}", exitCode, e);
        }
    }

    /// <summary>The file as text: UTF-8 unless a byte order mark says otherwise, as <see cref="File.ReadAllText(string)"/> reads it.</summary>
    public static string ReadText(string path, string where, long maxBytes, string what, int exitCode = ExitCode.BuildFailed)
    {
        using var reader = new StreamReader(new MemoryStream(ReadFile(path, where, maxBytes, what, exitCode)), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>A whole stream, refused as soon as it passes <paramref name="maxBytes"/>.</summary>
    public static byte[] Read(Stream stream, string where, long maxBytes, string what, int exitCode = ExitCode.BuildFailed)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (copy.Length + read > maxBytes)
            {
                throw TooLarge(where, "more than " + maxBytes.ToString(CultureInfo.InvariantCulture), maxBytes, what, exitCode);
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    private static XenBundleException TooLarge(string where, string size, long maxBytes, string what, int exitCode)
    {
        var limit = maxBytes % (1 << 20) == 0 ? $"{maxBytes >> 20} MiB" : maxBytes.ToString(CultureInfo.InvariantCulture) + " bytes";
        return new XenBundleException(where, $"{size} bytes: larger than any {what} ({limit} at most)", exitCode);
    }
}
