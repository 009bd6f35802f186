using System.Text;
using CsCheck;
using XenBundle.Kickstart.Syntax;
using XenBundle.Model;

namespace XenBundle.Tests.Kickstart;

/// <summary>
/// Anything the parser accepts prints back byte for byte: random kickstart-like text built
/// from the pieces that matter to the lexer (keywords, quotes, backslashes, comments, CR,
/// LF, high bytes), and random bytes.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class KickstartRoundTripTests
{
    private static readonly string[] Pieces =
    [
        "%packages", "%pre", "%post", "%post --nochroot", "%end", "%include /tmp/x", "%ksappend http://x", "%traceback", "%onerror", "%addon a", "%anaconda", "%pre-install", "%foo",
        "part", " / ", "--ondisk=sda", "--ondisk sda", "\"", "'", "\\", "\\\n", "\\\r\n", "#", " # c", "\n", "\r\n", "\r", "\t", " ", "  ",
        "cdrom", "bootloader --append=\"console=ttyS0\"", "@core", "kernel", "echo ttyS0 >> /etc/securetty", "mount /dev/cdrom /mnt", "=", ",",
        "\u00e9", "\u00ff", "\u0080", "\0", "zerombr yes", "network --bootproto=dhcp",
    ];

    [Test]
    public void Random_kickstart_like_text_round_trips_when_it_parses()
    {
        var gen = Gen.Select(Gen.OneOfConst(Pieces).Array[0, 60], Gen.OneOfConst(Enum.GetValues<OsRelease>()))
            .Select((pieces, os) => (Text: string.Concat(pieces), Os: os));
        var parsed = 0;
        gen.Sample((text, os) =>
        {
            if (TryParse(text, os) is { } document)
            {
                Interlocked.Increment(ref parsed);
                Assert.That(document.Print(), Is.EqualTo(text));
            }
        }, iter: 4000);
        Assert.That(parsed, Is.GreaterThan(400), "enough samples were accepted to mean something");
    }

    [Test]
    public void Whatever_parses_can_be_rewritten_and_the_result_parses_again()
    {
        var gen = Gen.Select(Gen.OneOfConst(Pieces).Array[0, 60], Gen.OneOfConst(Enum.GetValues<OsRelease>()), Gen.OneOfConst(Enum.GetValues<VirtType>()));
        gen.Sample((pieces, os, virt) =>
        {
            var text = string.Concat(pieces);
            if (TryParse(text, os) is null)
            {
                return;
            }

            // Transform parses its own output again and throws if a rule broke the syntax.
            var result = KickstartFixtures.Transform(text, os, virt, allowInteractive: true);
            Assert.That(KickstartParser.Parse(result.Kickstart, "ks.cfg", KickstartDialect.For(os)).ToBytes(), Is.EqualTo(result.Kickstart));
        }, iter: 1500);
    }

    [Test]
    public void Random_lines_of_real_kickstarts_can_be_rewritten_for_any_target()
    {
        var lines = KickstartFixtures.CorpusFiles().SelectMany(f => Encoding.Latin1.GetString(KickstartFixtures.Read(f)).Split('\n')).Select(l => l + "\n").ToArray();
        var gen = Gen.Select(Gen.OneOfConst(lines).Array[0, 60], Gen.OneOfConst(Enum.GetValues<OsRelease>()), Gen.OneOfConst(Enum.GetValues<VirtType>()));
        gen.Sample((chosen, os, virt) =>
        {
            var text = string.Concat(chosen);
            if (TryParse(text, os) is not null)
            {
                var result = KickstartFixtures.Transform(text, os, virt, allowInteractive: true);
                Assert.That(KickstartParser.Parse(result.Kickstart, "ks.cfg", KickstartDialect.For(os)).ToBytes(), Is.EqualTo(result.Kickstart));
                Assert.That(KickstartFixtures.UntouchedLinesMissing(text, result), Is.Empty);
            }
        }, iter: 1000);
    }

    [Test]
    public void Random_bytes_round_trip_when_they_parse()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            var document = TryParse(Encoding.Latin1.GetString(bytes), OsRelease.El6);
            if (document is not null)
            {
                Assert.That(document.ToBytes(), Is.EqualTo(bytes));
            }
        }, iter: 3000);
    }

    [Test]
    public void Random_lines_of_real_kickstarts_round_trip()
    {
        var lines = KickstartFixtures.CorpusFiles().Where(f => f.StartsWith("el5", StringComparison.Ordinal) || f.StartsWith("el6", StringComparison.Ordinal))
            .SelectMany(f => Encoding.Latin1.GetString(KickstartFixtures.Read(f)).Split('\n')).Select(l => l + "\n").ToArray();
        Gen.OneOfConst(lines).Array[0, 80].Sample(chosen =>
        {
            var text = string.Concat(chosen);
            if (TryParse(text, OsRelease.El6) is { } document)
            {
                Assert.That(document.Print(), Is.EqualTo(text));
            }
        }, iter: 2000);
    }

    /// <summary>The document, or null when the parser rejects the text (with its own error type, never another).</summary>
    private static KickstartDocument? TryParse(string text, OsRelease os)
    {
        try
        {
            return KickstartParser.Parse(text, "ks.cfg", KickstartDialect.For(os));
        }
        catch (KickstartSyntaxException)
        {
            return null;
        }
    }
}
