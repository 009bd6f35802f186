namespace XenBundle.Media.Iso;

/// <summary>
/// One System Use Sharing Protocol entry (IEEE P1281): its two-letter signature
/// and its data (the bytes after the 4-byte header), with the offset it was read from.
/// </summary>
internal sealed record SuspEntry(string Signature, byte[] Data, long Offset);
