using XenBundle.Tree;

namespace XenBundle.Media;

/// <summary>The content of a file on a medium, read from the medium when the bundle is written.</summary>
public sealed class MediaContent(IMediaSource source, MediaEntry entry) : IContent
{
    public IMediaSource Source { get; } = source;

    public MediaEntry Entry { get; } = entry;

    public long Length => Entry.Size;

    public string Origin => $"{Source.Name}:/{Entry.Path}";

    public Stream OpenRead() => Source.OpenRead(Entry);

    public object? Storage => Source.StorageOf(Entry);
}
