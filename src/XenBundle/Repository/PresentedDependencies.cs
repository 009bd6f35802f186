using XenBundle.Rpm;

namespace XenBundle.Repository;

/// <summary>
/// A package's dependencies as primary.xml lists them, computed once per package the way
/// createrepo_c's parsehdr.c does, so that yum and dnf see the same repository whichever
/// tool made it: requires on rpmlib(), on the package's own primary files and on its own
/// provides are left out, as are repeated requires; of the libc.so.6 requires only the
/// highest version is kept (and listed last); <c>pre</c> is set for Requires(pre/post); a
/// dependency whose epoch is not a number is dropped; weak dependencies of the pre-4.12
/// kind are sorted into the new ones. The lists are filled in createrepo_c's order:
/// provides, conflicts, obsoletes, requires, then the weak ones.
/// </summary>
internal sealed class PresentedDependencies
{
    private readonly RpmPackage _package;
    private readonly List<DependencyEntry> _provides = [];
    private readonly List<DependencyEntry> _requires = [];
    private readonly List<DependencyEntry> _conflicts = [];
    private readonly List<DependencyEntry> _obsoletes = [];
    private readonly List<DependencyEntry> _suggests = [];
    private readonly List<DependencyEntry> _enhances = [];
    private readonly List<DependencyEntry> _recommends = [];
    private readonly List<DependencyEntry> _supplements = [];
    private readonly HashSet<string> _provided = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string? Flags, string Version, bool Pre)> _lastRequire = new(StringComparer.Ordinal);

    // Only the primary files, and only once a require names one: the whole file list is
    // already in the package and is not copied.
    private HashSet<string>? _primaryFiles;

    public PresentedDependencies(RpmPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        _package = package;
        foreach (var dependency in package.Provides)
        {
            if (DependencyEntry.From(dependency, pre: false) is { } provide)
            {
                _provided.Add(Key(dependency));
                _provides.Add(provide);
            }
        }

        _conflicts.AddRange(ConvertAll(package.Conflicts));
        _obsoletes.AddRange(ConvertAll(package.Obsoletes));
        AddRequires(package.Requires);
        _suggests.AddRange(ConvertAll(package.Suggests));
        _enhances.AddRange(ConvertAll(package.Enhances));
        _recommends.AddRange(ConvertAll(package.Recommends));
        _supplements.AddRange(ConvertAll(package.Supplements));
        foreach (var dependency in package.OldSuggests)
        {
            if (DependencyEntry.From(dependency, pre: false) is { } converted)
            {
                ((dependency.Flags & RpmSense.Strong) != 0 ? _recommends : _suggests).Add(converted);
            }
        }

        foreach (var dependency in package.OldEnhances)
        {
            if (DependencyEntry.From(dependency, pre: false) is { } converted)
            {
                ((dependency.Flags & RpmSense.Strong) != 0 ? _supplements : _enhances).Add(converted);
            }
        }
    }

    public IReadOnlyList<DependencyEntry> Provides => _provides;

    public IReadOnlyList<DependencyEntry> Requires => _requires;

    public IReadOnlyList<DependencyEntry> Conflicts => _conflicts;

    public IReadOnlyList<DependencyEntry> Obsoletes => _obsoletes;

    public IReadOnlyList<DependencyEntry> Suggests => _suggests;

    public IReadOnlyList<DependencyEntry> Enhances => _enhances;

    public IReadOnlyList<DependencyEntry> Recommends => _recommends;

    public IReadOnlyList<DependencyEntry> Supplements => _supplements;

    private void AddRequires(IReadOnlyList<RpmDependency> requires)
    {
        DependencyEntry? highestLibc = null;
        foreach (var dependency in requires)
        {
            var name = dependency.Name;
            var flags = DependencyEntry.FlagName(dependency.Flags);
            if (name.StartsWith("rpmlib(", StringComparison.Ordinal)
                || IsOwnPrimaryFile(name)
                || _provided.Contains(Key(dependency)))
            {
                continue;
            }

            var pre = dependency.IsPre;
            if (_lastRequire.TryGetValue(name, out var last) && last.Flags == flags && last.Version == dependency.Version && last.Pre == pre)
            {
                continue;
            }

            if (DependencyEntry.From(dependency, pre) is not { } converted)
            {
                continue;
            }

            if ((dependency.Flags & RpmSense.MissingOk) != 0)
            {
                _recommends.Add(converted with { Pre = false });
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

            _requires.Add(converted);
            _lastRequire[name] = (flags, dependency.Version, pre);
        }

        if (highestLibc is not null)
        {
            _requires.Add(highestLibc);
        }
    }

    /// <summary>Whether a require names a file of this package that primary.xml lists (yum resolves it within the package).</summary>
    private bool IsOwnPrimaryFile(string name)
    {
        if (!name.StartsWith('/') || !PrimaryXml.IsPrimaryFile(name))
        {
            return false;
        }

        _primaryFiles ??= new HashSet<string>(_package.Files.Select(f => f.Path).Where(PrimaryXml.IsPrimaryFile), StringComparer.Ordinal);
        return _primaryFiles.Contains(name);
    }

    private static IEnumerable<DependencyEntry> ConvertAll(IReadOnlyList<RpmDependency> dependencies) =>
        dependencies.Select(d => DependencyEntry.From(d, pre: false)).OfType<DependencyEntry>();

    private static string Key(RpmDependency dependency) => dependency.Name + DependencyEntry.FlagName(dependency.Flags) + dependency.Version;

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
