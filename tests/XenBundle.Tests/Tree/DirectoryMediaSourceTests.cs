using XenBundle.Media;
using XenBundle.Tests.Support;
using XenBundle.Tree;

namespace XenBundle.Tests.Tree;

public sealed class DirectoryMediaSourceTests
{
    [Category(TestCategories.Unit)]
    [Test]
    public void A_directory_lists_names_kinds_modes_sizes_times_and_symlinks()
    {
        using var temp = new TempDirectory("dirsource");
        var secret = temp.Write("cd/secret/key", "private");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var script = temp.Write("cd/bin/run.sh", "#!/bin/sh\n");
        File.SetUnixFileMode(script, (UnixFileMode)UnixMode.Executable);
        File.SetLastWriteTimeUtc(script, new DateTime(2014, 9, 29, 12, 0, 0, DateTimeKind.Utc));
        File.CreateSymbolicLink(temp["cd/bin/run"], "run.sh");
        Directory.CreateSymbolicLink(temp["cd/outside"], "/etc");

        using var source = new DirectoryMediaSource(temp["cd"]);
        var byPath = source.Entries.ToDictionary(e => e.Path);

        Assert.Multiple(() =>
        {
            Assert.That(source.Name, Is.EqualTo("cd"));
            Assert.That(source.Entries.Select(e => e.Path), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            Assert.That(byPath["secret/key"].Mode, Is.EqualTo(UnixMode.Private));
            Assert.That(byPath["secret/key"].Size, Is.EqualTo(7));
            Assert.That(byPath["bin/run.sh"].Mode, Is.EqualTo(UnixMode.Executable));
            Assert.That(byPath["bin/run.sh"].ModifiedTime, Is.EqualTo(new DateTimeOffset(2014, 9, 29, 12, 0, 0, TimeSpan.Zero)));
            Assert.That(byPath["bin"].Kind, Is.EqualTo(EntryKind.Directory));
            Assert.That(byPath["bin/run"].Kind, Is.EqualTo(EntryKind.Symlink));
            Assert.That(byPath["bin/run"].SymlinkTarget, Is.EqualTo("run.sh"));
            Assert.That(byPath["outside"].Kind, Is.EqualTo(EntryKind.Symlink), "a symlink to a directory is not followed");
            Assert.That(byPath.Keys, Has.None.StartsWith("outside/"));
        });

        using var reader = new StreamReader(source.OpenRead(byPath["secret/key"]));
        Assert.That(reader.ReadToEnd(), Is.EqualTo("private"));
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void A_fifo_is_refused_instead_of_hanging_the_build()
    {
        using var temp = new TempDirectory("fifo");
        Directory.CreateDirectory(temp["cd"]);
        Tool.Run("mkfifo", temp["cd/pipe"]).EnsureSuccess("mkfifo");
        Assert.That(() => new DirectoryMediaSource(temp["cd"]), Throws.InstanceOf<XenBundleException>().With.Message.Contains("not a regular file"));
    }
}
