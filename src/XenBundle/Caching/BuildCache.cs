using System.Collections.Concurrent;
using System.Text.Json;
using XenBundle.Bundling;
using XenBundle.Media;
using XenBundle.Repository;

namespace XenBundle.Caching;

/// <summary>
/// What a build can remember between runs, under ARTIFACTS/.cache/: per medium (keyed by
/// its <see cref="MediumIdentity"/>, so a changed ISO is a new medium) the SHA-256 of the
/// image and the checksums of its files; per bundle the key of the inputs it was made from
/// and the versions of the files written, so that an unchanged rerun leaves them alone.
/// Everything here can be deleted at any time (Clean does); it only saves work.
/// </summary>
public sealed class BuildCache : IFingerprintCache, IChecksumCache
{
    public const string DirectoryName = ArtifactsDirectory.CacheName;

    private const string DiscDrivePrefix = "disc drive ";

    private readonly string _directory;
    private readonly ConcurrentDictionary<string, MediumRecord> _media = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IMediaSource, string> _identities = new(ReferenceEqualityComparer.Instance);

    public BuildCache(string artifactsDirectory)
    {
        _directory = Path.Combine(artifactsDirectory, DirectoryName);
    }

    /// <summary>
    /// The identity of a medium, computed once per opened medium. A disc drive gets one of its
    /// own for this run only: a new disc in the same drive keeps the device node's inode and
    /// times, so nothing learnt of one disc may be taken for the next (no checksum, fingerprint
    /// or bundle key is remembered for it).
    /// </summary>
    public string IdentityOf(IMediaSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var medium = source.Unshared();
        return _identities.GetOrAdd(medium, m => UnixFileType.Of(m.Location, followSymlinks: true) == UnixFileType.Kind.BlockDevice
            ? DiscDrivePrefix + Guid.NewGuid().ToString("N")
            : MediumIdentity.Of(m));
    }

    public string? Fingerprint(IMediaSource source) => Medium(IdentityOf(source)).Fingerprint;

    public void RememberFingerprint(IMediaSource source, string sha256) => Medium(IdentityOf(source)).Fingerprint = sha256;

    /// <summary>A file's checksum of the given type, if this medium's file was hashed before.</summary>
    public string? Checksum(IMediaSource source, MediaEntry entry, string type)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Medium(IdentityOf(source)).Checksums.GetValueOrDefault(Key(entry, type));
    }

    public void RememberChecksum(IMediaSource source, MediaEntry entry, string type, string checksum)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Medium(IdentityOf(source)).Checksums[Key(entry, type)] = checksum;
    }

    /// <summary>The record of the last bundle written under this name, if any.</summary>
    public BundleRecord? Bundle(string bundleName)
    {
        var path = BundlePath(bundleName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), CacheJsonContext.Default.BundleRecord) : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null; // a damaged or unreadable record only costs a full build
        }
    }

    public void RememberBundle(string bundleName, BundleRecord record) =>
        Write(BundlePath(bundleName), JsonSerializer.SerializeToUtf8Bytes(record, CacheJsonContext.Default.BundleRecord));

    /// <summary>Writes what was learnt about the media this run.</summary>
    public void Save()
    {
        foreach (var (identity, record) in _media)
        {
            if (record.Changed && !identity.StartsWith(DiscDrivePrefix, StringComparison.Ordinal))
            {
                Write(MediumPath(identity), JsonSerializer.SerializeToUtf8Bytes(record.ToFile(), CacheJsonContext.Default.MediumFile));
            }
        }
    }

    // The cache directory is marked as XenBundle's when it is made: Clean removes it whole only then.
    private void Write(string path, byte[] bytes)
    {
        ArtifactsDirectory.CreateMarked(_directory);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    private MediumRecord Medium(string identity) => _media.GetOrAdd(identity, Load);

    private MediumRecord Load(string identity)
    {
        var path = MediumPath(identity);
        try
        {
            if (File.Exists(path) && JsonSerializer.Deserialize(File.ReadAllBytes(path), CacheJsonContext.Default.MediumFile) is { } file)
            {
                return MediumRecord.From(file);
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            // Damaged or unreadable: start afresh, it only costs reading the medium again.
        }

        return new MediumRecord();
    }

    private static string Key(MediaEntry entry, string type) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{type}:{entry.Size}:{entry.Path}");

    private string MediumPath(string identity) => Path.Combine(_directory, "media", identity + ".json");

    private string BundlePath(string bundleName) => Path.Combine(_directory, "bundles", bundleName + ".json");

    /// <summary>What is known of one medium; changes are noted so that only those are saved.</summary>
    private sealed class MediumRecord
    {
        private string? _fingerprint;

        public ObservedDictionary Checksums { get; } = new();

        public bool Changed => Checksums.Changed || FingerprintChanged;

        public string? Fingerprint
        {
            get => _fingerprint;
            set
            {
                FingerprintChanged |= value != _fingerprint;
                _fingerprint = value;
            }
        }

        private bool FingerprintChanged { get; set; }

        public static MediumRecord From(MediumFile file)
        {
            var record = new MediumRecord { _fingerprint = file.ListingFingerprint };
            record.Checksums.Load(file.Checksums);
            return record;
        }

        public MediumFile ToFile() => new(_fingerprint, Checksums.Snapshot());
    }

    private sealed class ObservedDictionary
    {
        private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

        public bool Changed { get; private set; }

        public string? GetValueOrDefault(string key) => _values.GetValueOrDefault(key);

        public string this[string key]
        {
            set
            {
                Changed |= !_values.TryGetValue(key, out var old) || old != value;
                _values[key] = value;
            }
        }

        public void Load(IReadOnlyDictionary<string, string>? values)
        {
            foreach (var (key, value) in values ?? new Dictionary<string, string>())
            {
                _values[key] = value;
            }
        }

        public SortedDictionary<string, string> Snapshot() => new(_values, StringComparer.Ordinal);
    }
}

/// <summary>The saved form of what is known about one medium.</summary>
/// <param name="ListingFingerprint">The medium's fingerprint (<see cref="MediaFingerprint"/>: its listing with content hashes). Named anew when the fingerprint changed meaning, so that a cache from before is not taken for it.</param>
public sealed record MediumFile(string? ListingFingerprint, IReadOnlyDictionary<string, string>? Checksums);

/// <summary>What the last build of a bundle was made from and what it wrote.</summary>
/// <param name="Key">The bundle's key (<see cref="BundleKey"/>), from everything the stages produced.</param>
/// <param name="Outputs">Each artifact's file version when it was written or last found up to date.</param>
/// <param name="RunKey">The key of the inputs as found before any medium is opened (the pipeline's up-to-date check); null in records of older versions.</param>
public sealed record BundleRecord(string Key, IReadOnlyDictionary<string, string> Outputs, string? RunKey = null);

[System.Text.Json.Serialization.JsonSerializable(typeof(MediumFile))]
[System.Text.Json.Serialization.JsonSerializable(typeof(BundleRecord))]
[System.Text.Json.Serialization.JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class CacheJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
