using XenBundle.Tests.Media.Iso;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.EndToEnd;

/// <summary><c>./build.sh --target=ExtractIso --iso=FILE --output=DIR</c> as a user runs it.</summary>
[Category(TestCategories.EndToEnd)]
public sealed class ExtractIsoScriptTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory("extractiso");
        _temp.Write("source/isolinux/isolinux.cfg", "default linux\n");
        File.WriteAllBytes(_temp["source/isolinux/isolinux.bin"], new byte[2048]);
        _temp.Write("source/ks/ks.cfg", "cdrom\n");
        File.SetUnixFileMode(_temp["source/ks/ks.cfg"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.CreateSymbolicLink(_temp["source/ks.cfg"], "ks/ks.cfg");
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void A_bootable_image_is_extracted_as_bsdtar_would_with_paths_relative_to_the_caller()
    {
        IsoTools.Genisoimage(_temp["source"], _temp["disc.iso"], "-R", "-J", "-b", "isolinux/isolinux.bin", "-c", "isolinux/boot.cat", "-no-emul-boot");

        var result = BuildScript.Run(["--target=ExtractIso", "--iso=disc.iso", "--output=tree"], workingDirectory: _temp.Path).EnsureSuccess("ExtractIso");

        Assert.That(result.Output, Does.Contain("disc.iso: volume 'CDROM'").And.Contain("El Torito boot catalog at sector"));
        var expected = TreeListing.OfDirectory(IsoTools.BsdtarExtract(_temp["disc.iso"], _temp["bsdtar"]), withModes: true);
        Assert.That(TreeListing.OfDirectory(_temp["tree"], withModes: true), Is.EqualTo(expected));
    }

    [Test]
    public void A_hostile_image_fails_with_one_error_line_naming_the_image_and_offset_and_writes_nothing()
    {
        var image = ImageBytes.Load(IsoTools.Genisoimage(_temp["source"], _temp["clean.iso"], "-R"));
        var record = image.RecordOf("ks/ks.cfg");
        image.Write(image.EntryIn(record, "NM") + 5, "../x.cfg");
        Directory.CreateDirectory(_temp["run"]);
        File.WriteAllBytes(_temp["run/hostile.iso"], image.Bytes);

        var result = BuildScript.Run(["--target=ExtractIso", "--iso=hostile.iso", "--output=tree"], workingDirectory: _temp["run"]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(BuildScriptTests.ErrorLines(result), Has.Count.EqualTo(1));
        Assert.That(BuildScriptTests.ErrorLines(result)[0], Does.StartWith($"error: hostile.iso: offset {record}: unsafe name"));
        Assert.That(result.Error + result.Output, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(Directory.GetFileSystemEntries(_temp["run"]), Is.EqualTo(new[] { _temp["run/hostile.iso"] }));
    }

    [Test]
    public void An_absolute_symlink_is_not_extracted()
    {
        File.CreateSymbolicLink(_temp["source/passwd"], "/etc/passwd");
        IsoTools.Xorriso(_temp["source"], _temp["links.iso"], "-R");

        var result = BuildScript.Run(["--target=ExtractIso", $"--iso={_temp["links.iso"]}", $"--output={_temp["tree"]}"]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(BuildScriptTests.ErrorLines(result), Has.Count.EqualTo(1).And.Some.Match(@"^error: links\.iso: offset \d+: symlink 'passwd' points outside the tree \('/etc/passwd'\)"));
        Assert.That(Directory.Exists(_temp["tree"]), Is.False);
    }

    [TestCase("--iso=x.iso", "error: --output: missing")]
    [TestCase("--output=dir", "error: --iso: missing")]
    public void A_missing_option_is_bad_usage(string given, string expected)
    {
        _temp.Write("x.iso", string.Empty); // there: the missing option is what is wrong
        var result = BuildScript.Run(["--target=ExtractIso", given], workingDirectory: _temp.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(BuildScriptTests.ErrorLines(result), Has.Count.EqualTo(1).And.Some.StartsWith(expected));
    }
}
