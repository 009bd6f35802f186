using System.Security.Cryptography;
using System.Text;
using XenBundle.Bundling;
using XenBundle.Reporting;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Reporting;

/// <summary>
/// The release notes' file list and diffs from an earlier tarball made by GNU tar: only the
/// files XenBundle writes are read (bounded), the media's own are listed by path only.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class ReleaseNotesTests
{
    [Test]
    public void Only_the_compared_files_are_read_and_a_large_one_is_listed_without_a_diff()
    {
        using var temp = new TempDirectory("release-notes");
        var before = new Dictionary<string, byte[]>
        {
            ["README.txt"] = "guest web01 at 192.168.50.20\n"u8.ToArray(),
            ["dom0/setup.sh"] = Encoding.ASCII.GetBytes("#!/bin/bash\n" + new string('#', (int)PreviousBundle.MaxTextSize) + "\n"),
            ["install/postinstall/root/id_rsa"] = "-----BEGIN OLD PRIVATE KEY-----\n"u8.ToArray(),
        };
        var after = new Dictionary<string, byte[]>
        {
            ["README.txt"] = "guest web01 at 192.168.50.21\n"u8.ToArray(),
            ["dom0/setup.sh"] = "#!/bin/bash\nexportfs -ra\n"u8.ToArray(),
            ["install/postinstall/root/id_rsa"] = "-----BEGIN NEW PRIVATE KEY-----\n"u8.ToArray(),
            ["dom0/check.sh"] = "#!/bin/bash\n"u8.ToArray(),
        };
        foreach (var (path, bytes) in before)
        {
            var full = temp[Path.Combine("web-1.0.0", path)];
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }

        File.WriteAllText(temp["web-1.0.0/manifest.json"], System.Text.Json.JsonSerializer.Serialize(Manifest("1.0.0", before)));
        Tool.Run("tar", "-czf", temp["web-1.0.0.tar.gz"], "-C", temp.Path, "web-1.0.0").EnsureSuccess("tar");

        var previous = PreviousBundle.Read(temp["web-1.0.0.tar.gz"]);
        var notes = ReleaseNotes.Describe(previous, Manifest("1.0.1", after), p => after.GetValueOrDefault(p), XenBundle.Kickstart.Transform.UnifiedDiff.Create, t => XenBundle.Kickstart.Syntax.KickstartSecrets.Mask(t, XenBundle.Kickstart.Syntax.KickstartDialect.For(XenBundle.Model.OsRelease.El5)));

        Assert.Multiple(() =>
        {
            Assert.That(previous.Texts!.Keys, Is.EquivalentTo(new[] { "README.txt" }), "setup.sh is over the bound, id_rsa is the media's");
            Assert.That(notes, Does.Contain("4 of 4 files changed: 1 added, 0 removed, 3 changed."));
            Assert.That(notes, Does.Contain("| install/postinstall/root/id_rsa | changed (32 to 32 bytes) |").And.Not.Contain("PRIVATE KEY"));
            Assert.That(notes, Does.Contain("#### README.txt\n\n```diff\n--- web-1.0.0/README.txt\n+++ web-1.0.1/README.txt\n@@ -1 +1 @@\n-guest web01 at 192.168.50.20\n+guest web01 at 192.168.50.21\n```\n"));
            Assert.That(notes, Does.Contain("#### dom0/setup.sh\n\nNo diff: the earlier file is larger than 1 MiB"));
            Assert.That(notes, Does.Contain("#### dom0/check.sh\n\n```diff\n--- web-1.0.0/dom0/check.sh\n+++ web-1.0.1/dom0/check.sh\n@@ -0,0 +1 @@\n+#!/bin/bash\n```\n"), "an added script, against nothing");
        });
    }

    private static BundleManifest Manifest(string version, Dictionary<string, byte[]> files) => new()
    {
        Name = "web",
        Version = version,
        Inputs = [],
        Files = [.. files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new ManifestFile { Path = f.Key, Type = "file", Size = f.Value.Length, Mode = "0644", Sha256 = Convert.ToHexStringLower(SHA256.HashData(f.Value)) })],
    };
}
