using System.Security.Cryptography;
using System.Text;
using XenBundle.Tree;

namespace XenBundle.Media;

/// <summary>
/// The SHA-256 that identifies a medium in the manifest: of its canonical listing (every
/// entry's path, kind, mode, symlink target and content SHA-256), for an image as for a
/// directory, so that it does not depend on where the medium sits on the build machine.
/// The content hashes come from the bundle writer, which computes them anyway as it copies
/// the files: only the files the bundle leaves out (TRANS.TBL, boot catalogs, the media's
/// old metadata, the losing side of a conflict) are read for it, so a medium is not read a
/// second time to be named. (Not the image file's own SHA-256: that would cost one more read
/// of every byte of it.)
/// </summary>
public static class MediaFingerprint
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IMediaSource, string> Known = new();

    /// <summary>
    /// The fingerprint of a medium, computed once per opened medium (recipes can share one),
    /// and taken from the build cache when the medium has not changed since it was computed.
    /// </summary>
    /// <param name="knownSha256">An entry's content SHA-256 when something already computed it, else null (then it is read).</param>
    public static string Of(IMediaSource source, Func<MediaEntry, string?>? knownSha256 = null, IFingerprintCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var medium = source.Unshared();
        return Known.GetValue(medium, m =>
        {
            if (cache?.Fingerprint(m) is { } remembered)
            {
                return remembered;
            }

            var computed = Compute(m, knownSha256 ?? (_ => null));
            cache?.RememberFingerprint(m, computed);
            return computed;
        });
    }

    private static string Compute(IMediaSource source, Func<MediaEntry, string?> knownSha256)
    {
        using var listing = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in source.Entries)
        {
            var hash = entry.Kind == EntryKind.File ? knownSha256(entry) ?? OfStream(source.OpenRead(entry)) : string.Empty;
            var line = $"{entry.Path}\0{entry.Kind}\0{UnixMode.Format(entry.Mode)}\0{entry.SymlinkTarget}\0{hash}\n";
            listing.AppendData(Encoding.UTF8.GetBytes(line));
        }

        return Convert.ToHexStringLower(listing.GetHashAndReset());
    }

    public static string OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return OfStream(stream);
    }

    private static string OfStream(Stream stream)
    {
        using (stream)
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            // Large reads: SHA256.HashData(Stream) reads 4 KiB at a time.
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                int read;
                while ((read = stream.Read(buffer, 0, 1 << 20)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                }

                return Convert.ToHexStringLower(sha.GetHashAndReset());
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
