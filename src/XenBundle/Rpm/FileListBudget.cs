using System.Globalization;

namespace XenBundle.Rpm;

/// <summary>
/// Bounds the file list rebuilt from a header's directory and base names. Each path joins a
/// shared directory name to a base name, so a header can name one long directory for a
/// million files and make its file list a million times longer than its data. The paths
/// may come to four times the header's data and a MiB (in a real package each file also
/// carries a digest, a size, a mode, a time and owners in that data), each shorter than PATH_MAX.
/// For the same reason there is at most one file for every 16 bytes of data: a real file's
/// entries take three times that (owner and group names, a digest, size, mode, time, flags).
/// </summary>
internal sealed class FileListBudget(int dataSize, string origin)
{
    /// <summary>Linux's PATH_MAX, with its terminating NUL.</summary>
    public const int MaxPath = 4096;

    private const int Slack = 1 << 20;

    private const int BytesPerFile = 16;

    private readonly long _limit = 4L * dataSize + Slack;
    private long _spent;

    public void Count(int files)
    {
        if (files > dataSize / BytesPerFile + 1024)
        {
            throw new XenBundleException(origin, string.Create(CultureInfo.InvariantCulture, $"{files} files in {dataSize} bytes of header data, fewer than real files take (corrupt or hostile package)"));
        }
    }

    public void Spend(int pathLength, int files)
    {
        if (pathLength >= MaxPath)
        {
            throw new XenBundleException(origin, $"a file path of {pathLength} characters: longer than any path (PATH_MAX is {MaxPath}) (corrupt package)");
        }

        _spent += pathLength;
        if (_spent > _limit)
        {
            throw new XenBundleException(origin, string.Create(CultureInfo.InvariantCulture, $"the {files} file paths of the header come to more than {_limit} characters, from {dataSize} bytes of header data (corrupt or hostile package)"));
        }
    }
}
