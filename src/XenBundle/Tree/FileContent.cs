namespace XenBundle.Tree;

/// <summary>The content of a file on the build machine, read when the bundle is written.</summary>
public sealed class FileContent(string path, long length, string origin) : IContent
{
    public string Path { get; } = path;

    public long Length { get; } = length;

    public string Origin { get; } = origin;

    public Stream OpenRead() =>
        new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
}
