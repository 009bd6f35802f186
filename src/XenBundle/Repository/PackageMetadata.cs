namespace XenBundle.Repository;

/// <summary>
/// One package as the repository metadata presents it, field for field what createrepo_c
/// writes into primary.xml, filelists.xml and other.xml (see <see cref="PackageMetadataBuilder"/>).
/// </summary>
public sealed record PackageMetadata
{
    public required string PkgId { get; init; }

    public required string ChecksumType { get; init; }

    public required string Name { get; init; }

    public required string Arch { get; init; }

    public required string Epoch { get; init; }

    public required string Version { get; init; }

    public required string Release { get; init; }

    public string? Summary { get; init; }

    public string? Description { get; init; }

    public string? Packager { get; init; }

    public string? Url { get; init; }

    public long FileTime { get; init; }

    public long BuildTime { get; init; }

    public long PackageSize { get; init; }

    public long InstalledSize { get; init; }

    public long ArchiveSize { get; init; }

    public required string Href { get; init; }

    public string? License { get; init; }

    public string? Vendor { get; init; }

    public string? Group { get; init; }

    public string? BuildHost { get; init; }

    public string? SourceRpm { get; init; }

    public long HeaderStart { get; init; }

    public long HeaderEnd { get; init; }

    public IReadOnlyList<MetadataDependency> Provides { get; init; } = [];

    public IReadOnlyList<MetadataDependency> Requires { get; init; } = [];

    public IReadOnlyList<MetadataDependency> Conflicts { get; init; } = [];

    public IReadOnlyList<MetadataDependency> Obsoletes { get; init; } = [];

    public IReadOnlyList<MetadataDependency> Suggests { get; init; } = [];

    public IReadOnlyList<MetadataDependency> Enhances { get; init; } = [];

    public IReadOnlyList<MetadataDependency> Recommends { get; init; } = [];

    public IReadOnlyList<MetadataDependency> Supplements { get; init; } = [];

    /// <summary>Every file (filelists.xml); primary.xml lists those <see cref="PackageMetadataBuilder.IsPrimaryFile"/> picks.</summary>
    public IReadOnlyList<MetadataFile> Files { get; init; } = [];

    /// <summary>The changelog entries other.xml lists, in the order it lists them (oldest first).</summary>
    public IReadOnlyList<MetadataChangelog> Changelogs { get; init; } = [];
}

/// <summary>A dependency entry: flags (LT, GT, EQ, LE, GE or none) and the EVR split as createrepo_c splits it.</summary>
public sealed record MetadataDependency(string Name, string? Flags, string? Epoch, string? Version, string? Release, bool Pre);

/// <summary>A file entry; <see cref="Type"/> is <c>dir</c>, <c>ghost</c> or empty for a plain file.</summary>
public sealed record MetadataFile(string Path, string Type);

public sealed record MetadataChangelog(string Author, long Date, string Text);
