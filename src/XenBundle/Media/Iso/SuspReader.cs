using System.Text;

namespace XenBundle.Media.Iso;

/// <summary>
/// The SUSP entries of one directory record: its System Use area, then the
/// continuation areas its CE entries point to. Continuation areas may lie anywhere in
/// the image and several may share a sector; a chain is capped (as Linux does) and an
/// area visited twice is a loop, so a hostile image can neither hang nor exhaust memory.
/// </summary>
internal static class SuspReader
{
    /// <summary>Continuation areas followed for one record, at most (Linux's limit).</summary>
    public const int MaxContinuations = 32;

    private const int HeaderLength = 4;
    private const int ContinuationLength = 28;

    /// <param name="area">The record's System Use area.</param>
    /// <param name="areaOffset">Where <paramref name="area"/> starts in the image.</param>
    /// <param name="skip">LEN_SKP of the SP entry: bytes to ignore at the start of the record's own area.</param>
    public static List<SuspEntry> Read(IsoImage image, ReadOnlySpan<byte> area, long areaOffset, int skip)
    {
        var entries = new List<SuspEntry>();
        var next = Parse(image, skip < area.Length ? area[skip..] : [], areaOffset + skip, entries);
        var visited = new HashSet<long>();
        while (next is { } pointer)
        {
            var (offset, length) = pointer;
            if (visited.Count == MaxContinuations)
            {
                throw new IsoFormatException(image.Name, offset, $"more than {MaxContinuations} Rock Ridge continuation areas (CE) for one record");
            }

            if (!visited.Add(offset))
            {
                throw new IsoFormatException(image.Name, offset, "Rock Ridge continuation areas (CE) form a loop");
            }

            var continuation = new byte[length];
            image.ReadExactly(offset, continuation, "Rock Ridge continuation area (CE)");
            next = Parse(image, continuation, offset, entries);
        }

        return entries;
    }

    /// <summary>Adds the entries of one area; returns the continuation area it points to, if any.</summary>
    private static (long Offset, int Length)? Parse(IsoImage image, ReadOnlySpan<byte> area, long areaOffset, List<SuspEntry> entries)
    {
        (long, int)? continuation = null;
        var position = 0;

        // Fewer than 4 bytes left, or a zero signature, is padding (mkisofs pads areas to an even length).
        while (area.Length - position >= HeaderLength && area[position] != 0)
        {
            var length = area[position + 2];
            var offset = areaOffset + position;
            if (length < HeaderLength || length > area.Length - position)
            {
                throw new IsoFormatException(image.Name, offset, $"System Use entry '{Signature(area[position..])}' of {length} bytes does not fit the {area.Length - position} bytes left in its area");
            }

            var signature = Signature(area[position..]);
            var data = area.Slice(position + HeaderLength, length - HeaderLength);
            position += length;
            switch (signature)
            {
                case "ST":
                    return continuation;
                case "CE":
                    continuation = Continuation(image, data, offset);
                    break;
                case "PD":
                    break;
                default:
                    entries.Add(new SuspEntry(signature, data.ToArray(), offset));
                    break;
            }
        }

        return continuation;
    }

    private static (long, int) Continuation(IsoImage image, ReadOnlySpan<byte> data, long offset)
    {
        if (data.Length < ContinuationLength - HeaderLength)
        {
            throw new IsoFormatException(image.Name, offset, "Rock Ridge continuation entry (CE) is too short");
        }

        var block = BothEndian.U32(data);
        var within = BothEndian.U32(data[8..]);
        var length = BothEndian.U32(data[16..]);

        // An area is a piece of one sector (Linux refuses anything else); this also bounds what a hostile CE can make us read.
        if (within >= IsoImage.SectorSize || length == 0 || length > IsoImage.SectorSize - within)
        {
            throw new IsoFormatException(image.Name, offset, $"Rock Ridge continuation entry (CE) points at {length} bytes from byte {within} of sector {block}, which is not inside one sector");
        }

        var start = ((long)block * IsoImage.SectorSize) + within;
        image.CheckInside(start, length, "Rock Ridge continuation area (CE)");
        return (start, (int)length);
    }

    private static string Signature(ReadOnlySpan<byte> entry) => Encoding.Latin1.GetString(entry[..2]);
}
