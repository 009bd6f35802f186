using System.Security.Cryptography;
using XenBundle.Model;

namespace XenBundle.Repository;

/// <summary>
/// The checksum the repository metadata uses: SHA-1 (<c>sha</c>) for EL5, SHA-256 for the
/// rest. EL5's yum runs on Python 2.4, which has no hashlib; yum then falls back to the old
/// md5 and sha modules and knows md5 and sha1 only (yum's yum/misc.py, the
/// "Python-2.4.z ... gah!" branch, lines 45-49 at commit 021c90a).
/// </summary>
public enum ChecksumType
{
    Sha1,
    Sha256,
}

public static class ChecksumTypes
{
    public static ChecksumType For(OsRelease os) => os == OsRelease.El5 ? ChecksumType.Sha1 : ChecksumType.Sha256;

    /// <summary>The name repomd.xml and primary.xml write (<c>sha</c>, as createrepo does for SHA-1).</summary>
    public static string ToName(this ChecksumType type) => type == ChecksumType.Sha1 ? "sha" : "sha256";

    public static HashAlgorithmName Algorithm(this ChecksumType type) => type == ChecksumType.Sha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;

    public static IncrementalHash CreateHash(this ChecksumType type) => IncrementalHash.CreateHash(type.Algorithm());

    public static string Hex(this ChecksumType type, ReadOnlySpan<byte> bytes) =>
        Convert.ToHexStringLower(type == ChecksumType.Sha1 ? SHA1.HashData(bytes) : SHA256.HashData(bytes));
}
