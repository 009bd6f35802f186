namespace XenBundle.Tests.Support;

/// <summary>
/// Decodes uuencoded text (<c>begin MODE NAME</c>, lines of 4-character groups, <c>end</c>),
/// the form libarchive keeps its test images in. Lines before <c>begin</c> are comments.
/// </summary>
internal static class UuDecode
{
    public static byte[] File(string path)
    {
        var bytes = new List<byte>();
        var started = false;
        foreach (var line in System.IO.File.ReadLines(path))
        {
            if (!started)
            {
                started = line.StartsWith("begin ", StringComparison.Ordinal);
                continue;
            }

            if (line == "end")
            {
                return [.. bytes];
            }

            DecodeLine(line, bytes);
        }

        throw new InvalidDataException($"{path}: no complete 'begin' ... 'end' block");
    }

    /// <summary>The first character gives the line's byte count; every 4 characters carry 3 bytes, 6 bits each.</summary>
    private static void DecodeLine(string line, List<byte> bytes)
    {
        if (line.Length == 0)
        {
            return;
        }

        var count = Sixbits(line[0]);
        for (var position = 1; count > 0; position += 4)
        {
            var group = (Sixbits(At(line, position)) << 18) | (Sixbits(At(line, position + 1)) << 12) | (Sixbits(At(line, position + 2)) << 6) | Sixbits(At(line, position + 3));
            for (var shift = 16; shift >= 0 && count > 0; shift -= 8, count--)
            {
                bytes.Add((byte)(group >> shift));
            }
        }
    }

    // Some encoders drop trailing spaces (value 0) from a line.
    private static char At(string line, int index) => index < line.Length ? line[index] : ' ';

    private static int Sixbits(char c) => (c - ' ') & 0x3F;
}
