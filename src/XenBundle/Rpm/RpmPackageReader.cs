namespace XenBundle.Rpm;

/// <summary>Turns the headers of a package into an <see cref="RpmPackage"/>.</summary>
public static class RpmPackageReader
{
    /// <summary>Reads the headers from <paramref name="stream"/> (and nothing after them).</summary>
    public static RpmPackage Read(Stream stream, string origin) => FromHeaders(RpmHeaderReader.Read(stream, origin), origin);

    public static RpmPackage FromHeaders(RpmHeaders headers, string origin)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var main = headers.Main;
        var sig = headers.Signature;
        var name = main.String(RpmTag.Name);
        var version = main.String(RpmTag.Version);
        var release = main.String(RpmTag.Release);
        var arch = main.String(RpmTag.Arch);
        if (name is null || version is null || release is null || arch is null)
        {
            throw new XenBundleException(origin, "the RPM header lacks NAME, VERSION, RELEASE or ARCH (corrupt package)");
        }

        var isSource = LegacyRetrofit.IsSource(main);
        return new RpmPackage
        {
            Name = name,
            Epoch = main.Number(RpmTag.Epoch) is { } epoch ? (uint)epoch : null,
            Version = version,
            Release = release,
            Arch = isSource ? "src" : arch,
            IsSource = isSource,
            Summary = main.String(RpmTag.Summary),
            Description = main.String(RpmTag.Description),
            Packager = main.String(RpmTag.Packager),
            Url = main.String(RpmTag.Url),
            BuildTime = (long)(main.Number(RpmTag.BuildTime) ?? 0),
            InstalledSize = (long)(main.Number(RpmTag.LongSize) ?? main.Number(RpmTag.Size) ?? 0),
            // rpm merges the signature's size tags into the main header unless it has them.
            ArchiveSize = (long)(main.Number(RpmTag.LongArchiveSize) ?? sig.Number(RpmTag.LongArchiveSize)
                ?? main.Number(RpmTag.ArchiveSize) ?? sig.Number(RpmTag.SignaturePayloadSize) ?? 0),
            License = main.String(RpmTag.License),
            Vendor = main.String(RpmTag.Vendor),
            Group = main.String(RpmTag.Group),
            BuildHost = main.String(RpmTag.BuildHost),
            SourceRpm = LegacyRetrofit.SourceRpm(main, isSource),
            HeaderRange = headers.Range,
            Provides = LegacyRetrofit.Provides(main, Dependencies(main, RpmTag.ProvideName, RpmTag.ProvideFlags, RpmTag.ProvideVersion), name, version, release),
            Requires = Dependencies(main, RpmTag.RequireName, RpmTag.RequireFlags, RpmTag.RequireVersion),
            Conflicts = Dependencies(main, RpmTag.ConflictName, RpmTag.ConflictFlags, RpmTag.ConflictVersion),
            Obsoletes = Dependencies(main, RpmTag.ObsoleteName, RpmTag.ObsoleteFlags, RpmTag.ObsoleteVersion),
            Recommends = Dependencies(main, RpmTag.RecommendName, RpmTag.RecommendFlags, RpmTag.RecommendVersion),
            Suggests = Dependencies(main, RpmTag.SuggestName, RpmTag.SuggestFlags, RpmTag.SuggestVersion),
            Supplements = Dependencies(main, RpmTag.SupplementName, RpmTag.SupplementFlags, RpmTag.SupplementVersion),
            Enhances = Dependencies(main, RpmTag.EnhanceName, RpmTag.EnhanceFlags, RpmTag.EnhanceVersion),
            OldSuggests = Dependencies(main, RpmTag.OldSuggestsName, RpmTag.OldSuggestsFlags, RpmTag.OldSuggestsVersion),
            OldEnhances = Dependencies(main, RpmTag.OldEnhancesName, RpmTag.OldEnhancesFlags, RpmTag.OldEnhancesVersion),
            Files = Files(main, origin),
            Changelogs = Changelogs(main),
        };
    }

    /// <summary>
    /// The dependencies of one kind: the three parallel arrays, as far as all three go
    /// (rpm's iterators stop at the shortest); none unless all three are present.
    /// </summary>
    private static List<RpmDependency> Dependencies(RpmHeader header, int nameTag, int flagsTag, int versionTag)
    {
        var names = header.Strings(nameTag);
        var flags = header.Numbers(flagsTag);
        var versions = header.Strings(versionTag);
        if (!header.Has(nameTag) || !header.Has(flagsTag) || !header.Has(versionTag))
        {
            return [];
        }

        var count = Math.Min(names.Count, Math.Min(flags.Count, versions.Count));
        var result = new List<RpmDependency>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add(new RpmDependency(names[i], (RpmSense)(uint)flags[i], versions[i]));
        }

        return result;
    }

    /// <summary>The file list: DIRNAMES/BASENAMES/DIRINDEXES, or OLDFILENAMES in packages older than rpm 4.</summary>
    private static List<RpmFile> Files(RpmHeader header, string origin)
    {
        var modes = header.Numbers(RpmTag.FileModes);
        var flags = header.Numbers(RpmTag.FileFlags);
        List<string> paths;
        if (header.Has(RpmTag.BaseNames))
        {
            var baseNames = header.Strings(RpmTag.BaseNames);
            var dirNames = header.Strings(RpmTag.DirNames);
            var dirIndexes = header.Numbers(RpmTag.DirIndexes);
            var count = Math.Min(baseNames.Count, dirIndexes.Count);
            paths = new List<string>(count);
            var budget = new FileListBudget(header.DataSize, origin);
            budget.Count(count);
            for (var i = 0; i < count; i++)
            {
                if (dirIndexes[i] >= (ulong)dirNames.Count)
                {
                    throw new XenBundleException(origin, $"file '{baseNames[i]}' points at directory {dirIndexes[i]} of {dirNames.Count} (corrupt package)");
                }

                var directory = dirNames[(int)dirIndexes[i]];
                budget.Spend(directory.Length + baseNames[i].Length, count);
                paths.Add(directory + baseNames[i]);
            }
        }
        else
        {
            paths = [.. header.Strings(RpmTag.OldFileNames)];
        }

        var files = new List<RpmFile>(paths.Count);
        for (var i = 0; i < paths.Count && i < modes.Count && i < flags.Count; i++)
        {
            files.Add(new RpmFile(paths[i], (int)modes[i], (RpmFileFlags)(uint)flags[i]));
        }

        return files;
    }

    private static List<RpmChangelog> Changelogs(RpmHeader header)
    {
        var times = header.Numbers(RpmTag.ChangelogTime);
        var names = header.Strings(RpmTag.ChangelogName);
        var texts = header.Strings(RpmTag.ChangelogText);
        var count = Math.Min(times.Count, Math.Min(names.Count, texts.Count));
        var result = new List<RpmChangelog>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add(new RpmChangelog((long)times[i], names[i], texts[i]));
        }

        return result;
    }
}
