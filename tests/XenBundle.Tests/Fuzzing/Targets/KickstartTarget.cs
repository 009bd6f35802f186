using XenBundle.Kickstart.Syntax;
using XenBundle.Model;
using XenBundle.Tests.Kickstart;

namespace XenBundle.Tests.Fuzzing.Targets;

/// <summary>
/// The kickstart parser in every release's dialect, with its round-trip property: any
/// input a dialect accepts prints back byte for byte. Then the whole rewrite for one of
/// the releases that accept it (chosen by the input), whose output must parse again.
/// </summary>
internal sealed class KickstartTarget : FuzzTarget
{
    private static readonly OsRelease[] Releases = Enum.GetValues<OsRelease>();

    public override string Name => "kickstart";

    public override IReadOnlyList<byte[]> Dictionary { get; } = Tokens(
        "%packages", "%post", "%pre", "%end", "%include ", "%ksappend ", "%post --nochroot", "%pre-install", "%onerror", "%addon", "%anaconda",
        "cdrom\n", "url --url=http://x/\n", "harddrive --partition=sda1 --dir=/\n", "part / --ondisk=sda\n", "bootloader --append=\"console=ttyS0\"\n",
        "rootpw --plaintext secret\n", "network --bootproto=static --ip=10.0.0.2\n", "mount /dev/cdrom /mnt/source\n", "\\\n", "\"", "'", "#", "\r\n", "\t");

    public override void Run(byte[] input)
    {
        var accepted = new List<OsRelease>();
        KickstartSyntaxException? refusal = null;
        foreach (var os in Releases)
        {
            KickstartDocument document;
            try
            {
                document = KickstartParser.Parse(input, "ks.cfg", KickstartDialect.For(os));
            }
            catch (KickstartSyntaxException exception)
            {
                refusal = exception;
                continue;
            }

            if (!document.ToBytes().AsSpan().SequenceEqual(input))
            {
                throw new FuzzPropertyException($"{os.ToName()}: the kickstart does not print back as it was read");
            }

            accepted.Add(os);
        }

        if (accepted.Count == 0)
        {
            throw refusal!;
        }

        // The rewrite is under test here, not whether the input is a complete kickstart.
        _ = KickstartFixtures.Transform(input, accepted[input.Length % accepted.Count], allowInteractive: true);
    }
}
