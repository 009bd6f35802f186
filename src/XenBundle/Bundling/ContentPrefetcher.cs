using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;
using XenBundle.Tree;

namespace XenBundle.Bundling;

/// <summary>
/// Reads and hashes the files of a bundle ahead of the tar writer, on worker threads: a
/// few files are in flight at once, each read in 1 MiB chunks by its own worker, which
/// computes the file's SHA-256 as it goes. The writer takes the chunks in order, so the
/// hashing (the costliest work per byte) runs beside tar and gzip instead of before them.
/// Memory stays bounded: each file in flight holds at most a few chunks.
/// </summary>
internal sealed class ContentPrefetcher : IDisposable
{
    public const int ChunkSize = 1 << 20;
    private const int ChunksPerFile = 4;

    private readonly IReadOnlyList<TreeEntry> _files;
    private readonly Func<TreeEntry, HashAlgorithmName?>? _secondHash;
    private readonly Queue<FileReader> _inFlight = new();
    private readonly int _ahead;
    private int _next;

    /// <param name="secondHash">The second hash to compute of a file as it is read, if any (see <see cref="BundleRequest.SecondHash"/>).</param>
    public ContentPrefetcher(IEnumerable<TreeEntry> files, int filesInFlight, Func<TreeEntry, HashAlgorithmName?>? secondHash = null)
    {
        _files = [.. files.Where(f => f.Kind == EntryKind.File)];
        _secondHash = secondHash;
        _ahead = Math.Max(1, filesInFlight);
        Fill();
    }

    /// <summary>The reader of the next file (in the order given), started if it was not yet.</summary>
    public FileReader Next(TreeEntry expected)
    {
        Fill();
        var reader = _inFlight.Dequeue();
        if (!ReferenceEquals(reader.Entry, expected))
        {
            throw new InvalidOperationException($"prefetch order broken at {expected.Path}");
        }

        Fill();
        return reader;
    }

    public void Dispose()
    {
        while (_inFlight.Count > 0)
        {
            _inFlight.Dequeue().Dispose();
        }
    }

    private void Fill()
    {
        while (_inFlight.Count < _ahead && _next < _files.Count)
        {
            var file = _files[_next++];
            _inFlight.Enqueue(new FileReader(file, _secondHash?.Invoke(file)));
        }
    }

    /// <summary>One file being read and hashed (SHA-256, and a second hash when asked) by a worker.</summary>
    internal sealed class FileReader : IDisposable
    {
        private readonly Channel<(byte[] Buffer, int Length)> _chunks =
            Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(ChunksPerFile) { SingleReader = true, SingleWriter = true });

        private readonly CancellationTokenSource _stop = new();
        private readonly Task<(ContentHashes Hashes, long Length)> _work;
        private readonly HashAlgorithmName? _secondHash;

        public FileReader(TreeEntry entry, HashAlgorithmName? secondHash)
        {
            Entry = entry;
            _secondHash = secondHash;
            _work = Task.Run(Read);
        }

        public TreeEntry Entry { get; }

        /// <summary>Hands each chunk to <paramref name="consume"/> in order; returns the hashes and the length read.</summary>
        public (ContentHashes Hashes, long Length) CopyTo(Action<byte[], int> consume)
        {
            var reader = _chunks.Reader;
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var chunk))
                {
                    try
                    {
                        consume(chunk.Buffer, chunk.Length);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(chunk.Buffer);
                    }
                }
            }

            return _work.GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            _stop.Cancel();
            while (_chunks.Reader.TryRead(out var chunk))
            {
                ArrayPool<byte>.Shared.Return(chunk.Buffer);
            }

            try
            {
                _work.Wait();
            }
            catch (AggregateException)
            {
                // The file was abandoned: the writer already failed for its own reason.
            }

            while (_chunks.Reader.TryRead(out var chunk))
            {
                ArrayPool<byte>.Shared.Return(chunk.Buffer);
            }

            _stop.Dispose();
        }

        private async Task<(ContentHashes, long)> Read()
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var second = _secondHash is { } algorithm ? IncrementalHash.CreateHash(algorithm) : null;
            long total = 0;
            try
            {
                var content = Entry.Content ?? throw new InvalidOperationException($"{Entry.Path} has no content");
                using var input = content.OpenRead();
                while (true)
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                    var read = input.ReadAtLeast(buffer.AsSpan(0, ChunkSize), ChunkSize, throwOnEndOfStream: false);
                    if (read == 0)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        break;
                    }

                    if (second is null)
                    {
                        sha.AppendData(buffer, 0, read);
                    }
                    else
                    {
                        // Two hashes of one chunk, on two cores when they are free: each is a pass
                        // over the bytes as long as reading and writing them (EL5's SHA-1 beside SHA-256).
                        var other = Task.Run(() => second.AppendData(buffer, 0, read));
                        sha.AppendData(buffer, 0, read);
                        await other.ConfigureAwait(false);
                    }
                    total += read;
                    await _chunks.Writer.WriteAsync((buffer, read), _stop.Token).ConfigureAwait(false);
                }

                _chunks.Writer.TryComplete();
                var hashes = new ContentHashes(Convert.ToHexStringLower(sha.GetHashAndReset()), second is null ? null : Convert.ToHexStringLower(second.GetHashAndReset()));
                return (hashes, total);
            }
            catch (Exception ex)
            {
                _chunks.Writer.TryComplete(ex);
                throw;
            }
        }
    }
}
