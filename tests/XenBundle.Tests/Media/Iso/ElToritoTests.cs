using System.Text.RegularExpressions;
using XenBundle.Media.Iso;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Media.Iso;

/// <summary>The boot catalog of bootable images, against what xorriso reports of the same image.</summary>
[Category(TestCategories.Tool)]
public sealed partial class ElToritoTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory("eltorito");
        Directory.CreateDirectory(_temp["source/isolinux"]);
        File.WriteAllBytes(_temp["source/isolinux/isolinux.bin"], new byte[4096]);
        File.WriteAllBytes(_temp["source/isolinux/efiboot.img"], new byte[16 * 1024]);
        _temp.Write("source/README", "bootable\n");
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void A_bios_boot_image_made_by_genisoimage()
    {
        var image = IsoTools.Genisoimage(_temp["source"], _temp["bios.iso"], "-R", "-J", "-b", "isolinux/isolinux.bin", "-c", "isolinux/boot.cat", "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table");

        using var iso = IsoMediaSource.Open(image);

        AssertSameAsXorriso(iso, image, expectedImages: 1);
        Assert.That(iso.BootCatalog!.Describe(), Does.Contain("platform x86 BIOS").And.Contain("bootable, no emulation, loading 4 sectors of 512 bytes from sector"));
    }

    [Test]
    public void A_bios_and_a_uefi_boot_image_made_by_xorriso()
    {
        var image = IsoTools.Xorriso(_temp["source"], _temp["hybrid.iso"], "-R", "-J", "-b", "isolinux/isolinux.bin", "-c", "isolinux/boot.cat", "-no-emul-boot", "-boot-load-size", "4", "-eltorito-alt-boot", "-e", "isolinux/efiboot.img", "-no-emul-boot");

        using var iso = IsoMediaSource.Open(image);

        AssertSameAsXorriso(iso, image, expectedImages: 2);
        Assert.That(iso.BootCatalog!.Entries[1].Platform, Is.EqualTo("UEFI"));
        Assert.That(iso.BootCatalog.Describe(), Does.Contain("section entry 1 (UEFI)"));
    }

    [Test]
    public void An_image_without_a_boot_record_has_no_catalog()
    {
        using var iso = IsoMediaSource.Open(IsoTools.Genisoimage(_temp["source"], _temp["plain.iso"], "-R"));
        Assert.That(iso.BootCatalog, Is.Null);
    }

    /// <summary>Catalog sector, and per image: platform, bootable, emulation, load segment, load size, LBA.</summary>
    private static void AssertSameAsXorriso(IsoMediaSource iso, string image, int expectedImages)
    {
        var report = Tool.Run("xorriso", "-indev", image, "-report_el_torito", "plain").EnsureSuccess("xorriso -report_el_torito").Output;
        var catalog = CatalogLine().Match(report);
        var images = ImageLine().Matches(report).Select(m => string.Join(' ', m.Groups.Values.Skip(1).Select(g => g.Value))).ToList();
        Assert.That(catalog.Success && images.Count == expectedImages, Is.True, report);

        var ours = iso.BootCatalog!.Entries.Select(e => string.Join(' ', e.Platform == "x86 BIOS" ? "BIOS" : e.Platform, e.Bootable ? "y" : "n", e.Emulation == "no emulation" ? "none" : e.Emulation, $"0x{e.LoadSegment:x4}", e.SectorCount, e.LoadRba));
        Assert.That(iso.BootCatalog.Sector.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(catalog.Groups[1].Value));
        Assert.That(ours, Is.EqualTo(images));
        Assert.That(iso.BootCatalog.Problem, Is.Null);
    }

    [GeneratedRegex(@"El Torito catalog\s*:\s*(\d+)")]
    private static partial Regex CatalogLine();

    [GeneratedRegex(@"El Torito boot img\s*:\s*\d+\s+(\S+)\s+(\S)\s+(\S+)\s+(0x[0-9a-f]+)\s+0x[0-9a-f]+\s+(\d+)\s+(\d+)")]
    private static partial Regex ImageLine();
}
