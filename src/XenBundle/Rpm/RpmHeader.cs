using System.Buffers.Binary;

namespace XenBundle.Rpm;

/// <summary>
/// One header structure of an RPM (the signature header or the main header): an index of
/// (tag, type, offset, count) entries over a data store, with typed access to the values.
/// Every entry was checked against the store when the header was read, so access never
/// reads outside it.
/// </summary>
public sealed class RpmHeader
{
    private readonly Dictionary<int, Entry> _entries;
    private readonly byte[] _data;

    internal RpmHeader(Dictionary<int, Entry> entries, byte[] data, int indexCount)
    {
        _entries = entries;
        _data = data;
        IndexCount = indexCount;
    }

    /// <summary>The number of index entries, as written in the header.</summary>
    public int IndexCount { get; }

    /// <summary>The size of the data store in bytes.</summary>
    public int DataSize => _data.Length;

    public bool Has(int tag) => _entries.ContainsKey(tag);

    /// <summary>A STRING, the first element of an I18NSTRING or STRING_ARRAY, or null when absent.</summary>
    public string? String(int tag)
    {
        if (!_entries.TryGetValue(tag, out var entry) || !IsText(entry.Type))
        {
            return null;
        }

        return RpmText.Decode(StringAt(entry.Offset, out _));
    }

    /// <summary>Every element of a STRING_ARRAY (or the one of a STRING); empty when absent.</summary>
    public IReadOnlyList<string> Strings(int tag)
    {
        if (!_entries.TryGetValue(tag, out var entry) || !IsText(entry.Type))
        {
            return [];
        }

        var count = entry.Type == RpmTagType.StringArray ? entry.Count : 1;
        var result = new string[count];
        var offset = entry.Offset;
        for (var i = 0; i < count; i++)
        {
            result[i] = RpmText.Decode(StringAt(offset, out var next));
            offset = next;
        }

        return result;
    }

    /// <summary>Every element of an integer entry (INT8..INT64, unsigned as rpm reads them); empty when absent.</summary>
    public IReadOnlyList<ulong> Numbers(int tag)
    {
        if (!_entries.TryGetValue(tag, out var entry) || Width(entry.Type) == 0)
        {
            return [];
        }

        var width = Width(entry.Type);
        var result = new ulong[entry.Count];
        var span = _data.AsSpan(entry.Offset, entry.Count * width);
        for (var i = 0; i < entry.Count; i++)
        {
            var item = span.Slice(i * width, width);
            result[i] = width switch
            {
                1 => item[0],
                2 => BinaryPrimitives.ReadUInt16BigEndian(item),
                4 => BinaryPrimitives.ReadUInt32BigEndian(item),
                _ => BinaryPrimitives.ReadUInt64BigEndian(item),
            };
        }

        return result;
    }

    /// <summary>The first element of an integer entry, or null when absent or empty.</summary>
    public ulong? Number(int tag)
    {
        var numbers = Numbers(tag);
        return numbers.Count == 0 ? null : numbers[0];
    }

    /// <summary>Bytes per element of the fixed-size types, 0 for the others.</summary>
    internal static int Width(RpmTagType type) => type switch
    {
        RpmTagType.Char or RpmTagType.Int8 => 1,
        RpmTagType.Int16 => 2,
        RpmTagType.Int32 => 4,
        RpmTagType.Int64 => 8,
        _ => 0,
    };

    internal static bool IsText(RpmTagType type) =>
        type is RpmTagType.String or RpmTagType.StringArray or RpmTagType.I18NString;

    private ReadOnlySpan<byte> StringAt(int offset, out int next)
    {
        var end = Array.IndexOf(_data, (byte)0, offset);
        next = end + 1;
        return _data.AsSpan(offset, end - offset);
    }

    /// <summary>One index entry, already checked against the data store.</summary>
    internal readonly record struct Entry(RpmTagType Type, int Offset, int Count);
}
