using System.Text;
using XenBundle.Bundling;
using XenBundle.Tests.Support;
using XenBundle.Tree;

namespace XenBundle.Tests.Bundling;

public sealed class BundleWriterTests
{
    private static readonly DateTimeOffset Time = new(2014, 9, 29, 18, 47, 19, TimeSpan.Zero);

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory("bundle");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Category(TestCategories.Tool)]
    [Test]
    public void GNU_tar_reads_back_names_modes_owners_times_and_symlinks()
    {
        Write(SampleTree(), "out.tar.gz");

        var listing = Tool.Run("tar", "--numeric-owner", "--full-time", "-tvzf", _temp["out.tar.gz"]).EnsureSuccess("tar -t").Output;
        var lines = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.Match(@"^drwxr-xr-x 0/0 +0 2014-09-29 18:47:19 web-1\.0\.0/$"));
            Assert.That(lines, Has.Some.Match(@"^-rw------- 0/0 +8 2014-09-29 18:47:19 web-1\.0\.0/install/postinstall/root/key$"));
            Assert.That(lines, Has.Some.Match(@"^-rwxr-xr-x 0/0 +10 2014-09-29 18:47:19 web-1\.0\.0/dom0/setup\.sh$"));
            Assert.That(lines, Has.Some.Match(@"^lrwxrwxrwx 0/0 +0 2014-09-29 18:47:19 web-1\.0\.0/install/latest -> CentOS$"));
            Assert.That(lines, Has.Some.Contain("web-1.0.0/install/" + new string('n', 120)), "names over 100 bytes survive");
            Assert.That(lines[^2], Does.EndWith("web-1.0.0/manifest.json"));
            Assert.That(lines[^1], Does.EndWith("web-1.0.0/SHA256SUMS"));
        });
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void SHA256SUMS_verifies_with_sha256sum_and_the_manifest_lists_every_file()
    {
        var manifest = Write(SampleTree(), "out.tar.gz");
        Tool.Run("tar", "-xzf", _temp["out.tar.gz"], "-C", _temp.Path).EnsureSuccess("tar -x");

        var check = Tool.Run("sha256sum", ["-c", "SHA256SUMS"], _temp["web-1.0.0"]).EnsureSuccess("sha256sum -c");
        Assert.That(check.Output, Does.Contain("manifest.json: OK").And.Contain("install/postinstall/root/key: OK"));
        Assert.That(manifest.Files.Select(f => f.Path), Is.EquivalentTo(new[] { "dom0/setup.sh", "install/" + new string('n', 120), "install/CentOS/a.rpm", "install/latest", "install/postinstall/root/key" }));
        var key = manifest.Files.Single(f => f.Path.EndsWith("key", StringComparison.Ordinal));
        var expectedSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("private!")));
        Assert.That((key.Mode, key.Size, key.Sha256), Is.EqualTo(("0600", 8L, expectedSha)));
        var onDisk = File.ReadAllText(_temp["web-1.0.0/manifest.json"]);
        Assert.That(onDisk, Is.EqualTo(File.ReadAllText(_temp["out.manifest.json"])), "the manifest beside the bundle is the one inside it");
        Assert.That(onDisk, Does.Not.Contain(_temp.Path), "no absolute build-machine path leaks into the manifest");
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void The_same_tree_gives_the_same_bytes_and_the_gzip_header_has_no_name_or_time()
    {
        Write(SampleTree(), "one.tar.gz");
        Thread.Sleep(1100);
        Write(SampleTree(), "two.tar.gz");

        var one = File.ReadAllBytes(_temp["one.tar.gz"]);
        Assert.That(one, Is.EqualTo(File.ReadAllBytes(_temp["two.tar.gz"])));
        Assert.That(one[..10], Is.EqualTo(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 }), "FLG=0 (no name), MTIME=0, OS=Unix");
        Tool.Run("gzip", "-t", _temp["one.tar.gz"]).EnsureSuccess("gzip -t");
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void A_failed_write_leaves_no_file_under_the_final_name()
    {
        var tree = SampleTree();
        tree.Set(TreeEntry.File("install/broken", new LyingContent()));

        Assert.That(() => Write(tree, "out.tar.gz"), Throws.InstanceOf<XenBundleException>().With.Message.Contains("expected 1000"));
        Assert.That(Directory.GetFiles(_temp.Path), Is.Empty, "neither the bundle, its manifest nor a temporary file remains");
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void No_entry_is_written_with_setuid_setgid_sticky_or_world_write_bits_whoever_made_it()
    {
        // Generated entries too: the writer is the last guard, whatever a stage gives it.
        var tree = SampleTree();
        tree.Set(TreeEntry.File("dom0/setup.sh", BytesContent.FromText("#!/bin/sh\n", "generated"), UnixMode.Parse("6777")));
        tree.Set(TreeEntry.Directory("install/pub", UnixMode.Parse("1777")));
        tree.Set(TreeEntry.File("install/pub/notes", BytesContent.FromText("n", "generated"), UnixMode.Parse("0666")));

        var manifest = Write(tree, "out.tar.gz");

        var lines = Tool.Run("tar", "-tvzf", _temp["out.tar.gz"]).EnsureSuccess("tar -t").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Some.Match(@"^-rwxrwxr-x .* web-1\.0\.0/dom0/setup\.sh$"));
        Assert.That(lines, Has.Some.Match(@"^drwxr-xr-x .* web-1\.0\.0/install/pub/$"));
        Assert.That(lines, Has.Some.Match(@"^-rw-rw-r-- .* web-1\.0\.0/install/pub/notes$"));
        Assert.That(manifest.Files.Single(f => f.Path == "dom0/setup.sh").Mode, Is.EqualTo("0775"), "the manifest says what the tar holds");
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void Names_of_one_stored_file_become_hard_links_to_the_first_with_the_mode_all_of_them_allow()
    {
        // One inode has one mode: a name the medium gives 0600 must not end up readable through a 0755 one.
        var tree = SampleTree();
        var stored = new StoredContent("one file, three names");
        tree.Set(TreeEntry.File("install/a/first", stored, UnixMode.Executable));
        tree.Set(TreeEntry.File("install/b/second", stored, UnixMode.Private));
        tree.Set(TreeEntry.File("install/c/third", stored, UnixMode.File));

        var manifest = Write(tree, "out.tar.gz");

        var lines = Tool.Run("tar", "-tvzf", _temp["out.tar.gz"]).EnsureSuccess("tar -t").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Some.Match(@"^-rw------- .* web-1\.0\.0/install/a/first$"));
        Assert.That(lines, Has.Some.Match(@"^hrw------- .* web-1\.0\.0/install/b/second link to web-1\.0\.0/install/a/first$"));
        Assert.That(lines, Has.Some.Match(@"^hrw------- .* web-1\.0\.0/install/c/third link to web-1\.0\.0/install/a/first$"));
        Assert.That(manifest.Files.Where(f => f.Path.StartsWith("install/", StringComparison.Ordinal) && f.Size == stored.Length).Select(f => (f.Mode, f.Sha256)).Distinct().Count(), Is.EqualTo(1));
    }

    private BundleManifest Write(VirtualTree tree, string name) =>
        new BundleWriter().Write(new BundleRequest
        {
            Content = tree,
            TopDirectory = "web-1.0.0",
            Time = Time,
            Manifest = new BundleManifest { Name = "web", Version = "1.0.0", Inputs = [] },
            TarballPath = _temp[name],
            ManifestPath = _temp[name.Replace(".tar.gz", ".manifest.json", StringComparison.Ordinal)],
        });

    private static VirtualTree SampleTree()
    {
        var tree = new VirtualTree();
        tree.Set(TreeEntry.File("install/CentOS/a.rpm", BytesContent.FromText("rpm bytes", "disc1")));
        tree.Set(TreeEntry.File("install/postinstall/root/key", BytesContent.FromText("private!", "ks"), UnixMode.Private));
        tree.Set(TreeEntry.File("install/" + new string('n', 120), BytesContent.FromText("long", "disc1")));
        tree.Set(TreeEntry.Symlink("install/latest", "CentOS", "disc1"));
        tree.Set(TreeEntry.File("dom0/setup.sh", BytesContent.FromText("#!/bin/sh\n", "generated"), UnixMode.Executable));
        return tree;
    }

    /// <summary>Bytes a medium keeps once for several names, as a hard link on a disc.</summary>
    private sealed class StoredContent(string text) : IContent
    {
        private readonly byte[] _bytes = Encoding.UTF8.GetBytes(text);

        public long Length => _bytes.Length;

        public string Origin => "disc1:/stored";

        public object? Storage => "extent 42";

        public Stream OpenRead() => new MemoryStream(_bytes);
    }

    /// <summary>Content that claims 1000 bytes and delivers 5, as a medium changing under us would.</summary>
    private sealed class LyingContent : IContent
    {
        public long Length => 1000;

        public string Origin => "disc1:/broken";

        public Stream OpenRead() => new MemoryStream(Encoding.ASCII.GetBytes("short"));
    }
}
