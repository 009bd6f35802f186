using XenBundle.Rpm;
using XenBundle.Tree;

namespace XenBundle.Repository;

/// <summary>Where a package file is: its path in the tree (the location href), its bytes and the medium it came from.</summary>
public sealed record PackageSource(string Href, IContent Content, string Medium);

/// <summary>
/// A package as the scan found it: its headers, the checksum of the whole file and its
/// size. A pure function of the file's bytes, so it can be cached by medium, path and size.
/// </summary>
public sealed record ScannedPackage(PackageSource Source, RpmPackage Package, ChecksumType ChecksumType, string Checksum, long Size)
{
    public string Href => Source.Href;

    public string Origin => Source.Content.Origin;
}
