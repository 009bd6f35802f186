namespace XenBundle.Media;

/// <summary>A view of a medium that other pipelines share; <see cref="Inner"/> is the medium itself.</summary>
public interface ISharedMedium
{
    IMediaSource Inner { get; }
}

public static class SharedMediumExtensions
{
    /// <summary>The medium itself, whether it is lent to this pipeline or its own: what caches and fingerprints are kept by.</summary>
    public static IMediaSource Unshared(this IMediaSource source) => source is ISharedMedium shared ? shared.Inner : source;
}
