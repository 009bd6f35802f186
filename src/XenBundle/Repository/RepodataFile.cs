namespace XenBundle.Repository;

/// <summary>
/// One file of the generated repodata/ and its repomd.xml record: where it goes, its bytes,
/// the checksum of those bytes and, for compressed files, of the uncompressed content.
/// </summary>
public sealed record RepodataFile(string Type, string Path, ReadOnlyMemory<byte> Bytes, string Checksum, string? OpenChecksum, long? OpenSize)
{
    public long Size => Bytes.Length;
}
