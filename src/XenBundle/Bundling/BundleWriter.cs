using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ICSharpCode.SharpZipLib.Tar;
using XenBundle.Tree;

namespace XenBundle.Bundling;

/// <summary>What to write: the bundle's content tree and where the artifacts go.</summary>
public sealed record BundleRequest
{
    /// <summary>Entries relative to the bundle's top directory (install/..., dom0/..., README.txt).</summary>
    public required VirtualTree Content { get; init; }

    /// <summary>The one top directory: <c>NAME-VERSION</c>.</summary>
    public required string TopDirectory { get; init; }

    /// <summary>The time every entry carries.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The manifest without its file list, which the writer fills in.</summary>
    public required BundleManifest Manifest { get; init; }

    public required string TarballPath { get; init; }

    /// <summary>Where the copy of manifest.json beside the bundle goes; null for none.</summary>
    public string? ManifestPath { get; init; }

    /// <summary>
    /// A second hash the writer computes of some contents as it copies them (SHA-1 of an EL5 tree's
    /// packages, for its metadata), so that nothing reads them again for it; null for none.
    /// </summary>
    public SecondHash? SecondHash { get; init; }

    /// <summary>
    /// Files made from the hashes of the others (the repository metadata, named by the packages'
    /// checksums): asked once every entry of <see cref="Content"/> is written, and written after them.
    /// Null for none.
    /// </summary>
    public Func<IReadOnlyDictionary<IContent, ContentHashes>, VirtualTree>? LateFiles { get; init; }

    /// <summary>
    /// The manifest made whole once every file is written, from the hashes the writer computed as it
    /// copied them (a medium's fingerprint lists its files' SHA-256, a package's checksum is the one
    /// the metadata has), so that no input is read again for it. Given the manifest with its file
    /// list; null: <see cref="Manifest"/> as given.
    /// </summary>
    public Func<IReadOnlyDictionary<IContent, ContentHashes>, BundleManifest, BundleManifest>? CompleteManifest { get; init; }
}

/// <summary>Which contents get a second hash, and which one.</summary>
public sealed record SecondHash(System.Security.Cryptography.HashAlgorithmName Algorithm, IReadOnlySet<IContent> Of);

/// <summary>What the writer computed of one content as it copied it: its SHA-256, and the <see cref="SecondHash"/> when one was asked.</summary>
public sealed record ContentHashes(string Sha256, string? Second)
{
    /// <summary>The hash named (lowercase hex), when the writer has it.</summary>
    public string? As(System.Security.Cryptography.HashAlgorithmName algorithm) =>
        algorithm == System.Security.Cryptography.HashAlgorithmName.SHA256 ? Sha256 : Second;
}

/// <summary>
/// Writes the bundle as a deterministic tar.gz in one pass: entries in ordinal path
/// order (then manifest.json and SHA256SUMS, which describe them), names of one stored
/// file as tar hard links to the first (see <see cref="HardLinks"/>), owner root:root,
/// modes kept but never wider than <see cref="BundleMode"/> allows, one fixed time, content streamed from the media while it is hashed.
/// The artifacts appear under their final names only when complete.
/// </summary>
public sealed class BundleWriter(IProgress<long>? progress = null)
{
    public const string ManifestName = "manifest.json";
    public const string ChecksumsName = "SHA256SUMS";

    // Files read and hashed ahead of the tar writer, each by its own worker.
    private static readonly int FilesInFlight = Math.Clamp(Environment.ProcessorCount, 2, 4);

    public BundleManifest Write(BundleRequest request)
    {
        using var artifacts = new ArtifactSet();
        var manifest = Write(request, artifacts);
        artifacts.Commit();
        return manifest;
    }

    /// <summary>Writes the tarball and the manifest beside it into <paramref name="artifacts"/>, to be committed with the rest of the set.</summary>
    public BundleManifest Write(BundleRequest request, ArtifactSet artifacts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(artifacts);
        var files = new List<ManifestFile>();
        var output = artifacts.Create(request.TarballPath);
        BundleManifest manifest;
        byte[] manifestBytes;
        var gzip = new ParallelGzipStream(output.Stream);
        try
        {
            // Not disposed on failure: disposing a tar stream finishes it, which would throw
            // again over a half-written entry and hide the real error.
            var tar = new TarOutputStream(gzip, Encoding.UTF8) { IsStreamOwner = false };
            var time = request.Time.UtcDateTime;
            PutDirectory(tar, request.TopDirectory, UnixMode.Directory, time);
            var links = new HardLinks(request.Content.Entries);
            var written = new Dictionary<TreeEntry, ContentHashes>(ReferenceEqualityComparer.Instance); // the hashes of each file written with its bytes
            var digests = new Dictionary<IContent, ContentHashes>(ReferenceEqualityComparer.Instance); // the same, by content, for what is made from them
            var second = request.SecondHash;
            using var prefetcher = new ContentPrefetcher(
                request.Content.Entries.Where(e => links.TargetOf(e) is null), FilesInFlight,
                second is null ? null : e => second.Of.Contains(e.Content!) ? second.Algorithm : null);
            foreach (var listed in request.Content.Entries)
            {
                if (listed.Path is ManifestName or ChecksumsName)
                {
                    throw new XenBundleException(listed.Origin, $"'{listed.Path}' is reserved for the bundle's own {listed.Path}");
                }

                // The last guard for generated entries too: the media's were narrowed (and reported) by the merge.
                var entry = links.Narrow(listed);
                var name = request.TopDirectory + "/" + entry.Path;
                switch (entry.Kind)
                {
                    case EntryKind.Directory:
                        PutDirectory(tar, name, entry.Mode, time);
                        break;
                    case EntryKind.Symlink:
                        PutSymlink(tar, name, entry, time);
                        files.Add(new ManifestFile { Path = entry.Path, Type = "symlink", Mode = UnixMode.Format(entry.Mode), Target = entry.SymlinkTarget });
                        break;
                    default:
                        ContentHashes hashes;
                        if (links.TargetOf(listed) is { } target)
                        {
                            PutHardLink(tar, name, request.TopDirectory + "/" + target.Path, entry.Mode, time);
                            hashes = written[target];
                            progress?.Report(entry.Size);
                        }
                        else
                        {
                            hashes = written[listed] = PutFile(tar, name, entry.Mode, prefetcher.Next(listed), time);
                        }

                        digests[listed.Content!] = hashes;
                        files.Add(new ManifestFile { Path = entry.Path, Type = "file", Size = entry.Size, Mode = UnixMode.Format(entry.Mode), Sha256 = hashes.Sha256 });
                        break;
                }
            }

            if (request.LateFiles?.Invoke(digests) is { } late)
            {
                PutLateFiles(tar, request, late, files, digests, time);
            }

            manifest = request.Manifest with { Files = files };
            manifest = request.CompleteManifest?.Invoke(digests, manifest) ?? manifest;
            manifestBytes = Serialize(manifest);
            var manifestSha = PutBytes(tar, request.TopDirectory + "/" + ManifestName, manifestBytes, time);
            PutBytes(tar, request.TopDirectory + "/" + ChecksumsName, Checksums(files, manifestSha), time);
            tar.Finish();
            tar.Dispose();
            gzip.Dispose();
        }
        catch
        {
            // The temporary file is removed; a second failure while closing it must not
            // hide the first, which says what went wrong.
            try
            {
                gzip.Dispose();
            }
            catch (IOException)
            {
            }

            throw;
        }

        if (request.ManifestPath is not null)
        {
            artifacts.Write(request.ManifestPath, manifestBytes);
        }

        return manifest;
    }

    public static byte[] Serialize(BundleManifest manifest)
    {
        var json = JsonSerializer.Serialize(manifest, ManifestJsonContext.Default.BundleManifest);
        return Encoding.UTF8.GetBytes(json.ReplaceLineEndings("\n") + "\n");
    }

    /// <summary>SHA256SUMS in <c>sha256sum -c</c> format: every regular file, manifest.json included.</summary>
    private static byte[] Checksums(List<ManifestFile> files, string manifestSha)
    {
        var lines = files.Where(f => f.Type == "file").Select(f => (f.Path, f.Sha256!))
            .Append((ManifestName, manifestSha))
            .OrderBy(l => l.Item1, StringComparer.Ordinal)
            .Select(l => $"{l.Item2}  {l.Item1}\n");
        return Encoding.UTF8.GetBytes(string.Concat(lines));
    }

    private static TarEntry NewEntry(string name, byte type, int mode, DateTime time)
    {
        var entry = TarEntry.CreateTarEntry(name);
        var header = entry.TarHeader;
        header.TypeFlag = type;
        header.Mode = mode & UnixMode.Permissions;
        header.ModTime = time;
        header.UserId = 0;
        header.GroupId = 0;
        header.UserName = "root";
        header.GroupName = "root";
        header.Size = 0;
        return entry;
    }

    private static void PutDirectory(TarOutputStream tar, string name, int mode, DateTime time)
    {
        tar.PutNextEntry(NewEntry(name + "/", TarHeader.LF_DIR, mode, time));
        tar.CloseEntry();
    }

    private static void PutSymlink(TarOutputStream tar, string name, TreeEntry entry, DateTime time)
    {
        var target = entry.SymlinkTarget ?? string.Empty;
        if (Encoding.UTF8.GetByteCount(target) > TarHeader.NAMELEN)
        {
            throw new XenBundleException(entry.Origin, $"symlink '{entry.Path}' points to a target longer than {TarHeader.NAMELEN} bytes, which tar cannot store");
        }

        var header = NewEntry(name, TarHeader.LF_SYMLINK, entry.Mode, time);
        header.TarHeader.LinkName = target;
        tar.PutNextEntry(header);
        tar.CloseEntry();
    }

    /// <summary>A GNU tar hard link entry (typeflag '1'); a target name longer than the header's field goes in a ././@LongLink record before it, as GNU tar writes it.</summary>
    private static void PutHardLink(TarOutputStream tar, string name, string target, int mode, DateTime time)
    {
        var targetBytes = Encoding.UTF8.GetBytes(target);
        if (targetBytes.Length > TarHeader.NAMELEN)
        {
            var longLink = NewEntry("././@LongLink", TarHeader.LF_GNU_LONGLINK, 0, time);
            longLink.Size = targetBytes.Length + 1;
            tar.PutNextEntry(longLink);
            tar.Write(targetBytes, 0, targetBytes.Length);
            tar.WriteByte(0);
            tar.CloseEntry();
        }

        var header = NewEntry(name, TarHeader.LF_LINK, mode, time);
        header.TarHeader.LinkName = target;
        tar.PutNextEntry(header);
        tar.CloseEntry();
    }

    /// <summary>
    /// The files made from the others' hashes, after them in the tarball: directories the bundle
    /// already has are not repeated; nothing may take the name of an entry written before, or
    /// lie below one that is not a directory (a symlink would lead the file out of the bundle).
    /// </summary>
    private void PutLateFiles(TarOutputStream tar, BundleRequest request, VirtualTree late, List<ManifestFile> files, Dictionary<IContent, ContentHashes> digests, DateTime time)
    {
        foreach (var entry in late.Entries)
        {
            var name = request.TopDirectory + "/" + entry.Path;
            var parent = TreePath.Parent(entry.Path);
            if (parent.Length > 0 && (request.Content[parent] ?? late[parent]) is { Kind: not EntryKind.Directory } blocking)
            {
                throw new XenBundleException(blocking.Origin, $"'{blocking.Path}' is not a directory, and the bundle's '{entry.Path}' would lie below it");
            }

            if (entry.Kind == EntryKind.Directory)
            {
                if (request.Content[entry.Path] is null)
                {
                    PutDirectory(tar, name, entry.Mode, time);
                }
                else if (request.Content[entry.Path]!.Kind != EntryKind.Directory)
                {
                    throw new XenBundleException(request.Content[entry.Path]!.Origin, $"'{entry.Path}' is not a directory, and the bundle's generated {entry.Path}/ goes there");
                }

                continue;
            }

            if (entry.Kind != EntryKind.File || request.Content.Contains(entry.Path) || entry.Path is ManifestName or ChecksumsName)
            {
                throw new XenBundleException(entry.Origin, $"'{entry.Path}' is already in the bundle, and a generated file of that name follows it");
            }

            var hashes = PutFile(tar, name, entry.Mode, new ContentPrefetcher.FileReader(entry, secondHash: null), time); // PutFile disposes it
            digests[entry.Content!] = hashes;
            files.Add(new ManifestFile { Path = entry.Path, Type = "file", Size = entry.Size, Mode = UnixMode.Format(entry.Mode), Sha256 = hashes.Sha256 });
        }
    }

    private ContentHashes PutFile(TarOutputStream tar, string name, int mode, ContentPrefetcher.FileReader file, DateTime time)
    {
        using (file)
        {
            var entry = file.Entry;
            var content = entry.Content!;
            var header = NewEntry(name, TarHeader.LF_NORMAL, mode, time);
            header.Size = content.Length;
            tar.PutNextEntry(header);
            long copied = 0;
            var (hashes, length) = file.CopyTo((buffer, count) =>
            {
                if (copied + count > content.Length)
                {
                    throw new XenBundleException(content.Origin, $"'{entry.Path}' grew while it was read (expected {content.Length} bytes)");
                }

                tar.Write(buffer, 0, count);
                copied += count;
                progress?.Report(count);
            });

            if (length != content.Length)
            {
                throw new XenBundleException(content.Origin, $"'{entry.Path}' is {length} bytes, expected {content.Length} (truncated or changed while read)");
            }

            tar.CloseEntry();
            return hashes;
        }
    }

    private static string PutBytes(TarOutputStream tar, string name, byte[] bytes, DateTime time)
    {
        var header = NewEntry(name, TarHeader.LF_NORMAL, UnixMode.File, time);
        header.Size = bytes.Length;
        tar.PutNextEntry(header);
        tar.Write(bytes, 0, bytes.Length);
        tar.CloseEntry();
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
