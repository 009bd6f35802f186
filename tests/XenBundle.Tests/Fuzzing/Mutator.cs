using System.Buffers.Binary;

namespace XenBundle.Tests.Fuzzing;

/// <summary>
/// Makes hostile inputs from valid ones, deterministically from a seeded random source:
/// bit flips, byte and block changes, boundary integers written where a format keeps its
/// lengths and offsets, splices of other seeds, tokens of the format, runs that nest
/// deeply. One to eight changes per input, so that most inputs are nearly valid and get
/// past the first checks to the code behind them.
/// </summary>
internal sealed class Mutator(Random random, IReadOnlyList<byte[]> corpus, IReadOnlyList<byte[]> dictionary)
{
    /// <summary>No mutated input grows past this: big inputs only make cases slow.</summary>
    public const int MaxLength = 256 << 10;

    /// <summary>Boundary values (as unsigned bit patterns, truncated to the width written).</summary>
    private static readonly ulong[] Interesting =
    [
        0, 1, 2, 7, 8, 15, 16, 31, 32, 33, 34, 63, 64, 127, 128, 255, 256, 511, 512, 1023, 1024, 2047, 2048, 2049, 4095, 4096,
        0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF, 0x7FFFFFFFFFFFFFFF, ulong.MaxValue,
    ];

    public byte[] Mutate(byte[] seed, IReadOnlyList<int> hotOffsets)
    {
        var data = new List<byte>(seed);
        var changes = 1 + random.Next(random.Next(4) == 0 ? 8 : 3);
        for (var i = 0; i < changes; i++)
        {
            Apply(data, hotOffsets);
        }

        if (data.Count > MaxLength)
        {
            data.RemoveRange(MaxLength, data.Count - MaxLength);
        }

        return [.. data];
    }

    private void Apply(List<byte> data, IReadOnlyList<int> hot)
    {
        if (data.Count == 0)
        {
            data.AddRange(Block(1 + random.Next(16)));
            return;
        }

        switch (random.Next(12))
        {
            case 0:
                var bit = Position(data, hot);
                data[bit] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                data[Position(data, hot)] = (byte)random.Next(256);
                break;
            case 2 or 3:
                WriteInteger(data, Position(data, hot));
                break;
            case 4:
                var add = Position(data, hot);
                data[add] = (byte)(data[add] + random.Next(-35, 36));
                break;
            case 5:
                var (start, length) = Range(data);
                data.RemoveRange(start, length);
                break;
            case 6:
                var (from, count) = Range(data);
                data.InsertRange(random.Next(data.Count + 1), data.GetRange(from, count));
                break;
            case 7:
                var (source, size) = Range(data);
                Overwrite(data, Position(data, hot), data.GetRange(source, size));
                break;
            case 8:
                Splice(data);
                break;
            case 9:
                if (dictionary.Count > 0)
                {
                    var token = dictionary[random.Next(dictionary.Count)];
                    if (random.Next(2) == 0)
                    {
                        data.InsertRange(random.Next(data.Count + 1), token);
                    }
                    else
                    {
                        Overwrite(data, Position(data, hot), token);
                    }
                }

                break;
            case 10:
                var keep = random.Next(data.Count);
                data.RemoveRange(keep, data.Count - keep);
                break;
            default:
                // A short piece repeated many times: nesting, long lines, long names.
                var (repeatFrom, repeatLength) = (random.Next(data.Count), 1 + random.Next(4));
                var piece = data.GetRange(repeatFrom, Math.Min(repeatLength, data.Count - repeatFrom));
                var at = random.Next(data.Count + 1);
                var times = random.Next(2) == 0 ? random.Next(2, 64) : random.Next(64, 4096);
                for (var i = 0; i < times && data.Count < MaxLength; i++)
                {
                    data.InsertRange(at, piece);
                }

                break;
        }
    }

    /// <summary>A place to change: half the time one where the format keeps a length, an offset or a type.</summary>
    private int Position(List<byte> data, IReadOnlyList<int> hot)
    {
        if (hot.Count > 0 && random.Next(2) == 0)
        {
            var offset = hot[random.Next(hot.Count)];
            if (offset < data.Count)
            {
                return offset;
            }
        }

        return random.Next(data.Count);
    }

    /// <summary>A boundary value, or one near the input's own size, in 1, 2, 4 or 8 bytes, either byte order, or ISO 9660's both-endian form.</summary>
    private void WriteInteger(List<byte> data, int at)
    {
        var value = random.Next(4) == 0 ? (ulong)(data.Count + random.Next(-4, 5)) / (ulong)(random.Next(2) == 0 ? 1 : 2048) : Interesting[random.Next(Interesting.Length)];
        var bytes = new byte[8];
        var width = 1 << random.Next(4);
        switch (random.Next(3))
        {
            case 0:
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
                Overwrite(data, at, bytes.AsSpan(0, width).ToArray());
                break;
            case 1:
                BinaryPrimitives.WriteUInt64BigEndian(bytes, value << (8 * (8 - width)));
                Overwrite(data, at, bytes.AsSpan(0, width).ToArray());
                break;
            default:
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)value);
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), (uint)value);
                Overwrite(data, at, bytes);
                break;
        }
    }

    /// <summary>A block of another seed, written over or inserted at a random place.</summary>
    private void Splice(List<byte> data)
    {
        var other = corpus[random.Next(corpus.Count)];
        if (other.Length == 0)
        {
            return;
        }

        var start = random.Next(other.Length);
        var block = other.AsSpan(start, 1 + random.Next(Math.Min(other.Length - start, 4096))).ToArray();
        if (random.Next(2) == 0)
        {
            data.InsertRange(random.Next(data.Count + 1), block);
        }
        else
        {
            Overwrite(data, random.Next(data.Count), block);
        }
    }

    private (int Start, int Length) Range(List<byte> data)
    {
        var start = random.Next(data.Count);
        var longest = data.Count - start;
        var length = 1 + random.Next(random.Next(4) == 0 ? longest : Math.Min(longest, 64));
        return (start, length);
    }

    private byte[] Block(int length)
    {
        var block = new byte[length];
        random.NextBytes(block);
        return block;
    }

    private static void Overwrite(List<byte> data, int at, IReadOnlyList<byte> bytes)
    {
        for (var i = 0; i < bytes.Count && at + i < data.Count; i++)
        {
            data[at + i] = bytes[i];
        }
    }
}
