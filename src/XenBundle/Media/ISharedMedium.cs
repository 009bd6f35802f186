namespace XenBundle.Media;

/// <summary>A view of a medium that other pipelines share; <see cref="Inner"/> is the medium itself.</summary>
public interface ISharedMedium
{
    IMediaSource Inner { get; }
}
