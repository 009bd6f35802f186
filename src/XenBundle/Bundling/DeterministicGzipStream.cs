using System.IO.Compression;
using System.IO.Hashing;

namespace XenBundle.Bundling;

/// <summary>
/// A gzip writer on one thread, for small text such as repodata: the same framing as
/// <see cref="ParallelGzipStream"/> (see <see cref="GzipMember"/>), so that the same bytes
/// in give the same bytes out anywhere, around the runtime's zlib deflate at the level given.
/// Bundles go through <see cref="ParallelGzipStream"/>.
/// </summary>
public sealed class DeterministicGzipStream : Stream
{

    private readonly Stream _output;
    private readonly DeflateStream _deflate;
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _closed;

    public DeterministicGzipStream(Stream output, CompressionLevel level = CompressionLevel.Fastest)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        GzipMember.WriteHeader(_output);
        _deflate = new DeflateStream(_output, level, leaveOpen: true);
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
        _crc.Append(buffer);
        _length += buffer.Length;
        _deflate.Write(buffer);
    }

    public override void Flush() => _deflate.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_closed)
        {
            _closed = true;
            _deflate.Dispose();
            GzipMember.WriteTrailer(_output, _crc, _length);
            _output.Flush();
        }

        base.Dispose(disposing);
    }
}
