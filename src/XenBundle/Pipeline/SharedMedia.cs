using XenBundle.Media;

namespace XenBundle.Pipeline;

/// <summary>
/// Opens each medium once for a whole run, so that recipes sharing an ISO read it once:
/// the pipelines get views that do not close it, and the run closes everything at the end.
/// Fingerprints (SHA-256 of a whole image) are computed once per medium too.
/// </summary>
public sealed class SharedMedia : IDisposable
{
    private readonly Dictionary<string, IMediaSource> _open = new(StringComparer.Ordinal);
    private readonly Func<string, IMediaSource> _opener;

    public SharedMedia(Func<string, IMediaSource>? opener = null)
    {
        _opener = opener ?? MediaOpener.Open;
    }

    public IMediaSource Open(string path)
    {
        var key = Path.GetFullPath(path);
        lock (_open)
        {
            if (!_open.TryGetValue(key, out var source))
            {
                source = _opener(key);
                _open[key] = source;
            }

            return new Borrowed(source);
        }
    }

    public void Dispose()
    {
        foreach (var source in _open.Values)
        {
            source.Dispose();
        }

        _open.Clear();
    }

    /// <summary>A medium lent to one pipeline: everything but Dispose goes to the shared one.</summary>
    private sealed class Borrowed(IMediaSource inner) : IMediaSource, ISharedMedium
    {
        public string Name => inner.Name;

        public string Location => inner.Location;

        public IReadOnlyList<MediaEntry> Entries => inner.Entries;

        public DateTimeOffset RecordedTime => inner.RecordedTime;

        public IMediaSource Inner => inner;

        public MediaEntry? Find(string path) => inner.Find(path);

        public Stream OpenRead(MediaEntry entry) => inner.OpenRead(entry);

        public string LocationOf(MediaEntry entry) => inner.LocationOf(entry);

        public object? StorageOf(MediaEntry entry) => inner.StorageOf(entry);

        public IReadOnlyList<string> Skipped => inner.Skipped;

        public void Dispose()
        {
        }
    }
}
