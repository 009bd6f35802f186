using System.Buffers;

namespace XenBundle.Media.Iso;

/// <summary>
/// The records of one directory, sector after sector. Records never cross a sector
/// boundary; a zero length byte means the rest of the sector is padding. The directory
/// is read in chunks, so a hostile directory length cannot make it allocate the image.
/// </summary>
internal static class DirectoryReader
{
    private const int ChunkBytes = 32 * IsoImage.SectorSize;

    public static IEnumerable<DirectoryRecord> Read(IsoImage image, long start, uint length)
    {
        image.CheckInside(start, length, "directory");
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            for (long chunkStart = 0; chunkStart < length; chunkStart += ChunkBytes)
            {
                var chunkLength = (int)Math.Min(ChunkBytes, length - chunkStart);
                image.ReadExactly(start + chunkStart, chunk.AsSpan(0, chunkLength), "directory");
                for (var sector = 0; sector < chunkLength; sector += IsoImage.SectorSize)
                {
                    var sectorEnd = Math.Min(sector + IsoImage.SectorSize, chunkLength);
                    var position = sector;
                    while (position < sectorEnd && chunk[position] != 0)
                    {
                        var record = DirectoryRecord.Parse(chunk.AsSpan(position, sectorEnd - position), start + chunkStart + position, image.Name);
                        position += record.Length;
                        yield return record;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
