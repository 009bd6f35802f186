using System.Text;
using XenBundle.Bundling;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Bundling;

public sealed class ParallelGzipStreamTests
{
    [Category(TestCategories.Tool)]
    [Test]
    public void GNU_gzip_decompresses_a_mix_of_compressed_and_text_chunks_to_the_exact_input()
    {
        using var temp = new TempDirectory("pgzip");
        var input = MixedInput();
        File.WriteAllBytes(temp["input"], input);
        Write(temp["out.gz"], input, workers: 2);

        Tool.Run("gzip", "-t", temp["out.gz"]).EnsureSuccess("gzip -t");
        Tool.Shell($"gzip -dc '{temp["out.gz"]}' > '{temp["back"]}'").EnsureSuccess("gzip -dc");
        Assert.That(File.ReadAllBytes(temp["back"]), Is.EqualTo(input));
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void The_output_is_the_same_whatever_the_number_of_workers()
    {
        using var temp = new TempDirectory("pgzip");
        var input = MixedInput();
        Write(temp["one.gz"], input, workers: 1);
        Write(temp["four.gz"], input, workers: 4);
        Assert.That(File.ReadAllBytes(temp["four.gz"]), Is.EqualTo(File.ReadAllBytes(temp["one.gz"])));
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void Text_is_deflated_and_random_bytes_are_stored_without_growing()
    {
        using var temp = new TempDirectory("pgzip");
        var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 200_000).Select(i => $"<package name=\"p{i % 977}\"/>\n")));
        var random = new byte[3 << 20];
        new Random(7).NextBytes(random);

        Write(temp["text.gz"], text, workers: 2);
        Write(temp["random.gz"], random, workers: 2);

        Assert.That(new FileInfo(temp["text.gz"]).Length, Is.LessThan(text.Length / 10), "text compresses");
        Assert.That(new FileInfo(temp["random.gz"]).Length, Is.LessThan(random.Length + (random.Length / 1000) + 64), "stored blocks add 5 bytes per 64 KiB");
        Assert.That(EntropyEstimate.IsIncompressible(random), Is.True);
        Assert.That(EntropyEstimate.IsIncompressible(text), Is.False);
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void An_empty_stream_is_a_valid_gzip_file()
    {
        using var temp = new TempDirectory("pgzip");
        Write(temp["empty.gz"], [], workers: 2);
        Assert.That(Tool.Run("gzip", "-dc", temp["empty.gz"]).EnsureSuccess("gzip -dc").Output, Is.Empty);
    }

    private static void Write(string path, byte[] input, int workers)
    {
        using var file = File.Create(path);
        using var gzip = new ParallelGzipStream(file, workers);
        // Odd write sizes, so that chunk boundaries fall inside writes.
        for (var offset = 0; offset < input.Length; offset += 77_777)
        {
            gzip.Write(input, offset, Math.Min(77_777, input.Length - offset));
        }
    }

    /// <summary>Several MiB alternating random (already compressed) and repetitive text parts, not aligned to chunks.</summary>
    private static byte[] MixedInput()
    {
        var random = new Random(42);
        var output = new MemoryStream();
        for (var part = 0; part < 9; part++)
        {
            if (part % 2 == 0)
            {
                var bytes = new byte[random.Next(100_000, 1_500_000)];
                random.NextBytes(bytes);
                output.Write(bytes);
            }
            else
            {
                output.Write(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, random.Next(1_000, 60_000)).Select(i => $"line {i} of part {part}\n"))));
            }
        }

        return output.ToArray();
    }
}
