using XenBundle.Media.Iso;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Media.Iso;

/// <summary>
/// The time an image records (for the build clock when neither SOURCE_DATE_EPOCH nor git
/// gives one): the primary volume descriptor's dates as xorriso wrote them, never the image
/// file's modification time.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class VolumeDateTests
{
    [Test]
    public void An_image_records_its_volume_dates_whatever_the_files_time()
    {
        using var temp = new TempDirectory("voldate");
        Directory.CreateDirectory(temp["source/a"]);
        File.WriteAllText(temp["source/a/f"], "hi\n");
        File.SetLastWriteTimeUtc(temp["source/a/f"], new DateTime(2019, 5, 6, 7, 8, 9, DateTimeKind.Utc));
        var image = IsoTools.Xorriso(temp["source"], temp["x.iso"], "-quiet", "-R", "-J", "--modification-date=2020010203040500");
        File.SetLastWriteTimeUtc(image, new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        using var medium = IsoMediaSource.Open(image);

        Assert.That(medium.VolumeRecordedAt, Is.EqualTo(new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero)));
        Assert.That(medium.RecordedTime, Is.EqualTo(medium.VolumeRecordedAt));
    }

    [Test]
    public void An_image_without_volume_dates_gives_its_newest_entrys_recorded_date()
    {
        using var temp = new TempDirectory("voldate");
        Directory.CreateDirectory(temp["source/a"]);
        File.WriteAllText(temp["source/a/f"], "hi\n");
        File.SetLastWriteTimeUtc(temp["source/a/f"], new DateTime(2019, 5, 6, 7, 8, 9, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(temp["source/a"], new DateTime(2018, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var image = IsoTools.Xorriso(temp["source"], temp["x.iso"], "-quiet", "-R", "-J", "--modification-date=2020010203040500");
        // ECMA-119's "not specified" form, digits '0' and a zero offset, in both volume dates.
        using (var file = new FileStream(image, FileMode.Open, FileAccess.ReadWrite))
        {
            foreach (var offset in new[] { 813, 830 })
            {
                file.Position = (16 * 2048) + offset;
                file.Write([.. Enumerable.Repeat((byte)'0', 16), 0]);
            }
        }

        using var medium = IsoMediaSource.Open(image);

        Assert.That(medium.VolumeRecordedAt, Is.Null);
        Assert.That(medium.RecordedTime, Is.EqualTo(medium.Entries.Max(e => e.ModifiedTime)));
        Assert.That(medium.RecordedTime, Is.EqualTo(new DateTimeOffset(2019, 5, 6, 7, 8, 9, TimeSpan.Zero)), "the file's Rock Ridge time, the newest in the image");
    }
}
