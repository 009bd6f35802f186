using XenBundle.Media;

namespace XenBundle.Repository;

/// <summary>
/// Where package checksums are kept between runs, so that an unchanged package is not read
/// whole again for its repodata checksum. Owned here, by its one user
/// (<see cref="PackageScanner"/>); the build cache implements it.
/// </summary>
public interface IChecksumCache
{
    /// <summary>The checksum of this type remembered for the entry, or null when there is none or the medium changed.</summary>
    string? Checksum(IMediaSource source, MediaEntry entry, string type);

    void RememberChecksum(IMediaSource source, MediaEntry entry, string type, string checksum);
}
