using System.Globalization;
using XenBundle.Bundling;
using XenBundle.Media;
using XenBundle.Recipes;
using XenBundle.Repository;
using XenBundle.Reporting;
using XenBundle.Tree;

namespace XenBundle.Pipeline;

/// <summary>Options that are not part of the recipe.</summary>
public sealed record PipelineOptions
{
    public required string ArtifactsDirectory { get; init; }

    /// <summary>The SOURCE_DATE_EPOCH environment variable, if set.</summary>
    public string? SourceDateEpoch { get; init; }

    public Func<string, IMediaSource>? MediaOpener { get; init; }

    /// <summary>An earlier bundle or manifest to compare with in the report (--previous).</summary>
    public string? Previous { get; init; }

    /// <summary>What earlier runs learnt (checksums, fingerprints, bundles written); null to remember nothing.</summary>
    public Caching.BuildCache? Cache { get; init; }

    /// <summary>--allow-interactive: a kickstart that would stop the install to ask is a warning, not an error.</summary>
    public bool AllowInteractive { get; init; }
}

/// <summary>The files a finished build wrote.</summary>
public sealed record BundleArtifacts(string Tarball, string Manifest, string Report, BundleManifest Content);

/// <summary>
/// The stages of one recipe's build, each a method that the Cake task of the same name
/// calls: the state flows from stage to stage in this object, as references to the media,
/// until <see cref="PackageBundle"/> writes the bundle in one pass.
/// </summary>
public sealed partial class BundlePipeline(Recipe recipe, PipelineOptions options, IPipelineLog log) : IDisposable
{
    public const string KickstartPath = "ks/kickstart.cfg";

    public Recipe Recipe { get; } = recipe;

    public PipelineOptions Options { get; } = options;

    public IPipelineLog Log { get; } = log;

    public BuildReport Report { get; } = new();

    public MediaSet? Media { get; private set; }

    /// <summary>The merged install tree (what becomes <c>install/</c>).</summary>
    public VirtualTree? InstallTree { get; private set; }

    /// <summary>The source kickstart, as read from the kickstart CD or disk.</summary>
    public byte[]? SourceKickstart { get; private set; }

    /// <summary>The source kickstart's permission bits (the transformed one keeps them when narrower, see <see cref="BundleLayout.KickstartMode"/>).</summary>
    public int SourceKickstartMode { get; private set; } = UnixMode.File;

    /// <summary>The kickstart the guest installs with.</summary>
    public byte[]? Kickstart { get; set; }

    /// <summary>Generated files outside install/ (dom0/..., README.txt), by bundle path.</summary>
    public VirtualTree Extras { get; } = new();

    public IReadOnlyList<PathConflict> Conflicts { get; private set; } = [];

    /// <summary>Media-only files the merge left out (TRANS.TBL, boot catalogs), as <c>medium:/path</c>.</summary>
    public IReadOnlyList<string> SkippedPaths { get; private set; } = [];

    /// <summary>The OS release read from the media (.treeinfo/.discinfo), when a stage has detected it.</summary>
    public OsRelease? DetectedOs { get; set; }

    /// <summary>The OS release the guest gets: the recipe's (or --os), else the one detected from the media.</summary>
    public OsRelease Os => Recipe.Os ?? DetectedOs
        ?? throw new XenBundleException(Recipe.FileName, "os: not set and not detected from the media; set os: el5..el9", ExitCode.BadUsage);

    /// <summary>The one time every generated file and bundle entry carries (see <see cref="BuildClock"/>).</summary>
    public BuildClock.Choice Clock => _clock ??= BuildClock.Resolve(Options.SourceDateEpoch, Recipe.Directory, NewestInputTime);

    private BuildClock.Choice? _clock;

    /// <summary>Opens the media, lays them over each other and reads the source kickstart.</summary>
    public void ExtractMedia()
    {
        Media ??= MediaSet.Open(Recipe, Options.MediaOpener);
        foreach (var skipped in Media.All.SelectMany(m => m.Skipped))
        {
            // An image's device nodes are left out of the tree, as bsdtar leaves out what it cannot create.
            Log.Warning(skipped);
            Report.Warn(skipped);
        }

        var merger = new TreeMerger();
        foreach (var disc in Media.Discs)
        {
            Log.Information($"{disc.Name}: {disc.Entries.Count} entries");
            merger.AddDisc(disc);
        }

        if (Media.KickstartMedium is { } ks)
        {
            Log.Information($"{ks.Name} (kickstart CD): {ks.Entries.Count} entries");
            merger.AddKickstartMedium(ks);
        }

        InstallTree = merger.Tree;
        SymlinkContainment.Check(InstallTree); // each medium's links may be fine alone and lead out through another's
        Conflicts = merger.Conflicts;
        SkippedPaths = merger.Skipped;
        foreach (var conflict in Conflicts)
        {
            Log.Verbose($"conflict: {conflict.Path}: kept {conflict.Kept}, dropped {conflict.Dropped} ({conflict.Reason})");
        }

        DetectOs(Repository.InstallTreeInfo.Of(InstallTree));
        SourceKickstart = KickstartSourceReader.Read(Recipe, Media);
        SourceKickstartMode = KickstartSourceReader.ModeOf(Recipe, Media);
        Kickstart ??= SourceKickstart;
        Report.Section("Inputs", DescribeInputs());
        Report.Section("Merged tree", DescribeTree(merger));
        if (merger.Narrowed.Count > 0)
        {
            Report.Section("Modes narrowed", DescribeNarrowed(merger.Narrowed));
        }
    }

    /// <summary>Writes NAME-VERSION.tar.gz, its manifest and its report into the artifacts directory.</summary>
    public BundleArtifacts PackageBundle()
    {
        var tree = InstallTree ?? throw StageMissing(nameof(PackageBundle), nameof(ExtractMedia));

        // Read the earlier bundle first: a bad --previous must fail before anything is written.
        var previous = Options.Previous is { } path ? PreviousBundle.Read(path) : null;
        // Held until the three artifacts and the cache's record of them are written: a
        // second build into this directory waits, so a set is never mixed from two builds.
        using var directoryLock = ArtifactsDirectory.Prepare(Options.ArtifactsDirectory, Log.Information);

        var clock = Clock;
        Log.Verbose($"entry time {clock.Time:yyyy-MM-ddTHH:mm:ssZ} from {clock.Source}");
        var content = BundleLayout.Compose(tree, Kickstart!, Extras, SourceKickstartMode);
        var baseName = Path.Combine(Options.ArtifactsDirectory, Recipe.BundleName);
        var artifacts = new BundleArtifacts(baseName + ".tar.gz", baseName + ".manifest.json", baseName + ".report.md", null!);
        var total = content.Entries.Sum(e => e.Size);
        var request = new BundleRequest
        {
            Content = content,
            TopDirectory = Recipe.BundleName,
            Time = clock.Time,
            Manifest = new BundleManifest
            {
                Name = Recipe.Name,
                Version = Recipe.Version.ToString(),
                Os = (Recipe.Os ?? DetectedOs)?.ToName(),
                Virt = Recipe.Virt.ToName(),
                SourceDateEpoch = clock.Time.ToUnixTimeSeconds(),
                Inputs = Inputs(),
                Packages = ManifestPackages(),
            },
            TarballPath = artifacts.Tarball,
            ManifestPath = artifacts.Manifest,
        };

        var cache = Options.Cache;
        var key = cache is null ? null : Caching.BundleKey.Of(request, Report.Render(Recipe.BundleName), Options.Previous, cache);
        if (key is not null && UpToDate(cache!, key, artifacts) is { } unchanged)
        {
            Log.Information($"{Recipe.BundleName}: up to date (same inputs as the bundle already in {Options.ArtifactsDirectory}), left alone");
            return artifacts with { Content = unchanged };
        }

        using var set = new ArtifactSet();
        BundleManifest manifest;
        using (var progress = Log.Progress($"writing {Path.GetFileName(artifacts.Tarball)}", total))
        {
            manifest = new BundleWriter(progress).Write(request, set);
        }

        Report.Section("Bundle", $"{Path.GetFileName(artifacts.Tarball)}: {manifest.Files.Count} files, {total.ToString("N0", CultureInfo.InvariantCulture)} bytes of content; entry time {clock.Time:yyyy-MM-dd HH:mm:ss} UTC from {clock.Source}.\n");
        if (previous is not null)
        {
            Report.Section("Changes since " + previous.Manifest.Version, ReleaseNotes.Describe(previous, manifest, path => ComparedText(content, path), XenBundle.Kickstart.Transform.UnifiedDiff.Create));
        }

        set.Write(artifacts.Report, System.Text.Encoding.UTF8.GetBytes(Report.Render($"{Recipe.Name} {Recipe.Version}")));
        set.Commit();
        if (key is not null)
        {
            cache!.RememberBundle(Recipe.BundleName, new Caching.BundleRecord(key, Versions(artifacts)));
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

    public void Dispose() => Media?.Dispose();

    /// <summary>The error for a stage run alone (--exclusive) before the stage it builds on.</summary>
    internal static XenBundleException StageMissing(string stage, string needs) =>
        new("--exclusive", $"{stage} needs what {needs} produces: run it without --exclusive", ExitCode.BadUsage);

    private List<ManifestPackage> ManifestPackages() =>
        (MergedRepository?.Packages.Packages ?? [])
            .Select(p => new ManifestPackage
            {
                Name = p.Package.Name,
                Epoch = p.Package.Epoch ?? 0,
                Version = p.Package.Version,
                Release = p.Package.Release,
                Arch = p.Package.Arch,
                Path = MergedRepository!.PathOf(p),
                Checksum = $"{p.ChecksumType.ToName()}:{p.Checksum}",
            })
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ToList();

    private List<ManifestInput> Inputs()
    {
        var inputs = new List<ManifestInput>
        {
            new() { Role = "recipe", Name = Path.GetFileName(Recipe.FilePath), Kind = "file", Size = new FileInfo(Recipe.FilePath).Length, Sha256 = MediaFingerprint.OfFile(Recipe.FilePath) },
        };
        var number = 1;
        foreach (var disc in Media!.Discs)
        {
            inputs.Add(Describe(disc, $"disc {number++}"));
        }

        if (Media.KickstartMedium is { } ks)
        {
            inputs.Add(Describe(ks, "kickstart medium"));
        }
        else
        {
            inputs.Add(new ManifestInput { Role = "kickstart", Name = Path.GetFileName(Recipe.Kickstart.File), Kind = "file", Size = SourceKickstart!.Length, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(SourceKickstart)) });
        }

        return inputs;
    }

    private ManifestInput Describe(IMediaSource medium, string role)
    {
        var isImage = File.Exists(medium.Location);
        return new ManifestInput
        {
            Role = role,
            Name = medium.Name,
            Kind = isImage ? "iso" : "directory",
            Size = isImage ? new FileInfo(medium.Location).Length : medium.Entries.Sum(e => e.Size),
            Sha256 = MediaFingerprint.Of(medium, Options.Cache),
        };
    }

    private DateTimeOffset NewestInputTime() =>
        (Media?.All ?? []).SelectMany(m => m.Entries).Select(e => e.ModifiedTime)
            .Append(new DateTimeOffset(File.GetLastWriteTimeUtc(Recipe.FilePath), TimeSpan.Zero)).Max();

    private string DescribeInputs()
    {
        var rows = Media!.Discs.Select((d, i) => (IReadOnlyList<string>)[$"disc {i + 1}", d.Name, d.Entries.Count(e => e.Kind == EntryKind.File).ToString(CultureInfo.InvariantCulture)]).ToList();
        if (Media.KickstartMedium is { } ks)
        {
            rows.Add(["kickstart CD", ks.Name, ks.Entries.Count(e => e.Kind == EntryKind.File).ToString(CultureInfo.InvariantCulture)]);
        }

        var text = $"Recipe {Markdown.Text(Recipe.FileName)}, version {Recipe.Version}, virt {Recipe.Virt.ToName()}.\n\n" + Markdown.Table(["role", "medium", "files"], rows);
        foreach (var medium in Media.All.Select(m => m is ISharedMedium shared ? shared.Inner : m))
        {
            if (medium is Media.Iso.IsoMediaSource { BootCatalog: { } boot })
            {
                text += "\n" + Markdown.Line($"{medium.Name}: {boot.Describe()}");
            }
        }

        return text;
    }

    private static string DescribeTree(TreeMerger merger)
    {
        var text = $"{merger.Tree.Entries.Count(e => e.Kind == EntryKind.File)} files; {merger.Skipped.Count} media-only files left out (TRANS.TBL, boot catalogs).\n\n";
        if (merger.Conflicts.Count == 0)
        {
            return text + "No conflicting paths.\n";
        }

        return text + "Paths with different content on several media:\n\n"
            + Markdown.Table(["path", "kept", "dropped", "why"], merger.Conflicts.Select(c => (IReadOnlyList<string>)[c.Path, c.Kept, c.Dropped, c.Reason]));
    }

    private static string DescribeNarrowed(IReadOnlyList<NarrowedMode> narrowed) =>
        "The bundle carries no setuid, setgid, sticky or world-write bit, and no directory wider than 0755 (it is unpacked and exported by root); these entries of the media had more:\n\n"
        + Markdown.Table(["path", "medium", "mode on the medium", "mode in the bundle"], narrowed.Select(n => (IReadOnlyList<string>)[n.Path, n.Origin, UnixMode.Format(n.Old), UnixMode.Format(n.New)]));
}
