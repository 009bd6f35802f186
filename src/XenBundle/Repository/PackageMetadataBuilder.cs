using System.Globalization;
using XenBundle.Model;
using XenBundle.Rpm;

namespace XenBundle.Repository;

/// <summary>
/// Presents a package the way createrepo_c does (its parsehdr.c), so that yum and dnf see
/// the same repository whichever tool made it: requires on rpmlib(), on the package's own
/// primary files and on its own provides are left out, as are repeated requires; of the
/// libc.so.6 requires only the highest version is kept (and listed last); <c>pre</c> is
/// set for Requires(pre/post); a dependency whose epoch is not a number is dropped; weak
/// dependencies of the pre-4.12 kind are sorted into the new ones; the newest changelog
/// entries are kept, written oldest first, with equal times made distinct.
/// </summary>
public static class PackageMetadataBuilder
{
    /// <summary>createrepo_c's default <c>--changelog-limit</c>.</summary>
    public const int DefaultChangelogLimit = 10;

    /// <summary>Files that primary.xml lists: what yum's file requires are resolved against without filelists.</summary>
    public static bool IsPrimaryFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith("/etc/", StringComparison.Ordinal)
            || path == "/usr/lib/sendmail"
            || path.Contains("bin/", StringComparison.Ordinal);
    }

    public static PackageMetadata Build(ScannedPackage scanned, long fileTime, int changelogLimit = DefaultChangelogLimit)
    {
        ArgumentNullException.ThrowIfNull(scanned);
        var package = scanned.Package;
        CheckText(package, scanned.Origin);
        var files = package.Files.Select(f => new MetadataFile(f.Path, f.IsDirectory ? "dir" : f.IsGhost ? "ghost" : string.Empty)).ToList();
        var dependencies = new Dependencies(package);
        return new PackageMetadata
        {
            PkgId = scanned.Checksum,
            ChecksumType = scanned.ChecksumType.ToName(),
            Name = package.Name,
            Arch = package.Arch,
            Epoch = (package.Epoch ?? 0).ToString(CultureInfo.InvariantCulture),
            Version = package.Version,
            Release = package.Release,
            Summary = ControlCharacterScreen.ForPeople(package.Summary),
            Description = ControlCharacterScreen.ForPeople(package.Description),
            Packager = ControlCharacterScreen.ForPeople(package.Packager),
            Url = ControlCharacterScreen.ForPeople(package.Url),
            FileTime = fileTime,
            BuildTime = package.BuildTime,
            PackageSize = scanned.Size,
            InstalledSize = package.InstalledSize,
            ArchiveSize = package.ArchiveSize,
            Href = scanned.Href,
            License = ControlCharacterScreen.ForPeople(package.License),
            Vendor = ControlCharacterScreen.ForPeople(package.Vendor),
            Group = ControlCharacterScreen.ForPeople(package.Group),
            BuildHost = ControlCharacterScreen.ForPeople(package.BuildHost),
            SourceRpm = package.SourceRpm,
            HeaderStart = package.HeaderRange.Start,
            HeaderEnd = package.HeaderRange.End,
            Provides = dependencies.Provides,
            Requires = dependencies.Requires,
            Conflicts = dependencies.Conflicts,
            Obsoletes = dependencies.Obsoletes,
            Suggests = dependencies.Suggests,
            Enhances = dependencies.Enhances,
            Recommends = dependencies.Recommends,
            Supplements = dependencies.Supplements,
            Files = files,
            Changelogs = Changelogs(package.Changelogs, changelogLimit),
        };
    }

    /// <summary>rpm's comparison operators as the metadata spells them (only the LESS/GREATER/EQUAL bits count).</summary>
    public static string? FlagName(RpmSense flags) => ((int)flags & 0xF) switch
    {
        2 => "LT",
        4 => "GT",
        8 => "EQ",
        10 => "LE",
        12 => "GE",
        _ => null,
    };

    /// <summary>
    /// Splits "[E:]V[-R]" at the first ':' and the first '-' after it. The epoch is 0 when
    /// absent; null when it is not a number (the dependency is then dropped) or the text is empty.
    /// </summary>
    public static (string? Epoch, string? Version, string? Release) SplitEvr(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null, null);
        }

        string? epoch = "0";
        var rest = text;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var before = text[..colon];
            if (before.Length > 0)
            {
                epoch = IsCNumber(before) ? before : null;
            }

            rest = text[(colon + 1)..];
        }

        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return (epoch, rest, null);
        }

        var release = rest[(dash + 1)..];
        return (epoch, rest[..dash], release.Length == 0 ? null : release);
    }

    /// <summary>What C's strtol reads whole: optional white space, an optional sign, digits.</summary>
    private static bool IsCNumber(string text)
    {
        var i = 0;
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
        {
            i++;
        }

        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        var digits = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i > digits && i == text.Length;
    }

    /// <summary>The newest <paramref name="limit"/> entries, oldest first; an entry as old as the one before it moves that one a second later.</summary>
    private static List<MetadataChangelog> Changelogs(IReadOnlyList<RpmChangelog> entries, int limit)
    {
        // Built head first, as a list that grows at the front: index 0 is the oldest kept entry.
        var dates = new List<long>();
        var kept = new List<RpmChangelog>();
        long lastTime = 0;
        foreach (var entry in entries.Take(limit < 0 ? int.MaxValue : limit))
        {
            kept.Insert(0, entry);
            dates.Insert(0, entry.Time);
            if (lastTime == entry.Time)
            {
                var time = unchecked((int)entry.Time);
                for (var k = 1; k < dates.Count && dates[k] == time; k++)
                {
                    dates[k]++;
                    time++;
                }
            }
            else
            {
                lastTime = entry.Time;
            }
        }

        return [.. kept.Select((e, i) => new MetadataChangelog(TrimAuthor(ControlCharacterScreen.ForPeople(e.Author)!), dates[i], ControlCharacterScreen.ForPeople(e.Text)!))];
    }

    /// <summary>Trailing spaces go from the author, but never its first character.</summary>
    private static string TrimAuthor(string author)
    {
        var end = author.Length;
        while (end > 1 && author[end - 1] == ' ')
        {
            end--;
        }

        return author[..end];
    }

    /// <summary>
    /// A package with a control character where dnf reads is left out by <see cref="ControlCharacterScreen"/>
    /// before it gets here; one that comes anyway is refused, naming it, as XML could not carry it.
    /// </summary>
    private static void CheckText(RpmPackage package, string origin)
    {
        if (ControlCharacterScreen.MachineField(package) is { } field)
        {
            throw new XenBundleException(origin, $"{Tree.TreePath.Printable(package.Nevra)} has a control character in its {field.Name}, which repository metadata cannot carry");
        }
    }

    /// <summary>The dependency lists, filled in createrepo_c's order: provides, conflicts, obsoletes, requires, then the weak ones.</summary>
    private sealed class Dependencies
    {
        private readonly HashSet<string> _files;
        private readonly HashSet<string> _provided = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string? Flags, string Version, bool Pre)> _lastRequire = new(StringComparer.Ordinal);

        public Dependencies(RpmPackage package)
        {
            _files = new HashSet<string>(package.Files.Select(f => f.Path), StringComparer.Ordinal);
            foreach (var dependency in package.Provides)
            {
                if (Convert(dependency, pre: false) is { } provide)
                {
                    _provided.Add(Key(dependency));
                    Provides.Add(provide);
                }
            }

            Conflicts.AddRange(ConvertAll(package.Conflicts));
            Obsoletes.AddRange(ConvertAll(package.Obsoletes));
            AddRequires(package.Requires);
            Suggests.AddRange(ConvertAll(package.Suggests));
            Enhances.AddRange(ConvertAll(package.Enhances));
            Recommends.AddRange(ConvertAll(package.Recommends));
            Supplements.AddRange(ConvertAll(package.Supplements));
            foreach (var dependency in package.OldSuggests)
            {
                if (Convert(dependency, pre: false) is { } converted)
                {
                    ((dependency.Flags & RpmSense.Strong) != 0 ? Recommends : Suggests).Add(converted);
                }
            }

            foreach (var dependency in package.OldEnhances)
            {
                if (Convert(dependency, pre: false) is { } converted)
                {
                    ((dependency.Flags & RpmSense.Strong) != 0 ? Supplements : Enhances).Add(converted);
                }
            }
        }

        public List<MetadataDependency> Provides { get; } = [];

        public List<MetadataDependency> Requires { get; } = [];

        public List<MetadataDependency> Conflicts { get; } = [];

        public List<MetadataDependency> Obsoletes { get; } = [];

        public List<MetadataDependency> Suggests { get; } = [];

        public List<MetadataDependency> Enhances { get; } = [];

        public List<MetadataDependency> Recommends { get; } = [];

        public List<MetadataDependency> Supplements { get; } = [];

        private void AddRequires(IReadOnlyList<RpmDependency> requires)
        {
            MetadataDependency? highestLibc = null;
            foreach (var dependency in requires)
            {
                var name = dependency.Name;
                var flags = FlagName(dependency.Flags);
                if (name.StartsWith("rpmlib(", StringComparison.Ordinal)
                    || (name.StartsWith('/') && _files.Contains(name) && IsPrimaryFile(name))
                    || _provided.Contains(Key(dependency)))
                {
                    continue;
                }

                var pre = dependency.IsPre;
                if (_lastRequire.TryGetValue(name, out var last) && last.Flags == flags && last.Version == dependency.Version && last.Pre == pre)
                {
                    continue;
                }

                if (Convert(dependency, pre) is not { } converted)
                {
                    continue;
                }

                if ((dependency.Flags & RpmSense.MissingOk) != 0)
                {
                    Recommends.Add(converted with { Pre = false });
                    continue;
                }

                if (name.StartsWith("libc.so.6", StringComparison.Ordinal))
                {
                    if (highestLibc is null || CompareLibc(highestLibc.Name, name) == 2)
                    {
                        highestLibc = converted;
                    }

                    continue;
                }

                Requires.Add(converted);
                _lastRequire[name] = (flags, dependency.Version, pre);
            }

            if (highestLibc is not null)
            {
                Requires.Add(highestLibc);
            }
        }

        private static IEnumerable<MetadataDependency> ConvertAll(IReadOnlyList<RpmDependency> dependencies) =>
            dependencies.Select(d => Convert(d, pre: false)).OfType<MetadataDependency>();

        private static MetadataDependency? Convert(RpmDependency dependency, bool pre)
        {
            var (epoch, version, release) = SplitEvr(dependency.Version);
            if (dependency.Version.Length > 0 && epoch is null)
            {
                return null; // createrepo_c: "Bad epoch in version string", dependency skipped
            }

            return new MetadataDependency(dependency.Name, FlagName(dependency.Flags), epoch, version, release, pre);
        }

        private static string Key(RpmDependency dependency) => dependency.Name + FlagName(dependency.Flags) + dependency.Version;

        /// <summary>
        /// Which of two libc.so.6 requires is higher by the version in their first
        /// parentheses: 0 same, 1 the first, 2 the second, -1 undecidable (createrepo_c's rules).
        /// </summary>
        private static int CompareLibc(string first, string second)
        {
            if (first == second)
            {
                return 0;
            }

            var open1 = first.IndexOf('(', StringComparison.Ordinal);
            var open2 = second.IndexOf('(', StringComparison.Ordinal);
            if (open1 < 0 && open2 < 0)
            {
                return 0;
            }

            if (open1 < 0)
            {
                return 2;
            }

            if (open2 < 0)
            {
                return 1;
            }

            var close1 = first.IndexOf(')', open1);
            var close2 = second.IndexOf(')', open2);
            if (close1 < 0 && close2 < 0)
            {
                return -1;
            }

            if (close1 < 0)
            {
                return 2;
            }

            if (close2 < 0)
            {
                return 1;
            }

            int start1 = open1 + 1, start2 = open2 + 1;
            if (start1 == close1 && start2 == close2)
            {
                return 0;
            }

            if (start1 == close1)
            {
                return 2;
            }

            if (start2 == close2)
            {
                return 1;
            }

            var digit1 = FirstDigit(first, start1);
            var digit2 = FirstDigit(second, start2);
            if (digit1 > close1 && digit2 > close2)
            {
                return 0;
            }

            if (digit1 > close1)
            {
                return 2;
            }

            if (digit2 > close2)
            {
                return 1;
            }

            var order = RpmVersion.Compare(first[digit1..close1], second[digit2..close2]);
            return order < 0 ? 2 : order;
        }

        /// <summary>The index of the first digit from <paramref name="start"/>, or the length when there is none.</summary>
        private static int FirstDigit(string text, int start)
        {
            var i = start;
            while (i < text.Length && !char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            return i;
        }
    }
}
