using System.Globalization;
using System.Security.Cryptography;
using XenBundle.Bundling;
using XenBundle.Kickstart.Syntax;
using XenBundle.Media;
using XenBundle.Model;
using XenBundle.Recipes;
using XenBundle.Reporting;
using XenBundle.Repository;

namespace XenBundle.Pipeline;

/// <summary>What <see cref="PackageBundleStage"/> packs.</summary>
/// <param name="Extracted">The media and the merged tree (<c>install/</c>).</param>
/// <param name="Repository">The merged repository, whose packages the manifest lists; null when the media were not merged (no packages listed).</param>
/// <param name="Kickstart">The kickstart the guest installs with (<c>install/ks/kickstart.cfg</c>).</param>
/// <param name="Dom0">The Dom0 files; null when they were not generated.</param>
/// <param name="Clock">The one time every bundle entry carries, asked for once the earlier bundle has been read.</param>
/// <param name="RunKey">The inputs' key from before the media were opened (<see cref="Pipeline.RunKey"/>), recorded with the bundle so that the next run can find it up to date without opening them; null for none.</param>
public sealed record BundleInputs(ExtractedMedia Extracted, MergedRepository? Repository, byte[] Kickstart, KickstartDialect KickstartDialect, Dom0Files? Dom0, Func<BuildClock.Choice> Clock, string? RunKey = null);

/// <summary>The PackageBundle stage: NAME-VERSION.tar.gz, its manifest and its report, written in one pass.</summary>
public sealed class PackageBundleStage(StageContext context)
{
    /// <summary>Writes the bundle, its manifest and its report into the artifacts directory.</summary>
    public BundleArtifacts Run(BundleInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var (recipe, options, log, report) = (context.Recipe, context.Options, context.Log, context.Report);

        // Read the earlier bundle first: a bad --previous must fail before anything is written.
        var previous = options.Previous is { } path ? PreviousBundle.Read(path) : null;
        // Held until the three artifacts and the cache's record of them are written: a
        // second build into this directory waits, so a set is never mixed from two builds.
        using var directoryLock = ArtifactsDirectory.Prepare(options.ArtifactsDirectory, log.Information);

        var clock = inputs.Clock();
        log.Verbose($"entry time {clock.Time:yyyy-MM-ddTHH:mm:ssZ} from {clock.Source}");
        var extracted = inputs.Extracted;
        var content = BundleLayout.Compose(inputs.Repository?.Tree ?? extracted.Tree, inputs.Kickstart, inputs.Dom0?.Tree ?? new Tree.VirtualTree(), extracted.SourceKickstartMode);
        var artifacts = ArtifactsOf(options.ArtifactsDirectory, recipe.BundleName);
        var total = content.Entries.Sum(e => e.Size);
        var repository = inputs.Repository;
        var request = new BundleRequest
        {
            Content = content,
            TopDirectory = recipe.BundleName,
            Time = clock.Time,
            Manifest = new BundleManifest
            {
                Name = recipe.Name,
                Version = recipe.Version.ToString(),
                Os = (recipe.Os ?? extracted.DetectedOs)?.ToName(),
                Virt = recipe.Virt.ToName(),
                SourceDateEpoch = clock.Time.ToUnixTimeSeconds(),
                Inputs = [], // made once the files are written (CompleteManifest), from the hashes computed then
                Packages = [],
            },
            TarballPath = artifacts.Tarball,
            ManifestPath = artifacts.Manifest,
            SecondHash = SecondHash(repository),
            LateFiles = repository is null ? null : hashes => RepositoryFiles(repository, hashes),
            CompleteManifest = (hashes, manifest) =>
            {
                var written = WrittenSha256(content, hashes);
                return manifest with
                {
                    Inputs = Inputs(extracted, medium => MediaFingerprint.Of(medium, entry => written.GetValueOrDefault((medium.Unshared(), entry.Path)), options.Cache)),
                    Packages = ManifestPackages(repository),
                };
            },
        };

        var cache = options.Cache;
        // The key names each medium by its identity, which changes whenever its fingerprint could.
        var key = cache is null ? null : Caching.BundleKey.Of(
            request with { Manifest = request.Manifest with { Inputs = Inputs(extracted, medium => "identity " + cache.IdentityOf(medium)) } },
            report.Render(recipe.BundleName), options.Previous, cache);
        if (key is not null && UpToDate(cache!, key, artifacts) is { } unchanged)
        {
            log.Information($"{recipe.BundleName}: up to date (same inputs as the bundle already in {options.ArtifactsDirectory}), left alone");
            if (inputs.RunKey is not null)
            {
                cache!.RememberBundle(recipe.BundleName, new Caching.BundleRecord(key, Versions(artifacts), inputs.RunKey));
            }

            return artifacts with { Content = unchanged };
        }

        using var set = new ArtifactSet();
        BundleManifest manifest;
        using (var progress = log.Progress($"writing {Path.GetFileName(artifacts.Tarball)}", total))
        {
            manifest = new BundleWriter(progress).Write(request, set);
        }

        report.Section(ReportStage.PackageBundle, "Bundle", $"{Path.GetFileName(artifacts.Tarball)}: {manifest.Files.Count} files, {manifest.Files.Sum(f => f.Size).ToString("N0", CultureInfo.InvariantCulture)} bytes of content; entry time {clock.Time:yyyy-MM-dd HH:mm:ss} UTC from {clock.Source}.\n");
        if (previous is not null)
        {
            report.Section(ReportStage.PackageBundle, "Changes since " + previous.Manifest.Version, ReleaseNotes.Describe(previous, manifest, path => ComparedText(content, path), XenBundle.Kickstart.Transform.UnifiedDiff.Create, MaskKickstart(inputs.KickstartDialect)));
        }

        set.Write(artifacts.Report, System.Text.Encoding.UTF8.GetBytes(report.Render($"{recipe.Name} {recipe.Version}")));
        set.Commit();
        if (key is not null)
        {
            cache!.RememberBundle(recipe.BundleName, new Caching.BundleRecord(key, Versions(artifacts), inputs.RunKey));
        }

        cache?.Save();
        return artifacts with { Content = manifest };
    }

    /// <summary>A compared file of the new bundle (generated, in memory), for the release notes' diffs.</summary>
    private static byte[]? ComparedText(Tree.VirtualTree content, string path)
    {
        if (!PreviousBundle.IsComparedText(path) || content[path]?.Content is not { } file || file.Length > PreviousBundle.MaxTextSize)
        {
            return null;
        }

        using var stream = file.OpenRead();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>
    /// The bundle already written from inputs with this <see cref="Pipeline.RunKey"/>, when its three
    /// files are as they were written: found before any medium is opened.
    /// </summary>
    public static BundleArtifacts? UpToDateRun(Caching.BuildCache cache, string runKey, Recipe recipe, string artifactsDirectory)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(runKey);
        ArgumentNullException.ThrowIfNull(recipe);
        var artifacts = ArtifactsOf(artifactsDirectory, recipe.BundleName);
        var record = cache.Bundle(recipe.BundleName);
        if (record?.RunKey != runKey || UpToDate(cache, record.Key, artifacts) is not { } manifest)
        {
            return null;
        }

        return artifacts with { Content = manifest };
    }

    /// <summary>The three files of a bundle in the artifacts directory (their content not yet known).</summary>
    private static BundleArtifacts ArtifactsOf(string artifactsDirectory, string bundleName)
    {
        var baseName = Path.Combine(artifactsDirectory, bundleName);
        return new BundleArtifacts(baseName + ".tar.gz", baseName + ".manifest.json", baseName + ".report.md", null!);
    }

    /// <summary>The manifest of the bundle already written from the same inputs, if its files are untouched.</summary>
    private static BundleManifest? UpToDate(Caching.BuildCache cache, string key, BundleArtifacts artifacts)
    {
        var record = cache.Bundle(Path.GetFileName(artifacts.Tarball)[..^".tar.gz".Length]);
        if (record is null || record.Key != key || !Versions(artifacts).OrderBy(v => v.Key).SequenceEqual(record.Outputs.OrderBy(v => v.Key)))
        {
            return null;
        }

        try
        {
            return PreviousBundle.ReadManifest(artifacts.Manifest);
        }
        catch (XenBundleException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> Versions(BundleArtifacts artifacts) =>
        new[] { artifacts.Tarball, artifacts.Manifest, artifacts.Report }
            .ToDictionary(f => Path.GetFileName(f)!, f => File.Exists(f) ? FileVersion.Of(f) : "missing", StringComparer.Ordinal);

    /// <summary>The repository's packages get the metadata's checksum as they are copied, when it is not the SHA-256 the writer computes anyway (SHA-1 on EL5).</summary>
    private static SecondHash? SecondHash(MergedRepository? repository) =>
        repository is null || repository.ChecksumType.Algorithm() == HashAlgorithmName.SHA256
            ? null
            : new SecondHash(repository.ChecksumType.Algorithm(), new HashSet<Tree.IContent>(repository.Packages.Packages.Select(p => p.Source.Content), ReferenceEqualityComparer.Instance));

    /// <summary>
    /// The metadata, written from the checksums the writer computed of the packages as it copied
    /// them (so no package is read twice), below install/; the checksums are kept for the next run.
    /// </summary>
    private Tree.VirtualTree RepositoryFiles(MergedRepository repository, IReadOnlyDictionary<Tree.IContent, ContentHashes> hashes)
    {
        var algorithm = repository.ChecksumType.Algorithm();
        var completed = repository.Complete(content => hashes.TryGetValue(content, out var known) ? known.As(algorithm) : null);
        if (context.Options.Cache is { } cache)
        {
            PackageScanner.Remember(completed.Packages, cache);
        }

        var files = new Tree.VirtualTree();
        completed.Files.CopyTo(files, BundleLayout.InstallDirectory);
        return files;
    }

    private static List<ManifestPackage> ManifestPackages(MergedRepository? repository) =>
        (repository?.Complete(_ => null).Packages ?? [])
            .Select(p => new ManifestPackage
            {
                Name = p.Package.Name,
                Epoch = p.Package.Epoch ?? 0,
                Version = p.Package.Version,
                Release = p.Package.Release,
                Arch = p.Package.Arch,
                Path = repository!.PathOf(p),
                Checksum = $"{p.ChecksumType.ToName()}:{p.KnownChecksum}",
            })
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ToList();

    /// <summary>The recipe, the media and the kickstart, each named by <paramref name="nameMedium"/> (its fingerprint, or for the bundle's key its identity).</summary>
    private List<ManifestInput> Inputs(ExtractedMedia extracted, Func<IMediaSource, string> nameMedium)
    {
        var recipe = context.Recipe;
        var inputs = new List<ManifestInput>
        {
            new() { Role = "recipe", Name = Path.GetFileName(recipe.FilePath), Kind = "file", Size = new FileInfo(recipe.FilePath).Length, Sha256 = MediaFingerprint.OfFile(recipe.FilePath) },
        };
        var number = 1;
        foreach (var disc in extracted.Media.Discs)
        {
            inputs.Add(Describe(disc, $"disc {number++}", nameMedium));
        }

        if (extracted.Media.KickstartMedium is { } ks)
        {
            inputs.Add(Describe(ks, "kickstart medium", nameMedium));
        }
        else
        {
            var source = extracted.SourceKickstart;
            inputs.Add(new ManifestInput { Role = "kickstart", Name = Path.GetFileName(recipe.Kickstart.File), Kind = "file", Size = source.Length, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(source)) });
        }

        return inputs;
    }

    private static ManifestInput Describe(IMediaSource medium, string role, Func<IMediaSource, string> nameMedium)
    {
        var isImage = File.Exists(medium.Location);
        return new ManifestInput
        {
            Role = role,
            Name = medium.Name,
            Kind = isImage ? "iso" : "directory",
            Size = isImage ? new FileInfo(medium.Location).Length : medium.Entries.Sum(e => e.Size),
            Sha256 = nameMedium(medium),
        };
    }

    /// <summary>The SHA-256 the writer computed of each media file the bundle holds, by medium and path on it.</summary>
    private static Dictionary<(IMediaSource Medium, string Path), string> WrittenSha256(Tree.VirtualTree content, IReadOnlyDictionary<Tree.IContent, ContentHashes> hashes)
    {
        var written = new Dictionary<(IMediaSource, string), string>();
        foreach (var entry in content.Entries)
        {
            if (entry.Content is MediaContent file && hashes.TryGetValue(file, out var known))
            {
                written[(file.Source.Unshared(), file.Entry.Path)] = known.Sha256;
            }
        }

        return written;
    }

    /// <summary>The kickstart's secrets masked as the guest's release reads its options (EL5's when the release is not known).</summary>
    private static Func<string, string> MaskKickstart(KickstartDialect dialect) => text => KickstartSecrets.Mask(text, dialect);
}
