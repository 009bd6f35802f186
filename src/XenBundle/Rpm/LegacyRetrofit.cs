namespace XenBundle.Rpm;

/// <summary>
/// What rpm 4.x (librpm up to 4.20, which createrepo_c links) adds to a header when it reads
/// a package, so that a package reads the same here as with <c>rpm -qp</c> and createrepo_c.
/// A source package is one that says so (SOURCEPACKAGE, rpm 4.14 on) or, for older ones,
/// one with no SOURCERPM whose files all sit in one unnamed directory (an SRPM holds bare
/// file names: the spec and the sources; in a list of whole paths, rpm looks at the first
/// name only); a header with neither that fails that test is a
/// binary whose source RPM is "(none)". A header without the immutable region (rpm 3 and
/// older) gets the self-provide NAME = [EPOCH:]VERSION-RELEASE that rpm 4 packages carry.
/// </summary>
public static class LegacyRetrofit
{
    /// <summary>What rpm writes as SOURCERPM of a binary that has none.</summary>
    public const string NoSourceRpm = "(none)";

    public static bool IsSource(RpmHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.Has(RpmTag.SourcePackage))
        {
            return true;
        }

        if (header.Has(RpmTag.SourceRpm))
        {
            return false;
        }

        if (header.Has(RpmTag.DirNames))
        {
            var directories = header.Strings(RpmTag.DirNames);
            return directories.Count == 1 && directories[0].Length == 0;
        }

        // Headers that list whole paths (rpm 3, or rpm 4 with --nodirtokens, region or not) are
        // split into directories first, and that split puts every file of a list whose first
        // name does not start with '/' into one unnamed directory: a source package.
        // (rpm's lib/package.cc applyRetrofits and lib/headerutil.cc compressFilelist.)
        var paths = header.Strings(RpmTag.OldFileNames);
        return paths.Count > 0 && !paths[0].StartsWith('/');
    }

    /// <summary>The SOURCERPM as rpm reports it: the tag, "(none)" for a binary without one, nothing for a source package.</summary>
    public static string? SourceRpm(RpmHeader header, bool isSource)
    {
        ArgumentNullException.ThrowIfNull(header);
        return header.String(RpmTag.SourceRpm) ?? (isSource ? null : NoSourceRpm);
    }

    /// <summary>
    /// The provides as rpm 4.x reads them: for a binary package without a header region,
    /// versionless provides (rpm before 3.0.3) first get an empty version, then the package
    /// provides itself unless it already does, exactly.
    /// </summary>
    public static List<RpmDependency> Provides(RpmHeader header, List<RpmDependency> provides, string name, string version, string release)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(provides);
        if (IsRegioned(header) || !header.Has(RpmTag.SourceRpm))
        {
            return provides;
        }

        var result = provides;
        if (header.Has(RpmTag.ProvideName) && !header.Has(RpmTag.ProvideVersion))
        {
            result = [.. header.Strings(RpmTag.ProvideName).Select(n => new RpmDependency(n, RpmSense.None, string.Empty))];
        }

        var evr = header.Number(RpmTag.Epoch) is { } epoch
            ? $"{(uint)epoch}:{version}-{release}"
            : $"{version}-{release}";
        var self = new RpmDependency(name, RpmSense.Equal, evr);
        if (!result.Contains(self))
        {
            result = [.. result, self];
        }

        return result;
    }

    /// <summary>Whether the header has the immutable region every header rpm 4 writes has.</summary>
    public static bool IsRegioned(RpmHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return header.Has(RpmTag.HeaderImmutable);
    }
}
