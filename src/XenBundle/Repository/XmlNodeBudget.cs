namespace XenBundle.Repository;

/// <summary>
/// What several XML files held in memory at once may take together, in nodes and in bytes:
/// a limit per file would let the media multiply it by listing the same file from many
/// repositories, or one from each disc.
/// </summary>
public sealed class XmlNodeBudget(long nodes, long bytes)
{
    public long TotalNodes { get; } = nodes;

    public long TotalBytes { get; } = bytes;

    public long NodesLeft { get; private set; } = nodes;

    public long BytesLeft { get; private set; } = bytes;

    public void Spend(long nodes, long bytes)
    {
        NodesLeft = Math.Max(0, NodesLeft - nodes);
        BytesLeft = Math.Max(0, BytesLeft - bytes);
    }
}
