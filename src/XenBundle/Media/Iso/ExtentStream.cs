using System.Buffers;

namespace XenBundle.Media.Iso;

/// <summary>
/// The content of one file of an image: its extents read on demand. Large reads go
/// straight from the image into the caller's buffer; small ones are served from a
/// sector-aligned buffer that starts at 64 KiB and doubles with each refill up to 1 MiB
/// (no bigger than the file): a reader that wants only the start of a file (a package's
/// headers) reads little more than that, one that reads on gets large sequential reads,
/// and memory does not grow with the file.
/// </summary>
internal sealed class ExtentStream : Stream
{
    public const int BufferSize = 1 << 20;

    /// <summary>The first refill: an RPM's lead, signature and header fit in it as a rule.</summary>
    public const int FirstFill = 64 << 10;

    private readonly IsoImage _image;
    private readonly IReadOnlyList<IsoExtent> _extents;
    private readonly long _length;
    private byte[]? _buffer;
    private long _bufferStart;
    private int _bufferLength;
    private long _position;
    private int _fill = FirstFill;

    public ExtentStream(IsoImage image, IReadOnlyList<IsoExtent> extents)
    {
        _image = image;
        _extents = extents;
        _length = extents.Sum(e => e.Length);
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= _length || buffer.IsEmpty)
        {
            return 0;
        }

        if (_position >= _bufferStart && _position < _bufferStart + _bufferLength)
        {
            var available = (int)Math.Min(buffer.Length, _bufferStart + _bufferLength - _position);
            _buffer.AsSpan((int)(_position - _bufferStart), available).CopyTo(buffer);
            _position += available;
            return available;
        }

        var (extent, within) = Locate(_position);
        var left = extent.Length - within;
        if (buffer.Length >= BufferSize / 2 || buffer.Length >= left)
        {
            var direct = (int)Math.Min(buffer.Length, left);
            _image.ReadExactly(extent.Offset + within, buffer[..direct], "file content");
            _position += direct;
            return direct;
        }

        Fill(extent, within);
        return Read(buffer);
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
            _bufferLength = 0;
        }

        base.Dispose(disposing);
    }

    /// <summary>Reads the buffer from the sector that holds the position to as far as the buffer or the extent goes.</summary>
    private void Fill(IsoExtent extent, long within)
    {
        _buffer ??= ArrayPool<byte>.Shared.Rent((int)Math.Min(BufferSize, Math.Max(IsoImage.SectorSize, _length + IsoImage.SectorSize)));
        var aligned = within - (within % IsoImage.SectorSize);
        var count = (int)Math.Min(Math.Min(_buffer.Length, _fill), extent.Length - aligned);
        _image.ReadExactly(extent.Offset + aligned, _buffer.AsSpan(0, count), "file content");
        _bufferStart = _position - (within - aligned);
        _bufferLength = count;
        _fill = Math.Min(BufferSize, _fill * 2);
    }

    private (IsoExtent Extent, long Within) Locate(long position)
    {
        foreach (var extent in _extents)
        {
            if (position < extent.Length)
            {
                return (extent, position);
            }

            position -= extent.Length;
        }

        throw new InvalidOperationException("position past the last extent");
    }
}
