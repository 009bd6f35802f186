namespace XenBundle.Bundling;

/// <summary>
/// Whether a chunk is worth deflating, from the Shannon entropy of a sample of its bytes.
/// RPM payloads are already compressed (gzip, xz, zstd): deflate cannot shrink them, yet
/// zlib spends ~35 ns a byte trying (28 MB/s here) and its fastest level even expands
/// them by 5%. Such chunks are stored instead, at memory speed.
/// </summary>
internal static class EntropyEstimate
{
    /// <summary>Bits per byte above which deflate gains next to nothing.</summary>
    public const double StoreAbove = 7.5;

    // 64 bytes out of every 512: enough to tell compressed data from text or headers.
    private const int SampleRun = 64;
    private const int SampleStride = 512;

    public static bool IsIncompressible(ReadOnlySpan<byte> chunk) => BitsPerByte(chunk) > StoreAbove;

    public static double BitsPerByte(ReadOnlySpan<byte> chunk)
    {
        Span<int> counts = stackalloc int[256];
        var total = 0;
        for (var start = 0; start < chunk.Length; start += SampleStride)
        {
            var run = chunk.Slice(start, Math.Min(SampleRun, chunk.Length - start));
            foreach (var b in run)
            {
                counts[b]++;
            }

            total += run.Length;
        }

        if (total == 0)
        {
            return 0;
        }

        var entropy = 0.0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / total;
                entropy -= p * Math.Log2(p);
            }
        }

        // A small sample cannot show more than log2(total) bits: scale so that random
        // data still reads as ~8 bits when only a few hundred bytes were sampled.
        return total >= 4096 ? entropy : entropy * 8 / Math.Min(8, Math.Log2(Math.Max(total, 2)));
    }
}
