namespace XenBundle.Rpm;

/// <summary>
/// What an RPM's headers say about it: everything primary, filelists and other metadata
/// are made of, as the header holds it (the repository layer decides how to present it).
/// </summary>
public sealed record RpmPackage
{
    public required string Name { get; init; }

    /// <summary>The epoch; null when the package has none (metadata writes 0).</summary>
    public uint? Epoch { get; init; }

    public required string Version { get; init; }

    public required string Release { get; init; }

    /// <summary>The header's ARCH, or <c>src</c> for a source package.</summary>
    public required string Arch { get; init; }

    public string? Summary { get; init; }

    public string? Description { get; init; }

    public string? Packager { get; init; }

    public string? Url { get; init; }

    public long BuildTime { get; init; }

    /// <summary>The size of the installed files (LONGSIZE, else SIZE).</summary>
    public long InstalledSize { get; init; }

    /// <summary>The uncompressed payload size (from the signature header unless the main one has it).</summary>
    public long ArchiveSize { get; init; }

    public string? License { get; init; }

    public string? Vendor { get; init; }

    public string? Group { get; init; }

    public string? BuildHost { get; init; }

    /// <summary>The SOURCERPM tag; "(none)" for a binary without one (as rpm reports it); null for a source package.</summary>
    public string? SourceRpm { get; init; }

    public bool IsSource { get; init; }

    public HeaderRange HeaderRange { get; init; }

    public IReadOnlyList<RpmDependency> Provides { get; init; } = [];

    public IReadOnlyList<RpmDependency> Requires { get; init; } = [];

    public IReadOnlyList<RpmDependency> Conflicts { get; init; } = [];

    public IReadOnlyList<RpmDependency> Obsoletes { get; init; } = [];

    public IReadOnlyList<RpmDependency> Recommends { get; init; } = [];

    public IReadOnlyList<RpmDependency> Suggests { get; init; } = [];

    public IReadOnlyList<RpmDependency> Supplements { get; init; } = [];

    public IReadOnlyList<RpmDependency> Enhances { get; init; } = [];

    /// <summary>Pre-4.12 weak dependencies (SUSE's Suggests/Enhances tags, strong or not by flag).</summary>
    public IReadOnlyList<RpmDependency> OldSuggests { get; init; } = [];

    public IReadOnlyList<RpmDependency> OldEnhances { get; init; } = [];

    /// <summary>Every file in header order.</summary>
    public IReadOnlyList<RpmFile> Files { get; init; } = [];

    /// <summary>Every changelog entry in header order (newest first, as rpmbuild writes them).</summary>
    public IReadOnlyList<RpmChangelog> Changelogs { get; init; } = [];

    /// <summary>name-[epoch:]version-release.arch, as yum and dnf print it.</summary>
    public string Nevra => Epoch is { } epoch and not 0
        ? $"{Name}-{epoch}:{Version}-{Release}.{Arch}"
        : $"{Name}-{Version}-{Release}.{Arch}";
}

/// <summary>One dependency as the header holds it: name, sense flags, and "[E:]V[-R]" (may be empty).</summary>
public sealed record RpmDependency(string Name, RpmSense Flags, string Version)
{
    /// <summary>Needed before the package's scripts run (createrepo_c's <c>pre="1"</c>).</summary>
    public bool IsPre => (Flags & (RpmSense.Prereq | RpmSense.ScriptPre | RpmSense.ScriptPost)) != 0;
}

/// <summary>One file of the payload: full path, mode bits (type included) and flags.</summary>
public sealed record RpmFile(string Path, int Mode, RpmFileFlags Flags)
{
    public bool IsDirectory => (Mode & 0xF000) == 0x4000; // S_IFDIR

    public bool IsGhost => (Flags & RpmFileFlags.Ghost) != 0;
}

/// <summary>One %changelog entry.</summary>
public sealed record RpmChangelog(long Time, string Author, string Text);
