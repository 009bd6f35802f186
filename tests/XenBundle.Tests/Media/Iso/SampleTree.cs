using XenBundle.Tests.Support;
using XenBundle.Tree;

namespace XenBundle.Tests.Media.Iso;

/// <summary>
/// A source tree with what install media and kickstart CDs hold, and the corner cases
/// of the format: modes 0600 and 0755, an empty file, a file of exactly one sector,
/// hard links, relative symlinks, names over 64 and over 103 characters, directories
/// nested past ISO 9660's limit of 8 levels, and seeded random content.
/// </summary>
internal static class SampleTree
{
    public const string Deep = "deep/l2/l3/l4/l5/l6/l7/l8/l9/l10";

    public static readonly string Name70 = "seventy-" + new string('s', 58) + ".txt";

    public static readonly string Name110 = "hundred-and-ten-" + new string('h', 90) + ".txt";

    public static string Write(string root, int seed = 1)
    {
        var random = new Random(seed);
        byte[] Bytes(int count)
        {
            var bytes = new byte[count];
            random.NextBytes(bytes);
            return bytes;
        }

        Directory.CreateDirectory(root);
        File.WriteAllBytes(Path.Combine(root, "README"), "install media\n"u8.ToArray());
        File.WriteAllBytes(Path.Combine(root, "empty"), []);
        File.WriteAllBytes(Path.Combine(root, "sector.bin"), Bytes(2048));
        File.WriteAllBytes(Path.Combine(root, "three-sectors.bin"), Bytes((3 * 2048) + 17));
        File.WriteAllBytes(Path.Combine(root, "secret.cfg"), "rootpw --iscrypted x\n"u8.ToArray());
        File.SetUnixFileMode(Path.Combine(root, "secret.cfg"), (UnixFileMode)UnixMode.Private);
        Directory.CreateDirectory(Path.Combine(root, "scripts"));
        File.WriteAllBytes(Path.Combine(root, "scripts", "post.sh"), "#!/bin/sh\necho post\n"u8.ToArray());
        File.SetUnixFileMode(Path.Combine(root, "scripts", "post.sh"), (UnixFileMode)UnixMode.Executable);
        Directory.CreateDirectory(Path.Combine(root, "CentOS"));
        for (var i = 0; i < 12; i++)
        {
            File.WriteAllBytes(Path.Combine(root, "CentOS", $"pkg{i:D2}-1.0-1.el5.i386.rpm"), Bytes(random.Next(1, 40_000)));
        }

        File.WriteAllBytes(Path.Combine(root, "CentOS", Name70), Bytes(100));
        File.WriteAllBytes(Path.Combine(root, "CentOS", Name110), Bytes(200));
        Tool.Run("ln", Path.Combine(root, "sector.bin"), Path.Combine(root, "CentOS", "hardlink.bin")).EnsureSuccess("ln");
        File.CreateSymbolicLink(Path.Combine(root, "README.link"), "README");
        File.CreateSymbolicLink(Path.Combine(root, "scripts", "up.link"), "../CentOS");
        Directory.CreateDirectory(Path.Combine(root, Deep));
        File.WriteAllBytes(Path.Combine(root, Deep, "bottom.txt"), "ten levels down\n"u8.ToArray());
        return root;
    }
}
