using System.Text.Json.Serialization;

namespace XenBundle.Bundling;

/// <summary>
/// manifest.json: what the bundle was made from and every file it holds. Paths are
/// relative to the bundle's top directory; inputs are named by file name only, never
/// by an absolute path of the build machine.
/// </summary>
public sealed record BundleManifest
{
    [JsonPropertyName("format")]
    public int Format { get; init; } = 1;

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("version")]
    public required string Version { get; init; }

    [JsonPropertyName("os")]
    public string? Os { get; init; }

    [JsonPropertyName("virt")]
    public string? Virt { get; init; }

    [JsonPropertyName("generator")]
    public string Generator { get; init; } = "XenBundle";

    /// <summary>The time every entry of the bundle carries (seconds since 1970).</summary>
    [JsonPropertyName("source_date_epoch")]
    public long SourceDateEpoch { get; init; }

    [JsonPropertyName("inputs")]
    public required IReadOnlyList<ManifestInput> Inputs { get; init; }

    /// <summary>The packages of the merged repository, for release notes (--previous).</summary>
    [JsonPropertyName("packages")]
    public IReadOnlyList<ManifestPackage> Packages { get; init; } = [];

    [JsonPropertyName("files")]
    public IReadOnlyList<ManifestFile> Files { get; init; } = [];
}

/// <summary>One package of the bundle's repository.</summary>
public sealed record ManifestPackage
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("epoch")]
    public uint Epoch { get; init; }

    [JsonPropertyName("version")]
    public required string Version { get; init; }

    [JsonPropertyName("release")]
    public required string Release { get; init; }

    [JsonPropertyName("arch")]
    public required string Arch { get; init; }

    /// <summary>Where it is in the install tree.</summary>
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    /// <summary>The repodata checksum, <c>TYPE:HEX</c>.</summary>
    [JsonPropertyName("checksum")]
    public required string Checksum { get; init; }

    [JsonIgnore]
    public string Evr => (Epoch == 0 ? string.Empty : Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":") + Version + "-" + Release;
}

/// <summary>One input: a medium, the kickstart CD, the recipe or the kickstart file.</summary>
public sealed record ManifestInput
{
    [JsonPropertyName("role")]
    public required string Role { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("size")]
    public long Size { get; init; }

    /// <summary>SHA-256 of a file (the recipe, a kickstart); for a medium, image or directory, of its canonical listing with each file's SHA-256 (<c>MediaFingerprint</c>).</summary>
    [JsonPropertyName("sha256")]
    public required string Sha256 { get; init; }
}

/// <summary>One file or symlink of the bundle.</summary>
public sealed record ManifestFile
{
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("size")]
    public long Size { get; init; }

    [JsonPropertyName("mode")]
    public required string Mode { get; init; }

    [JsonPropertyName("sha256")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sha256 { get; init; }

    [JsonPropertyName("target")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Target { get; init; }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]
[JsonSerializable(typeof(BundleManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
