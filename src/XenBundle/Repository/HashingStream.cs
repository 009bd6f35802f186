using System.Security.Cryptography;

namespace XenBundle.Repository;

/// <summary>
/// A pass-through that hashes and counts every byte read or written: a package's headers
/// are parsed and its checksum computed in one sequential read of the file, and metadata
/// gets its open-checksum and open-size on its way into the compressor.
/// </summary>
internal sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
{
    /// <summary>Bytes that went through, read or written.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Interruption.ThrowIfRequested(); // reading every package of a DVD takes minutes: stop between reads
        var read = inner.Read(buffer);
        hash.AppendData(buffer[..read]);
        BytesRead += read;
        return read;
    }

    /// <summary>Reads the rest of the stream into the hash.</summary>
    public void Drain()
    {
        // Large reads: a package is mostly payload, and the hash is cheapest in big blocks.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            while (Read(buffer.AsSpan(0, 1 << 20)) > 0)
            {
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        hash.AppendData(buffer);
        BytesRead += buffer.Length;
        inner.Write(buffer);
    }
}
