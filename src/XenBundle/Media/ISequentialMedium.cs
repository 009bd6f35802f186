namespace XenBundle.Media;

/// <summary>
/// A medium whose files lie at positions in one file (an image): reading them in
/// position order reads it front to back, which is what makes extraction sequential.
/// </summary>
internal interface ISequentialMedium
{
    long PositionOf(MediaEntry entry);
}
