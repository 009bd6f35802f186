using System.Buffers.Binary;
using System.Globalization;
using XenBundle.Rpm;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Rpm;

/// <summary>The header reader against rpm itself, and against broken and hostile files.</summary>
[TestFixture]
public sealed class RpmHeaderReaderTests
{
    private const string Query =
        "%{NAME}|%{EPOCH}|%{VERSION}|%{RELEASE}|%{ARCH}|%{SUMMARY}|%{URL}|%{VENDOR}|%{PACKAGER}|%{LICENSE}|%{GROUP}|%{BUILDHOST}|%{SOURCERPM}|%{BUILDTIME}|%{LONGSIZE}|%{LONGARCHIVESIZE}\n"
        + "[P %{PROVIDENAME}|%{PROVIDEFLAGS}|%{PROVIDEVERSION}\n]"
        + "[R %{REQUIRENAME}|%{REQUIREFLAGS}|%{REQUIREVERSION}\n]"
        + "[C %{CONFLICTNAME}|%{CONFLICTFLAGS}|%{CONFLICTVERSION}\n]"
        + "[O %{OBSOLETENAME}|%{OBSOLETEFLAGS}|%{OBSOLETEVERSION}\n]"
        + "[W %{RECOMMENDNAME}|%{RECOMMENDFLAGS}|%{RECOMMENDVERSION}\n]"
        + "[S %{SUGGESTNAME}|%{SUGGESTFLAGS}|%{SUGGESTVERSION}\n]"
        + "[U %{SUPPLEMENTNAME}|%{SUPPLEMENTFLAGS}|%{SUPPLEMENTVERSION}\n]"
        + "[E %{ENHANCENAME}|%{ENHANCEFLAGS}|%{ENHANCEVERSION}\n]"
        + "[F %{FILENAMES}|%{FILEMODES}|%{FILEFLAGS}\n]"
        + "[L %{CHANGELOGTIME}|%{CHANGELOGNAME}|%{CHANGELOGTEXT}\n]";

    public static IEnumerable<string> Packages() => RpmFixtures.AllNames;

    [Category(TestCategories.Tool)]
    [TestCaseSource(nameof(Packages))]
    public void Reads_every_field_as_rpm_does(string fileName)
    {
        var path = RpmFixtures.All.Single(p => Path.GetFileName(p) == fileName);
        var expected = Tool.Run("rpm", "-qp", "--qf", Query, path).EnsureSuccess("rpm -qp").Output;

        using var stream = File.OpenRead(path);
        var package = RpmPackageReader.Read(stream, fileName);

        Assert.That(Describe(package), Is.EqualTo(expected));
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void Reads_only_the_header_bytes_and_finds_the_header_range()
    {
        using var file = File.OpenRead(RpmFixtures.Alpha);
        using var counting = new CountingStream(file);
        var headers = RpmHeaderReader.Read(counting, "alpha.rpm");

        // The range createrepo_c writes for this package (rpm:header-range in its primary.xml).
        var (start, end) = CreaterepoHeaderRange(RpmFixtures.Alpha);
        Assert.Multiple(() =>
        {
            Assert.That(headers.Range, Is.EqualTo(new HeaderRange(start, end)));
            Assert.That(counting.BytesRead, Is.EqualTo(end), "read past the main header");
            Assert.That(end, Is.LessThan(new FileInfo(RpmFixtures.Alpha).Length));
        });
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void A_truncated_package_is_an_error_naming_file_and_offset([Values(0, 50, 100, 2000, 4600)] int length)
    {
        var bytes = File.ReadAllBytes(RpmFixtures.Alpha)[..length];

        var error = Assert.Throws<XenBundleException>(() => RpmHeaderReader.Read(new MemoryStream(bytes), "disc1:/CentOS/alpha.rpm"))!;

        Assert.That(error.Location, Is.EqualTo($"disc1:/CentOS/alpha.rpm: offset {length}"));
        Assert.That(error.Message, Does.Contain("truncated"));
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void A_file_that_is_no_rpm_is_an_error()
    {
        var error = Assert.Throws<XenBundleException>(() => RpmHeaderReader.Read(new MemoryStream(new byte[200]), "disc1:/junk.rpm"))!;

        Assert.That(error.ErrorLine, Is.EqualTo("error: disc1:/junk.rpm: offset 0: not an RPM package (no RPM lead magic)"));
    }

    [Category(TestCategories.Tool)]
    [TestCase(8, 0x7FFFFFFFu, "index entries")]
    [TestCase(12, 0x7FFFFFFFu, "exceeds rpm's limit")]
    [TestCase(8, 0u, "index entries")]
    public void Hostile_header_sizes_are_refused_before_anything_is_allocated(int field, uint value, string message)
    {
        var bytes = File.ReadAllBytes(RpmFixtures.Alpha);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(RpmHeaderReader.LeadSize + field), value);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<XenBundleException>(() => RpmHeaderReader.Read(new MemoryStream(bytes), "x.rpm"))!;

        Assert.That(error.Message, Does.Contain(message));
        Assert.That(error.Location, Is.EqualTo($"x.rpm: offset {RpmHeaderReader.LeadSize + field}"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 20));
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void An_index_entry_pointing_outside_the_data_is_an_error_naming_its_tag()
    {
        var bytes = File.ReadAllBytes(RpmFixtures.Alpha);
        var (start, _) = CreaterepoHeaderRange(RpmFixtures.Alpha);
        // The second index entry of the main header: make its offset point far past the data.
        var entry = (int)start + 16 + 16;
        var tag = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(entry));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(entry + 8), 0x40000000);

        var error = Assert.Throws<XenBundleException>(() => RpmHeaderReader.Read(new MemoryStream(bytes), "x.rpm"))!;

        Assert.That(error.Message, Does.StartWith($"main header tag {tag}:").And.Contain("outside"));
        Assert.That(error.Location, Is.EqualTo($"x.rpm: offset {entry}"));
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void Two_entries_sharing_data_are_an_error()
    {
        var bytes = File.ReadAllBytes(RpmFixtures.Alpha);
        var (start, _) = CreaterepoHeaderRange(RpmFixtures.Alpha);
        // Make the third index entry of the main header describe the second one's data.
        var second = (int)start + 16 + 16;
        var third = second + 16;
        bytes.AsSpan(second + 4, 12).CopyTo(bytes.AsSpan(third + 4, 12));

        var error = Assert.Throws<XenBundleException>(() => RpmHeaderReader.Read(new MemoryStream(bytes), "x.rpm"))!;

        Assert.That(error.Message, Does.Contain("overlaps"));
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void A_string_without_its_terminator_is_an_error()
    {
        var bytes = File.ReadAllBytes(RpmFixtures.Alpha);
        var (start, end) = CreaterepoHeaderRange(RpmFixtures.Alpha);
        // Overwrite the last byte of the main header's data store (a string's NUL) and every NUL before it up to 64 bytes.
        for (var i = (int)end - 1; i > end - 64; i--)
        {
            bytes[i] = (byte)'x';
        }

        Assert.That(start, Is.GreaterThan(0));
        var error = Assert.Throws<XenBundleException>(() => RpmHeaderReader.Read(new MemoryStream(bytes), "x.rpm"))!;

        Assert.That(error.Message, Does.Contain("not terminated"));
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void A_header_that_claims_more_data_than_its_small_file_holds_is_refused_before_allocating()
    {
        // The signature header of a 5 KB package claims rpm's largest data store (16 MiB).
        var bytes = File.ReadAllBytes(RpmFixtures.Alpha);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(RpmHeaderReader.LeadSize + 12), RpmHeaderReader.MaxDataSize);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<XenBundleException>(() => RpmHeaderReader.Read(new MemoryStream(bytes), "x.rpm"))!;

        Assert.That(error.Message, Does.Contain("claims 16777215 bytes (truncated package)"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 20), "the 16 MiB were not allocated");
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void A_file_list_of_one_long_directory_for_thousands_of_files_is_refused_before_it_is_built()
    {
        // Half a MB of header data (enough entries for 20 000 files) that would make 20 000 paths of 4000 characters: 160 MB of strings.
        var package = HandMadeRpm.WithFiles("bomb", 20_000, "/" + new string('d', 3998) + "/", "f", padding: 400_000);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<XenBundleException>(() => RpmPackageReader.Read(new MemoryStream(package), "disc1:/bomb.rpm"))!;

        Assert.That(error.ErrorLine, Does.Match(@"^error: disc1:/bomb\.rpm: the 20000 file paths of the header come to more than \d+ characters, from \d+ bytes of header data"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(32 << 20));
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void Hundreds_of_thousands_of_empty_file_names_are_refused_before_the_file_list_is_built()
    {
        // 5 bytes a file (an empty base name, a directory index): 100 000 files in 500 KB.
        var package = HandMadeRpm.WithFiles("many", 100_000, string.Empty, string.Empty);

        var error = Assert.Throws<XenBundleException>(() => RpmPackageReader.Read(new MemoryStream(package), "many.rpm"))!;

        Assert.That(error.Message, Does.Match(@"^100000 files in \d+ bytes of header data, fewer than real files take"));
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void A_file_path_longer_than_path_max_is_refused()
    {
        var package = HandMadeRpm.WithFiles("long", 1, "/", new string('f', 5000));

        var error = Assert.Throws<XenBundleException>(() => RpmPackageReader.Read(new MemoryStream(package), "long.rpm"))!;

        Assert.That(error.Message, Does.StartWith("a file path of 5001 characters: longer than any path"));
    }

    /// <summary>The package in rpm's --qf layout above, from our reader.</summary>
    private static string Describe(RpmPackage p)
    {
        static string Or(string? text) => string.IsNullOrEmpty(text) ? "(none)" : text;
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{p.Name}|{(p.Epoch is { } e ? e.ToString(CultureInfo.InvariantCulture) : "(none)")}|{p.Version}|{p.Release}|{p.Arch}|{Or(p.Summary)}|{Or(p.Url)}|{Or(p.Vendor)}|{Or(p.Packager)}|{Or(p.License)}|{Or(p.Group)}|{Or(p.BuildHost)}|{Or(p.SourceRpm)}|{p.BuildTime}|{p.InstalledSize}|{p.ArchiveSize}\n");
        foreach (var (letter, list) in new[] { ("P", p.Provides), ("R", p.Requires), ("C", p.Conflicts), ("O", p.Obsoletes), ("W", p.Recommends), ("S", p.Suggests), ("U", p.Supplements), ("E", p.Enhances) })
        {
            foreach (var d in list)
            {
                text.Append(CultureInfo.InvariantCulture, $"{letter} {d.Name}|{(uint)d.Flags}|{d.Version}\n");
            }
        }

        foreach (var f in p.Files)
        {
            text.Append(CultureInfo.InvariantCulture, $"F {f.Path}|{f.Mode}|{(int)f.Flags}\n");
        }

        foreach (var c in p.Changelogs)
        {
            text.Append(CultureInfo.InvariantCulture, $"L {c.Time}|{c.Author}|{c.Text}\n");
        }

        return text.ToString();
    }

    private static (long Start, long End) CreaterepoHeaderRange(string package)
    {
        using var directory = new TempDirectory("range");
        RpmFixtures.CopyTo(directory.Path, [package]);
        Tool.Run("createrepo_c", "-q", "--no-database", directory.Path).EnsureSuccess("createrepo_c");
        var primary = Directory.GetFiles(Path.Combine(directory.Path, "repodata"), "*-primary.xml.gz").Single();
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(primary), System.IO.Compression.CompressionMode.Decompress);
        var xml = System.Xml.Linq.XDocument.Load(gzip);
        var range = xml.Descendants().Single(e => e.Name.LocalName == "header-range");
        return (long.Parse((string)range.Attribute("start")!, CultureInfo.InvariantCulture), long.Parse((string)range.Attribute("end")!, CultureInfo.InvariantCulture));
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
