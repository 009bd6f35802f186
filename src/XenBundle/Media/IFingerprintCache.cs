namespace XenBundle.Media;

/// <summary>
/// Where a medium's fingerprint is kept between runs, so that an unchanged medium is not
/// read again to fingerprint it. Owned here, by its one user (<see cref="MediaFingerprint"/>);
/// the build cache implements it.
/// </summary>
public interface IFingerprintCache
{
    /// <summary>The fingerprint remembered for this medium, or null when there is none or the medium changed.</summary>
    string? Fingerprint(IMediaSource source);

    void RememberFingerprint(IMediaSource source, string sha256);
}
