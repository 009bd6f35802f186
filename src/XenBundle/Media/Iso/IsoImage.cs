using Microsoft.Win32.SafeHandles;

namespace XenBundle.Media.Iso;

/// <summary>
/// The bytes of an image, read at absolute offsets. Reads carry their own position, so
/// several files of one image can be read one after the other (or at once) without
/// sharing a stream position.
/// </summary>
internal abstract class IsoImage : IDisposable
{
    public const int SectorSize = 2048;

    protected IsoImage(string name, long length)
    {
        Name = name;
        Length = length;
    }

    /// <summary>The image's file name, for error messages.</summary>
    public string Name { get; }

    /// <summary>The size of the image when it was opened.</summary>
    public long Length { get; }

    public static IsoImage OpenFile(string path)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        return new FileImage(Path.GetFileName(path), handle);
    }

    public static IsoImage OverStream(Stream stream, string name) => new StreamImage(stream, name);

    /// <summary>Reads up to <paramref name="buffer"/>'s length at <paramref name="offset"/>; fewer bytes only at the end of the image.</summary>
    public abstract int ReadAt(long offset, Span<byte> buffer);

    /// <summary>Reads exactly <paramref name="buffer"/>'s length, or fails naming <paramref name="what"/> and the offset.</summary>
    public void ReadExactly(long offset, Span<byte> buffer, string what)
    {
        if (offset < 0 || offset > Length - buffer.Length)
        {
            throw PastTheEnd(offset, buffer.Length, what);
        }

        var done = 0;
        while (done < buffer.Length)
        {
            var read = ReadAt(offset + done, buffer[done..]);
            if (read == 0)
            {
                throw new IsoFormatException(Name, offset + done, $"the image is truncated: {what} ends at byte {offset + buffer.Length}, the file at {offset + done}");
            }

            done += read;
        }
    }

    /// <summary>Fails when [offset, offset + length) is not inside the image.</summary>
    public void CheckInside(long offset, long length, string what)
    {
        if (offset < 0 || length < 0 || offset > Length - length)
        {
            throw PastTheEnd(offset, length, what);
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);

    private IsoFormatException PastTheEnd(long offset, long length, string what) =>
        new(Name, offset, $"{what} ({length} bytes at byte {offset}) runs past the end of the image ({Length} bytes): the image is truncated or corrupt");

    /// <summary>An image file, read with positional reads on one shared handle.</summary>
    private sealed class FileImage(string name, SafeFileHandle handle) : IsoImage(name, RandomAccess.GetLength(handle))
    {
        public override int ReadAt(long offset, Span<byte> buffer) => RandomAccess.Read(handle, buffer, offset);

        protected override void Dispose(bool disposing) => handle.Dispose();
    }

    /// <summary>An image held by a seekable stream (tests, images inside other containers).</summary>
    private sealed class StreamImage : IsoImage
    {
        private readonly Stream _stream;
        private readonly Lock _gate = new();

        public StreamImage(Stream stream, string name)
            : base(name, stream.Length)
        {
            if (!stream.CanSeek || !stream.CanRead)
            {
                throw new ArgumentException("an ISO image stream must be readable and seekable", nameof(stream));
            }

            _stream = stream;
        }

        public override int ReadAt(long offset, Span<byte> buffer)
        {
            lock (_gate)
            {
                _stream.Position = offset;
                return _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _stream.Dispose();
            }
        }
    }
}
