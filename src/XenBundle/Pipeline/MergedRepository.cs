using XenBundle.Repository;
using XenBundle.Tree;

namespace XenBundle.Pipeline;

/// <summary>What <see cref="MergeRepositoriesStage"/> made of the media.</summary>
/// <param name="Tree">
/// The install tree without the files made from the packages' checksums: the extracted tree with
/// the media's old metadata out and .discinfo made right. The new repodata/ (and .treeinfo, when it
/// carries repomd.xml's checksum) come from <see cref="Complete"/>, once the bundle writer has hashed
/// the packages as it copied them, so that no package is read twice.
/// </param>
/// <param name="Packages">Each package once (headers read; checksums known only for those compared as duplicates), and the copies left out.</param>
/// <param name="Comps">The merged groups, when any medium has some.</param>
/// <param name="ChecksumType">The metadata's checksum: sha for EL5, sha256 after.</param>
public sealed record MergedRepository(
    VirtualTree Tree,
    PackageMerge Packages,
    Comps? Comps,
    ChecksumType ChecksumType)
{
    private readonly object _gate = new();
    private CompletedRepository? _completed;

    /// <summary>Where the new repository is in the tree: empty for the root, else <see cref="MergeRepositoriesStage.PackageRepositoryDirectory"/>.</summary>
    public string Directory { get; init; } = string.Empty;

    /// <summary>The distribution's repositories kept as the medium has them (EL8, EL9: BaseOS, AppStream).</summary>
    public IReadOnlyList<KeptRepository> Kept { get; init; } = [];

    /// <summary>How the files made from the checksums are written (see <see cref="Complete"/>).</summary>
    public required RepositoryPlan Plan { get; init; }

    /// <summary>The repository's metadata, made by <see cref="Complete"/>; what it has not been given, it reads.</summary>
    public Repodata Repodata => Complete(_ => null).Repodata;

    /// <summary>The whole install tree: <see cref="Tree"/> with the files made from the checksums.</summary>
    public VirtualTree CompleteTree()
    {
        var tree = Tree.Copy();
        Complete(_ => null).Files.CopyTo(tree, string.Empty);
        return tree;
    }

    /// <summary>
    /// Writes the metadata once each package's checksum is known: from <paramref name="checksumOf"/> (the
    /// bundle writer's, by content), else from the cache or the duplicate check, else by reading the
    /// package. Made once; later calls return the first result.
    /// </summary>
    public CompletedRepository Complete(Func<IContent, string?> checksumOf)
    {
        ArgumentNullException.ThrowIfNull(checksumOf);
        lock (_gate)
        {
            return _completed ??= Plan.Complete(Packages.Packages, Comps, checksumOf);
        }
    }

    /// <summary>A package's path in the tree.</summary>
    public string PathOf(ScannedPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return TreePath.Combine(Directory, package.Href);
    }
}

/// <summary>The repository's metadata and the files of the tree made from it (repodata/, and .treeinfo when it names repomd.xml's checksum).</summary>
/// <param name="Packages">The packages, each with its checksum.</param>
public sealed record CompletedRepository(Repodata Repodata, VirtualTree Files, IReadOnlyList<ScannedPackage> Packages);

/// <summary>What <see cref="MergedRepository.Complete"/> needs besides the packages.</summary>
/// <param name="RepodataDirectory">Where repodata/ goes in the tree; null when none is written (EL8, EL9 without packages of the kickstart CD).</param>
/// <param name="TreeInfo">The tree's .treeinfo entry and what it says, when it names repomd.xml's checksum and so is written after the metadata.</param>
/// <param name="Scanner">Reads a package whose checksum nothing gave.</param>
public sealed record RepositoryPlan(ChecksumType ChecksumType, DateTimeOffset Time, string? RepodataDirectory, (TreeEntry Entry, InstallTreeInfo Info)? TreeInfo, PackageScanner Scanner)
{
    /// <summary>The number of files <see cref="Complete"/> adds to the tree (for the report, before they exist).</summary>
    public int FileCount(bool hasComps) => (RepodataDirectory is null ? 0 : 4 + (hasComps ? 2 : 0)) + (TreeInfo is null ? 0 : 1);

    public CompletedRepository Complete(IReadOnlyList<ScannedPackage> packages, Comps? comps, Func<IContent, string?> checksumOf)
    {
        var hashed = packages
            // The bundle writer's hash first: it is of the bytes the tarball holds, whatever the
            // cache or an earlier read said.
            .Select(p => checksumOf(p.Source.Content) is { } written ? p with { Checksum = written } : Scanner.WithChecksum(p))
            .ToList();
        var repodata = RepodataGenerator.Generate(hashed, new RepodataOptions { ChecksumType = ChecksumType, Time = Time }, comps?.ToBytes());
        var files = new VirtualTree();
        if (RepodataDirectory is not null)
        {
            repodata.AddTo(files, RepodataDirectory);
        }

        if (TreeInfo is { } treeInfo)
        {
            files.Set(TreeMetadata.WithRepomd(treeInfo.Entry, treeInfo.Info, repodata));
        }

        return new CompletedRepository(repodata, files, hashed);
    }
}
