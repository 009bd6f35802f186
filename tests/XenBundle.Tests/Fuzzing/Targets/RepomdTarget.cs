using System.IO.Compression;
using XenBundle.Media;
using XenBundle.Repository;
using XenBundle.Tree;

namespace XenBundle.Tests.Fuzzing.Targets;

/// <summary>
/// The repomd.xml reader (the only place the code reads one): find the comps a medium's
/// repository names, plain or gzipped, and read it. The medium also holds a directory,
/// a symlink and a file that is not gzip, for a hostile repomd.xml to point at.
/// </summary>
internal sealed class RepomdTarget : FuzzTarget
{
    private static readonly byte[] CompsBytes = File.ReadAllBytes(Path.Combine(Repository.Fixtures, "fuzz", "comps", "demo-comps.xml"));

    private static readonly byte[] CompsGzip = Gzip(CompsBytes);

    public override string Name => "repomd";

    public override IReadOnlyList<byte[]> Dictionary { get; } = Tokens(
        "repodata/comps.xml", "repodata/comps.xml.gz", "repodata/directory", "repodata/link", "repodata/not-gzip.gz", "../", "/etc/passwd",
        "group", "group_gz", "<!DOCTYPE repomd [<!ENTITY x \"y\">]>", "&x;", "href=\"", "type=\"");

    public override void Run(byte[] input)
    {
        using var medium = new InMemoryMedium("fuzz-disc", new Dictionary<string, byte[]?>
        {
            ["repodata"] = null,
            ["repodata/repomd.xml"] = input,
            ["repodata/comps.xml"] = CompsBytes,
            ["repodata/comps.xml.gz"] = CompsGzip,
            ["repodata/not-gzip.gz"] = CompsBytes,
            ["repodata/directory"] = null,
        }, symlinks: new Dictionary<string, string> { ["repodata/link"] = "comps.xml" });
        _ = MediumComps.Read(medium);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return buffer.ToArray();
    }
}

/// <summary>A medium held in memory: files (bytes), directories (null) and symlinks.</summary>
internal sealed class InMemoryMedium : IMediaSource
{
    private readonly Dictionary<string, byte[]?> _files;

    public InMemoryMedium(string name, Dictionary<string, byte[]?> entries, Dictionary<string, string>? symlinks = null)
    {
        Name = name;
        _files = entries;
        Entries =
        [
            .. entries.Select(e => e.Value is null
                ? new MediaEntry { Path = e.Key, Kind = EntryKind.Directory, Mode = UnixMode.Directory }
                : new MediaEntry { Path = e.Key, Kind = EntryKind.File, Mode = UnixMode.File, Size = e.Value.Length }),
            .. (symlinks ?? []).Select(l => new MediaEntry { Path = l.Key, Kind = EntryKind.Symlink, Mode = UnixMode.Symlink, SymlinkTarget = l.Value }),
        ];
        Entries = [.. Entries.OrderBy(e => e.Path, StringComparer.Ordinal)];
    }

    public string Name { get; }

    public string Location => Name;

    public IReadOnlyList<MediaEntry> Entries { get; }

    public DateTimeOffset RecordedTime => DateTimeOffset.UnixEpoch;

    public MediaEntry? Find(string path) => Entries.FirstOrDefault(e => e.Path == path);

    public Stream OpenRead(MediaEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Kind == EntryKind.File && _files.GetValueOrDefault(entry.Path) is { } bytes
            ? new MemoryStream(bytes, writable: false)
            : throw new InvalidOperationException($"{entry.Path} is not a file of {Name}");
    }

    public void Dispose()
    {
    }
}
