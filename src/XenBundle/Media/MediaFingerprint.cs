using System.Security.Cryptography;
using System.Text;
using XenBundle.Tree;

namespace XenBundle.Media;

/// <summary>
/// The SHA-256 that identifies a medium in the manifest: of the image file for an ISO,
/// of a canonical listing (path, kind, mode, target, content hash) for a directory,
/// so that neither depends on where the medium sits on the build machine.
/// </summary>
public static class MediaFingerprint
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IMediaSource, string> Known = new();

    /// <summary>
    /// The fingerprint of a medium, computed once per opened medium (recipes can share one),
    /// and taken from the build cache when the medium has not changed since it was computed.
    /// </summary>
    public static string Of(IMediaSource source, IFingerprintCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var medium = source is ISharedMedium shared ? shared.Inner : source;
        return Known.GetValue(medium, m =>
        {
            if (cache?.Fingerprint(m) is { } known)
            {
                return known;
            }

            var computed = Compute(m);
            cache?.RememberFingerprint(m, computed);
            return computed;
        });
    }

    private static string Compute(IMediaSource source)
    {
        if (File.Exists(source.Location))
        {
            return OfFile(source.Location);
        }

        using var listing = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in source.Entries)
        {
            var hash = entry.Kind == EntryKind.File ? OfStream(source.OpenRead(entry)) : string.Empty;
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
