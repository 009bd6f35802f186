using System.Collections.Concurrent;
using XenBundle.Media;

namespace XenBundle.Tests.Support;

/// <summary>A medium that counts, per file, the times it was opened and the bytes read from it.</summary>
internal sealed class CountingMedium(IMediaSource inner) : IMediaSource
{
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _opens = new(StringComparer.Ordinal);

    public IMediaSource Inner => inner;

    public string Name => inner.Name;

    public string Location => inner.Location;

    public IReadOnlyList<MediaEntry> Entries => inner.Entries;

    public DateTimeOffset RecordedTime => inner.RecordedTime;

    /// <summary>Bytes read per file opened since the last <see cref="Clear"/> (0 for one opened and not read).</summary>
    public IReadOnlyDictionary<string, long> BytesByPath => _bytes;

    /// <summary>Times each file was opened since the last <see cref="Clear"/>.</summary>
    public IReadOnlyDictionary<string, int> OpensByPath => _opens;

    public long TotalRead => _bytes.Values.Sum();

    public int Opened => _opens.Values.Sum();

    public long BytesRead(string path) => _bytes.GetValueOrDefault(path);

    public void Clear()
    {
        _bytes.Clear();
        _opens.Clear();
    }

    public MediaEntry? Find(string path) => inner.Find(path);

    public Stream OpenRead(MediaEntry entry)
    {
        _opens.AddOrUpdate(entry.Path, 1, (_, n) => n + 1);
        _bytes.TryAdd(entry.Path, 0);
        return new CountingStream(inner.OpenRead(entry), read => _bytes.AddOrUpdate(entry.Path, read, (_, n) => n + read));
    }

    public object? StorageOf(MediaEntry entry) => inner.StorageOf(entry);

    public void Dispose() => inner.Dispose();

    private sealed class CountingStream(Stream inner, Action<long> counted) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            counted(read);
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
