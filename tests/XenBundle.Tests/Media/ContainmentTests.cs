using Cake.XenBundle;
using XenBundle.Media;
using XenBundle.Media.Iso;
using XenBundle.Pipeline;
using XenBundle.Recipes;
using XenBundle.Tests.Media.Iso;
using XenBundle.Tests.Support;
using XenBundle.Tree;

namespace XenBundle.Tests.Media;

/// <summary>
/// Nothing a medium holds writes outside the output: not hard links (independent files when
/// extracted, tar hard links to an earlier entry of the bundle), not symlinks (stored as
/// symlinks, never followed, and refused when they lead out of the tree, alone or through
/// each other), not a file below a symlinked directory. The bundle's tar holds no name, no
/// symlink and no hard link that leaves it, and no mode that would take effect on the Dom0.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class ContainmentTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory("contain");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void Hard_links_of_an_image_are_extracted_as_independent_files()
    {
        _temp.Write("source/first", "one content, two names\n");
        HardLink(_temp["source/first"], _temp["source/second"]);
        using var iso = IsoMediaSource.Open(IsoTools.Genisoimage(_temp["source"], _temp["links.iso"], "-R"));
        Assert.That(iso.ExtentsOf(iso.Find("second")!)[0].Offset, Is.EqualTo(iso.ExtentsOf(iso.Find("first")!)[0].Offset), "genisoimage stores hard links as two records of one extent");

        new MediaExtractor().Extract(iso, _temp["out"]);

        var (first, second) = (_temp["out/first"], _temp["out/second"]);
        Assert.That(Inode(first), Is.Not.EqualTo(Inode(second)), "two files, not two names of one");
        Assert.That((LinkCount(first), LinkCount(second)), Is.EqualTo((1, 1)));
        File.AppendAllText(first, "changed\n");
        Assert.That(File.ReadAllText(second), Is.EqualTo("one content, two names\n"));
    }

    [Test]
    public void A_symlink_that_leads_out_through_another_symlink_is_not_extracted()
    {
        Directory.CreateDirectory(_temp["source/d"]);
        File.CreateSymbolicLink(_temp["source/d/up"], "..");
        File.CreateSymbolicLink(_temp["source/d/out"], "up/../etc/shadow");
        using var iso = IsoMediaSource.Open(IsoTools.Genisoimage(_temp["source"], _temp["chain.iso"], "-R"));
        Assert.That(TreePath.ResolveLink("d/out", "up/../etc/shadow"), Is.Not.Null, "read as text, the target stays inside");

        var error = Assert.Throws<XenBundleException>(() => new MediaExtractor().Extract(iso, _temp["out"]));

        Assert.That(error!.Message, Does.Contain("symlink 'd/out' points outside the tree ('up/../etc/shadow'): it climbs above the top of the tree"));
        Assert.That(Directory.Exists(_temp["out"]), Is.False, "nothing written");
    }

    [Test]
    public void An_image_with_a_symlink_in_the_place_of_a_directory_that_holds_a_file_is_refused()
    {
        _temp.Write("source/dir/file.txt", "below\n");
        File.CreateSymbolicLink(_temp["source/sym"], "/etc");
        var image = ImageBytes.Load(IsoTools.Genisoimage(_temp["source"], _temp["x.iso"], "-R"));
        var record = image.RecordOf("sym");
        image.Write(image.EntryIn(record, "NM") + 5, "dir"); // the symlink to /etc is named "dir" too: dir/file.txt would land in /etc

        var error = Assert.Throws<IsoFormatException>(() => image.Open().Dispose());

        Assert.That(error!.Message, Is.EqualTo("two entries are named 'dir'"));
    }

    [Test]
    public void A_symlink_that_leads_out_through_another_symlink_fails_the_merge()
    {
        var recipe = DemoWithKickstartCd(cd =>
        {
            File.CreateSymbolicLink(Path.Combine(cd, "postinstall/up"), "..");
            File.CreateSymbolicLink(Path.Combine(cd, "postinstall/out"), "up/../../etc/shadow");
        });
        using var pipeline = new BundlePipeline(recipe, new PipelineOptions { ArtifactsDirectory = _temp["artifacts"] }, NullPipelineLog.Instance);

        var error = Assert.Throws<XenBundleException>(pipeline.ExtractMedia);

        Assert.That(error!.ErrorLine, Is.EqualTo("error: acme-ks-cd:/postinstall/out: symlink 'postinstall/out' to 'up/../../etc/shadow' points outside the tree: it climbs above the top of the tree"));
    }

    [Test]
    public void The_bundle_holds_no_name_or_symlink_that_leaves_it_and_hard_links_only_to_earlier_entries([Values] bool asImage)
    {
        var recipe = DemoWithKickstartCd(cd =>
        {
            HardLink(Path.Combine(cd, "postinstall/etc/motd"), Path.Combine(cd, "postinstall/etc/issue"));
            File.CreateSymbolicLink(Path.Combine(cd, "postinstall/etc/motd.link"), "motd");
            File.CreateSymbolicLink(Path.Combine(cd, "postinstall/packages"), "../RPMS");
        }, asImage);
        using var pipeline = new BundlePipeline(recipe, new PipelineOptions { ArtifactsDirectory = _temp["artifacts"] }, NullPipelineLog.Instance);

        var tarball = XenBundleStages.RunAll(pipeline).Tarball;

        var listing = Tool.Run("tar", "-tvzf", tarball).EnsureSuccess("tar -tv").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var names = Tool.Run("tar", "-tzf", tarball).EnsureSuccess("tar -t").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(names, Has.All.StartWith("web-1.4.0/"));
            Assert.That(names.SelectMany(n => n.TrimEnd('/').Split('/')), Has.None.EqualTo("..").And.None.EqualTo(".").And.None.Empty);
            Assert.That(listing, Has.One.Match(@"^-rw-r--r-- .* web-1\.4\.0/install/postinstall/etc/issue$"));
            Assert.That(listing, Has.One.Match(@"^hrw-r--r-- .* web-1\.4\.0/install/postinstall/etc/motd link to web-1\.4\.0/install/postinstall/etc/issue$"), "two names of one file stay one file");
            AssertLinksNameEarlierEntries(listing, "web-1.4.0/");
            Assert.That(listing, Has.One.Match(@"^lrwxrwxrwx .* web-1\.4\.0/install/postinstall/packages -> \.\./RPMS$"));
        });

        // GNU tar unpacks it; the kernel resolves every symlink (realpath) to inside install/.
        Directory.CreateDirectory(_temp["unpacked"]);
        Tool.Run("tar", "-xzf", tarball, "-C", _temp["unpacked"]).EnsureSuccess("tar -x");
        var install = Path.Combine(_temp["unpacked"], "web-1.4.0", "install");
        var links = Directory.EnumerateFileSystemEntries(install, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(p => new FileInfo(p).LinkTarget is not null).ToList();
        Assert.That(links, Has.Count.EqualTo(2));
        Assert.That(LinkCount(Path.Combine(install, "postinstall/etc/motd")), Is.EqualTo(2));
        foreach (var link in links)
        {
            var real = Tool.Run("realpath", "-m", link).EnsureSuccess("realpath").Output.Trim();
            Assert.That(real, Does.StartWith(install + "/"), link);
        }
    }

    [Test]
    public void Setuid_sticky_and_world_writable_modes_of_a_kickstart_cd_do_not_reach_the_bundle()
    {
        var recipe = DemoWithKickstartCd(cd =>
        {
            var shell = Path.Combine(cd, "rootsh");
            File.Copy("/bin/sh", shell);
            Directory.CreateDirectory(Path.Combine(cd, "ks"));
            Directory.CreateDirectory(Path.Combine(cd, "shared"));
            _temp.Write(Path.Combine(cd, "ks", "private.cfg"), "rootpw --iscrypted $6$x\n");
            Chmod("4755", shell);
            Chmod("0777", Path.Combine(cd, "ks"));
            Chmod("0777", Path.Combine(cd, "postinstall"));
            Chmod("1777", Path.Combine(cd, "shared"));
            Chmod("2770", Path.Combine(cd, "postinstall", "root"));
            Chmod("0600", Path.Combine(cd, "ks", "private.cfg"));
            Chmod("0666", Path.Combine(cd, "postinstall", "etc", "motd"));
        }, asImage: true); // Rock Ridge (-R, not -r) keeps the modes as they are on disk
        using var pipeline = new BundlePipeline(recipe, new PipelineOptions { ArtifactsDirectory = _temp["artifacts"] }, NullPipelineLog.Instance);

        var artifacts = XenBundleStages.RunAll(pipeline);

        var listing = Tool.Run("tar", "-tvzf", artifacts.Tarball).EnsureSuccess("tar -tv").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var modes = listing.ToDictionary(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[5], l => l[..10], StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(listing.Select(l => l[..10]), Has.None.Match("[sStT]"), "no setuid, setgid or sticky bit");
            Assert.That(listing.Where(l => l[0] != 'l').Select(l => l[8]), Has.All.EqualTo('-'), "nothing writable by others");
            Assert.That(listing.Where(l => l[0] == 'd').Select(l => l[..10]), Has.All.Match("^d[-r][-w][-x][-r]-[-x][-r]-[-x]$"), "directories at most 0755");
            Assert.That(modes["web-1.4.0/install/rootsh"], Is.EqualTo("-rwxr-xr-x"));
            Assert.That(modes["web-1.4.0/install/ks/"], Is.EqualTo("drwxr-xr-x"));
            Assert.That(modes["web-1.4.0/install/postinstall/"], Is.EqualTo("drwxr-xr-x"));
            Assert.That(modes["web-1.4.0/install/shared/"], Is.EqualTo("drwxr-xr-x"));
            Assert.That(modes["web-1.4.0/install/postinstall/root/"], Is.EqualTo("drwxr-x---"), "narrower stays narrower");
            Assert.That(modes["web-1.4.0/install/ks/private.cfg"], Is.EqualTo("-rw-------"), "narrower stays narrower");
            Assert.That(modes["web-1.4.0/install/postinstall/etc/motd"], Is.EqualTo("-rw-rw-r--"));
        });

        var report = File.ReadAllText(artifacts.Report);
        Assert.That(report, Does.Contain("| rootsh | ks-cd.iso:/rootsh | 04755 | 0755 |"));
        Assert.That(report, Does.Contain("| ks | ks-cd.iso:/ks | 0777 | 0755 |"));
        Assert.That(report, Does.Contain("| postinstall/root | ks-cd.iso:/postinstall/root | 02770 | 0750 |"));
        Assert.That(report, Does.Not.Contain("| ks/private.cfg |"), "a mode within bounds is not listed");
    }

    [Test]
    public void A_thousand_hard_links_to_one_file_give_a_bundle_the_size_of_the_file_that_both_tars_unpack_as_links()
    {
        // The file sits deep enough that its name does not fit a tar header's link field.
        var deep = "postinstall/" + new string('d', 90);
        var recipe = DemoWithKickstartCd(cd =>
        {
            Directory.CreateDirectory(Path.Combine(cd, deep));
            File.WriteAllBytes(Path.Combine(cd, deep, "blob"), RandomBytes(1 << 20));
            Directory.CreateDirectory(Path.Combine(cd, "many"));
            Tool.Shell($"for i in $(seq 1000); do ln {deep}/blob many/link$i; done", cd).EnsureSuccess("ln");
        }, asImage: true);
        Assert.That(new FileInfo(_temp["ks-cd.iso"]).Length, Is.LessThan(2_000_000), "genisoimage keeps one copy");

        using var pipeline = new BundlePipeline(recipe, new PipelineOptions { ArtifactsDirectory = _temp["artifacts"] }, NullPipelineLog.Instance);
        using var second = new BundlePipeline(recipe, new PipelineOptions { ArtifactsDirectory = _temp["again"] }, NullPipelineLog.Instance);
        var first = XenBundleStages.RunAll(pipeline);
        var again = XenBundleStages.RunAll(second);

        Assert.That(new FileInfo(first.Tarball).Length, Is.LessThan(3_000_000), "the bundle grows with the data, not with the names");
        Assert.That(File.ReadAllBytes(again.Tarball), Is.EqualTo(File.ReadAllBytes(first.Tarball)), "still byte-reproducible");
        var listing = Tool.Run("tar", "-tvzf", first.Tarball).EnsureSuccess("tar -tv").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(listing.Count(l => l.StartsWith('h')), Is.EqualTo(1000));
        AssertLinksNameEarlierEntries(listing, "web-1.4.0/");
        Assert.That(first.Content.Files.Count(f => f.Path.StartsWith("install/many/link", StringComparison.Ordinal) && f.Size == 1 << 20), Is.EqualTo(1000), "the manifest lists every name as a file, as before");

        foreach (var (tar, directory) in new[] { ("tar", "gnu"), ("bsdtar", "bsd") })
        {
            Directory.CreateDirectory(_temp[directory]);
            Tool.Run(tar, "-xzf", first.Tarball, "-C", _temp[directory]).EnsureSuccess(tar + " -x");
            var top = Path.Combine(_temp[directory], "web-1.4.0");
            Assert.That(LinkCount(Path.Combine(top, "install", deep, "blob")), Is.EqualTo(1001), tar);
            Assert.That(Inode(Path.Combine(top, "install/many/link1000")), Is.EqualTo(Inode(Path.Combine(top, "install", deep, "blob"))), tar);
            Tool.Run("sha256sum", ["--quiet", "-c", "SHA256SUMS"], top).EnsureSuccess("sha256sum -c after " + tar);
        }
    }

    [Test]
    public void Image_records_that_point_into_another_file_with_other_lengths_are_refused()
    {
        // Not a hard link (those share the runs whole): a thousand such records would make a
        // thousand MiB-sized files out of one MiB of image.
        _temp.Write("source/small", "small\n");
        File.WriteAllBytes(_temp["source/big"], RandomBytes(1 << 20));
        var image = ImageBytes.Load(IsoTools.Genisoimage(_temp["source"], _temp["overlap.iso"], "-R"));
        var (big, small) = (image.RecordOf("big"), image.RecordOf("small"));
        image.SetBothEndian(small + 2, image.BothEndian(big + 2));
        image.SetBothEndian(small + 10, (1 << 20) - 1);

        var error = Assert.Throws<IsoFormatException>(() => image.Open().Dispose())!;

        Assert.That(error.ErrorLine, Does.Match(@"^error: overlap\.iso: offset \d+: the content of '(big|small)' overlaps that of '(big|small)' with other lengths: files of an image share bytes only as hard links$"));
    }

    /// <summary>A recipe with the demo's discs and a copy of its kickstart CD changed by <paramref name="change"/>, as a directory or an image.</summary>
    private Recipe DemoWithKickstartCd(Action<string> change, bool asImage = false)
    {
        var cd = Path.Combine(RecipeText.CopyDemoMedia(_temp), "acme-ks-cd");
        change(cd);
        var text = RecipeText.Valid(_temp["media"]);
        if (asImage)
        {
            text = text.Replace(cd + "\n", IsoTools.Genisoimage(cd, _temp["ks-cd.iso"], "-R", "-J") + "\n", StringComparison.Ordinal);
        }

        return RecipeLoader.Load(RecipeText.Write(_temp, text));
    }

    /// <summary>Every hard link names an entry listed before it, under the same top directory, with no <c>..</c>.</summary>
    private static void AssertLinksNameEarlierEntries(string[] listing, string top)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in listing)
        {
            var name = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries)[5];
            if (line.StartsWith('h'))
            {
                var (link, target) = (name[..name.IndexOf(" link to ", StringComparison.Ordinal)], name[(name.IndexOf(" link to ", StringComparison.Ordinal) + 9)..]);
                Assert.That(target, Does.StartWith(top).And.Not.Contain(".."), line);
                Assert.That(seen, Does.Contain(target), $"{link}: its target comes earlier");
                name = link;
            }

            seen.Add(name);
        }
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(14).NextBytes(bytes);
        return bytes;
    }

    private static void Chmod(string mode, string path) => Tool.Run("chmod", mode, path).EnsureSuccess("chmod");

    private static void HardLink(string existing, string name) => Tool.Run("ln", existing, name).EnsureSuccess("ln");

    private static long Inode(string path) => long.Parse(Tool.Run("stat", "-c", "%i", path).EnsureSuccess("stat").Output.Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static int LinkCount(string path) => int.Parse(Tool.Run("stat", "-c", "%h", path).EnsureSuccess("stat").Output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
