using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace XenBundle.Bundling;

/// <summary>
/// A gzip writer that uses every core and does not waste them on incompressible data:
/// the input is cut into fixed 1 MiB chunks; each chunk is either stored (when its bytes
/// look compressed already, see <see cref="EntropyEstimate"/>) or deflated on its own by a
/// worker, ending with a sync flush so that the pieces join into one valid deflate stream
/// (as pigz does, without a shared dictionary). The header has no name and no time and
/// the OS byte is Unix everywhere; chunk boundaries and choices depend only on the bytes,
/// so the output is the same whatever the number of cores or the scheduling.
/// </summary>
public sealed class ParallelGzipStream : Stream
{
    public const int ChunkSize = 1 << 20;

    private const int MaxStoredBlock = 65535;
    private static readonly byte[] FinalBlock = [1, 0, 0, 0xFF, 0xFF];

    private readonly Stream _output;
    private readonly CompressionLevel _level;
    private readonly System.Threading.Channels.Channel<Task<Piece>> _pending;
    private readonly Task _writer;
    private readonly Crc32 _crc = new();
    private byte[] _chunk;
    private int _filled;
    private long _length;
    private bool _closed;

    public ParallelGzipStream(Stream output, int workers = 0, CompressionLevel level = CompressionLevel.Optimal)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _level = level;
        _chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        GzipMember.WriteHeader(_output);

        // Pieces are written in order by a thread of their own, so that the caller never
        // waits in write(2): a bounded queue keeps memory at a few chunks per core.
        var window = 2 * Math.Max(1, workers > 0 ? workers : Environment.ProcessorCount);
        _pending = System.Threading.Channels.Channel.CreateBounded<Task<Piece>>(new System.Threading.Channels.BoundedChannelOptions(window) { SingleReader = true, SingleWriter = true });
        _writer = Task.Factory.StartNew(WritePieces, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_closed;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        _crc.Append(buffer);
        _length += buffer.Length;
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, ChunkSize - _filled);
            buffer[..take].CopyTo(_chunk.AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
            if (_filled == ChunkSize)
            {
                Submit();
            }
        }
    }

    /// <summary>Nothing to do: a chunk is only complete at 1 MiB (or at the end).</summary>
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_closed)
        {
            _closed = true;
            try
            {
                if (_filled > 0)
                {
                    Submit();
                }
            }
            finally
            {
                _pending.Writer.TryComplete();
                ArrayPool<byte>.Shared.Return(_chunk);
            }

            // Rethrows what the writer met (a full disk), after it has released every piece.
            _writer.GetAwaiter().GetResult();
            _output.Write(FinalBlock);
            GzipMember.WriteTrailer(_output, _crc, _length);
            _output.Flush();
        }

        base.Dispose(disposing);
    }

    private void Submit()
    {
        var chunk = _chunk;
        var length = _filled;
        var level = _level;
        _chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        _filled = 0;
        var piece = Task.Run(() => Piece.Make(chunk, length, level));
        if (!_pending.Writer.TryWrite(piece))
        {
            // The queue is full: wait for the writer (or learn that it failed).
            if (!_pending.Writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult() || !_pending.Writer.TryWrite(piece))
            {
                piece.ContinueWith(t => t.Result.Release(), TaskScheduler.Default);
                _writer.GetAwaiter().GetResult();
                throw new IOException("the bundle writer stopped");
            }
        }
    }

    private void WritePieces()
    {
        Exception? failure = null;
        var reader = _pending.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var next))
            {
                var piece = next.GetAwaiter().GetResult();
                try
                {
                    if (failure is null)
                    {
                        piece.WriteTo(_output);
                    }
                }
#pragma warning disable CA1031 // kept and rethrown to the caller by Dispose
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failure = ex;
                    _pending.Writer.TryComplete(ex);
                }
                finally
                {
                    piece.Release();
                }
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    /// <summary>One chunk, ready to be written: its stored blocks or its deflated bytes.</summary>
    private sealed class Piece
    {
        private byte[]? _source;
        private int _sourceLength;
        private MemoryStream? _deflated;
        private int _deflatedLength;

        public static Piece Make(byte[] chunk, int length, CompressionLevel level)
        {
            var piece = new Piece { _source = chunk, _sourceLength = length };
            if (EntropyEstimate.IsIncompressible(chunk.AsSpan(0, length)))
            {
                return piece;
            }

            var deflated = new MemoryStream(length / 2);
            using (var deflate = new DeflateStream(deflated, level, leaveOpen: true))
            {
                deflate.Write(chunk, 0, length);
                deflate.Flush(); // a sync flush: ends on a byte boundary, no final block
                piece._deflatedLength = (int)deflated.Length;
            }

            // Deflate can lose on data the estimate let through: then store after all.
            if (piece._deflatedLength < length)
            {
                piece._deflated = deflated;
            }

            return piece;
        }

        public void WriteTo(Stream output)
        {
            if (_deflated is not null)
            {
                output.Write(_deflated.GetBuffer(), 0, _deflatedLength);
                return;
            }

            Span<byte> header = stackalloc byte[5];
            for (var offset = 0; offset < _sourceLength; offset += MaxStoredBlock)
            {
                var size = Math.Min(MaxStoredBlock, _sourceLength - offset);
                header[0] = 0; // not final, stored
                BinaryPrimitives.WriteUInt16LittleEndian(header[1..], (ushort)size);
                BinaryPrimitives.WriteUInt16LittleEndian(header[3..], (ushort)~size);
                output.Write(header);
                output.Write(_source!, offset, size);
            }
        }

        public void Release()
        {
            if (_source is not null)
            {
                ArrayPool<byte>.Shared.Return(_source);
                _source = null;
            }
        }
    }
}
