using System.Buffers.Binary;

namespace XenBundle.Rpm;

/// <summary>The byte range of the main header in the package file, as primary.xml records it.</summary>
public readonly record struct HeaderRange(long Start, long End);

/// <summary>The two headers of a package and where the main one lies in the file.</summary>
public sealed record RpmHeaders(RpmHeader Signature, RpmHeader Main, HeaderRange Range);

/// <summary>
/// Reads the lead, the signature header and the main header of an RPM from a stream, and
/// nothing after them (the payload is never touched). Every count and offset is checked
/// before it is used, and no allocation exceeds rpm's own header limits, so a corrupt or
/// hostile file gives a <see cref="XenBundleException"/> naming the file and the byte
/// offset, never a crash or a huge allocation.
/// </summary>
public static class RpmHeaderReader
{
    public const int LeadSize = 96;

    /// <summary>rpm refuses headers with 65536 or more index entries (hdrchkTags).</summary>
    public const int MaxIndexEntries = 0xFFFF;

    /// <summary>rpm refuses header data stores of 16 MiB or more (hdrchkData).</summary>
    public const int MaxDataSize = 0xFFFFFF;

    private static readonly byte[] LeadMagic = [0xED, 0xAB, 0xEE, 0xDB];
    private static readonly byte[] HeaderMagic = [0x8E, 0xAD, 0xE8, 0x01];

    /// <param name="stream">Positioned at the start of the package file.</param>
    /// <param name="origin">How to name the file in errors (<c>medium:/path</c>).</param>
    public static RpmHeaders Read(Stream stream, string origin)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new Reader(stream, origin);
        var lead = reader.Read(LeadSize, "lead");
        if (!lead.AsSpan(0, 4).SequenceEqual(LeadMagic))
        {
            throw reader.Error(0, "not an RPM package (no RPM lead magic)");
        }

        var majorVersion = lead[4];
        if (majorVersion is < 3 or > 4)
        {
            throw reader.Error(4, $"RPM format version {majorVersion} is not supported (3 or 4 expected)");
        }

        var signature = ReadHeader(reader, "signature header");
        var padding = (8 - (signature.IndexCount * 16 + signature.DataSize) % 8) % 8;
        reader.Read(padding, "signature header padding");
        var start = reader.Position;
        var main = ReadHeader(reader, "main header");
        return new RpmHeaders(signature, main, new HeaderRange(start, reader.Position));
    }

    private static RpmHeader ReadHeader(Reader reader, string what)
    {
        var headerStart = reader.Position;
        var intro = reader.Read(16, what);
        if (!intro.AsSpan(0, 4).SequenceEqual(HeaderMagic))
        {
            throw reader.Error(headerStart, $"bad {what} magic (corrupt package)");
        }

        var indexCount = BinaryPrimitives.ReadUInt32BigEndian(intro.AsSpan(8));
        var dataSize = BinaryPrimitives.ReadUInt32BigEndian(intro.AsSpan(12));
        if (indexCount is 0 or > MaxIndexEntries)
        {
            throw reader.Error(headerStart + 8, $"{what} has {indexCount} index entries (1 to {MaxIndexEntries} allowed)");
        }

        if (dataSize > MaxDataSize)
        {
            throw reader.Error(headerStart + 12, $"{what} data size {dataSize} exceeds rpm's limit of {MaxDataSize} bytes");
        }

        var indexStart = reader.Position;
        var index = reader.Read((int)indexCount * 16, what + " index");
        var data = reader.Read((int)dataSize, what + " data");
        var entries = new Dictionary<int, RpmHeader.Entry>();
        var extents = new List<(int Start, int End, int Tag, long At)>((int)indexCount);
        for (var i = 0; i < (int)indexCount; i++)
        {
            var at = index.AsSpan(i * 16, 16);
            var tag = BinaryPrimitives.ReadInt32BigEndian(at);
            var type = BinaryPrimitives.ReadUInt32BigEndian(at[4..]);
            var offset = BinaryPrimitives.ReadInt32BigEndian(at[8..]);
            var count = BinaryPrimitives.ReadInt32BigEndian(at[12..]);
            var entryOffset = indexStart + i * 16;
            if (type > (uint)RpmTagType.I18NString)
            {
                throw reader.Error(entryOffset, $"{what} tag {tag} has unknown type {type}");
            }

            var entry = new RpmHeader.Entry((RpmTagType)type, offset, count);
            if (Problem(entry, data, out var end) is { } problem)
            {
                throw reader.Error(entryOffset, $"{what} tag {tag}: {problem}");
            }

            if (tag is not RpmTag.HeaderSignatures and not RpmTag.HeaderImmutable)
            {
                extents.Add((offset, end, tag, entryOffset));
            }

            // Entries outside the immutable region ("dribbles") override the region's.
            entries[tag] = entry;
        }

        // As rpm does: no two entries share data, so that no tag can be decoded over and over
        // from the same bytes (what is decoded is bounded by the data store's size).
        extents.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var i = 1; i < extents.Count; i++)
        {
            if (extents[i].Start < extents[i - 1].End)
            {
                throw reader.Error(extents[i].At, $"{what} tag {extents[i].Tag}: data overlaps tag {extents[i - 1].Tag}'s (corrupt package)");
            }
        }

        return new RpmHeader(entries, data, (int)indexCount);
    }

    /// <summary>Why an entry does not fit its data store, or null when it does; <paramref name="end"/> is where its data ends.</summary>
    private static string? Problem(RpmHeader.Entry entry, byte[] data, out int end)
    {
        end = entry.Offset;
        if (entry.Offset < 0 || entry.Offset > data.Length)
        {
            return $"offset {entry.Offset} outside the {data.Length}-byte data store";
        }

        if (entry.Count < 0 || (entry.Count == 0 && entry.Type != RpmTagType.Null))
        {
            return $"bad count {entry.Count}";
        }

        var width = RpmHeader.Width(entry.Type);
        if (width > 0 || entry.Type == RpmTagType.Bin)
        {
            var length = (long)entry.Count * Math.Max(width, 1);
            if (entry.Offset + length > data.Length)
            {
                return $"{entry.Count} values at offset {entry.Offset} run past the data store";
            }

            end = (int)(entry.Offset + length);
            return null;
        }

        if (RpmHeader.IsText(entry.Type))
        {
            var strings = entry.Type == RpmTagType.String ? 1 : entry.Count;
            if (strings > data.Length - entry.Offset)
            {
                return $"{entry.Count} strings cannot fit in the data store";
            }

            var position = entry.Offset;
            for (var i = 0; i < strings; i++)
            {
                var terminator = Array.IndexOf(data, (byte)0, position);
                if (terminator < 0)
                {
                    return "string not terminated inside the data store";
                }

                position = terminator + 1;
            }

            end = position;
        }

        return null;
    }

    /// <summary>Reads exact byte counts and knows the file offset, for the error messages.</summary>
    private sealed class Reader(Stream stream, string origin)
    {
        public long Position { get; private set; }

        public byte[] Read(int count, string what)
        {
            // What a header claims is checked against what the file holds before it is allocated.
            if (stream.CanSeek && count > stream.Length - stream.Position)
            {
                throw Error(Position + Math.Max(0, stream.Length - stream.Position), $"file ends inside the {what}, which claims {count} bytes (truncated package)");
            }

            var buffer = new byte[count];
            var read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
            if (read < count)
            {
                throw Error(Position + read, $"file ends inside the {what} (truncated package)");
            }

            Position += count;
            return buffer;
        }

        public XenBundleException Error(long offset, string message) =>
            new($"{origin}: offset {offset}", message);
    }
}
