namespace XenBundle.Repository;

/// <summary>
/// The XML nodes that several files held in memory at once may take together: one limit per
/// file would let a medium multiply it by listing the same file from many repositories.
/// </summary>
public sealed class XmlNodeBudget(long total)
{
    public long Total { get; } = total;

    public long Left { get; private set; } = total;

    public void Spend(long nodes) => Left = Math.Max(0, Left - nodes);
}
