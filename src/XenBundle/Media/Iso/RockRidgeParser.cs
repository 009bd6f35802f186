using System.Buffers.Binary;
using System.Text;

namespace XenBundle.Media.Iso;

/// <summary>
/// Reads the Rock Ridge (RRIP 1.09/1.10/1.12) entries of a record: PX, NM, SL, TF, CL,
/// RE, and the SUSP SP/ER entries that announce the extension. Layouts as in
/// Linux fs/isofs/rock.h; every length is checked against the entry it sits in.
/// </summary>
internal static class RockRidgeParser
{
    /// <summary>The longest name Linux and every Rock Ridge writer accept, in bytes.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>The longest symlink target (PATH_MAX - 1).</summary>
    public const int MaxTargetBytes = 4095;

    private const byte NameCurrent = 0x02;
    private const byte NameParent = 0x04;
    private const byte TimeModify = 0x02;
    private const byte TimeLongForm = 0x80;

    public static RockRidgeAttributes Parse(IReadOnlyList<SuspEntry> entries, string image)
    {
        var attributes = new RockRidgeAttributes();
        List<byte>? name = null;
        SymlinkBuilder? symlink = null;
        foreach (var entry in entries)
        {
            var data = entry.Data;
            switch (entry.Signature)
            {
                case "SP":
                    Require(data, 3, entry, image);
                    if (data[0] == 0xBE && data[1] == 0xEF)
                    {
                        attributes.SharingSkip = data[2];
                    }

                    break;
                case "ER":
                    attributes.Extensions.Add(ExtensionId(entry, image));
                    break;
                case "PX":
                    Require(data, 32, entry, image);
                    attributes.Mode = BinaryPrimitives.ReadUInt32LittleEndian(data);
                    attributes.HasRockRidgeEntries = true;
                    break;
                case "NM":
                    Require(data, 1, entry, image);
                    if ((data[0] & (NameCurrent | NameParent)) != 0)
                    {
                        // Right on a directory's own '.' and '..' records (xorriso writes them so);
                        // the tree builder refuses it on any other record.
                        attributes.SelfOrParentName ??= entry.Offset;
                        attributes.HasRockRidgeEntries = true;
                        break;
                    }

                    // A long name comes in pieces (flag CONTINUE on all but the last): they join without a separator.
                    name ??= [];
                    name.AddRange(data.AsSpan(1).ToArray());
                    if (name.Count > MaxNameBytes)
                    {
                        throw new IsoFormatException(image, entry.Offset, $"Rock Ridge name (NM) is longer than {MaxNameBytes} bytes");
                    }

                    attributes.HasRockRidgeEntries = true;
                    break;
                case "SL":
                    symlink ??= new SymlinkBuilder(image, entry.Offset);
                    symlink.Add(entry);
                    attributes.HasRockRidgeEntries = true;
                    break;
                case "TF":
                    attributes.Modified = ModifyTime(entry, image) ?? attributes.Modified;
                    attributes.HasRockRidgeEntries = true;
                    break;
                case "CL":
                    Require(data, 8, entry, image);
                    attributes.ChildLink = BothEndian.U32(data);
                    break;
                case "RE":
                    attributes.IsRelocated = true;
                    break;
                case "RR" or "PN" or "PL":
                    attributes.HasRockRidgeEntries = true;
                    break;
                case "ZF" or "SF":
                    attributes.UnsupportedStorage = (entry.Signature, entry.Offset);
                    break;
            }
        }

        attributes.Name = name?.ToArray();
        attributes.SymlinkTarget = symlink?.Target;
        return attributes;
    }

    private static DateTimeOffset? ModifyTime(SuspEntry entry, string image)
    {
        var data = entry.Data;
        Require(data, 1, entry, image);
        var flags = data[0];
        var size = (flags & TimeLongForm) != 0 ? IsoDate.LongLength : IsoDate.ShortLength;

        // Stamps follow in flag order: creation, modify, access, attributes, backup, expiration, effective.
        var position = 1 + ((flags & 0x01) != 0 ? size : 0);
        if ((flags & TimeModify) == 0)
        {
            return null;
        }

        Require(data, position + size, entry, image);
        var stamp = data.AsSpan(position, size);
        return size == IsoDate.LongLength ? IsoDate.Long(stamp) : IsoDate.Short(stamp);
    }

    private static string ExtensionId(SuspEntry entry, string image)
    {
        var data = entry.Data;
        Require(data, 4, entry, image);
        var idLength = data[0];
        Require(data, 4 + idLength + data[1] + data[2], entry, image);
        return Encoding.Latin1.GetString(data, 4, idLength);
    }

    private static void Require(byte[] data, int length, SuspEntry entry, string image)
    {
        if (data.Length < length)
        {
            throw new IsoFormatException(image, entry.Offset, $"Rock Ridge entry {entry.Signature} is {data.Length + 4} bytes long, too short for its fields ({length + 4})");
        }
    }

    /// <summary>
    /// Joins SL components into a target: a component without the CONTINUE flag ends a
    /// path component, so a name split across SL entries (or into a continuation area)
    /// joins without a '/', and the ROOT flag makes the target absolute.
    /// </summary>
    private sealed class SymlinkBuilder(string image, long firstOffset)
    {
        private const byte Continues = 0x01;
        private const byte Current = 0x02;
        private const byte Parent = 0x04;
        private const byte Root = 0x08;

        private readonly List<byte> _target = [];
        private bool _needSlash;

        public string Target => IsoFileName.Decode([.. _target]);

        public void Add(SuspEntry entry)
        {
            var data = entry.Data;
            if (data.Length < 1)
            {
                throw new IsoFormatException(image, entry.Offset, "Rock Ridge symlink entry (SL) is empty");
            }

            var position = 1; // data[0]: the entry's own CONTINUE flag, implied by the next SL
            while (position < data.Length)
            {
                if (data.Length - position < 2 || data[position + 1] > data.Length - position - 2)
                {
                    throw new IsoFormatException(image, entry.Offset, "Rock Ridge symlink component (SL) runs past the end of its entry");
                }

                var flags = data[position];
                var length = data[position + 1];
                var content = data.AsSpan(position + 2, length);
                position += 2 + length;
                if ((flags & Root) != 0)
                {
                    // First, it makes the target absolute; anywhere else it can only mean a separator.
                    _target.Add((byte)'/');
                    _needSlash = false;
                    continue;
                }

                if (_needSlash)
                {
                    _target.Add((byte)'/');
                }

                if ((flags & Current) != 0)
                {
                    _target.Add((byte)'.');
                }
                else if ((flags & Parent) != 0)
                {
                    _target.AddRange(".."u8.ToArray());
                }
                else
                {
                    _target.AddRange(content.ToArray());
                }

                _needSlash = (flags & Continues) == 0;
                if (_target.Count > MaxTargetBytes)
                {
                    throw new IsoFormatException(image, firstOffset, $"Rock Ridge symlink target is longer than {MaxTargetBytes} bytes");
                }
            }
        }
    }
}
