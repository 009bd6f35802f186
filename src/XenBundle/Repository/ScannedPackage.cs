using XenBundle.Rpm;
using XenBundle.Tree;

namespace XenBundle.Repository;

/// <summary>Where a package file is: its path in the tree (the location href), its bytes and the medium it came from.</summary>
public sealed record PackageSource(string Href, IContent Content, string Medium);

/// <summary>
/// A package as the scan found it: its headers, the checksum of the whole file and its
/// size. A pure function of the file's bytes, so it can be cached by medium, path and size.
/// The checksum is null while only the headers have been read (<see cref="PackageScanner.ScanHeaders"/>):
/// the bundle writer hashes the package as it copies it, and the metadata is written after that.
/// </summary>
public sealed record ScannedPackage(PackageSource Source, RpmPackage Package, ChecksumType ChecksumType, string? Checksum, long Size)
{
    /// <summary>The checksum, for what is written only once it is known (the metadata's pkgid).</summary>
    public string KnownChecksum => Checksum ?? throw new InvalidOperationException($"{Origin}: the package's checksum is not known yet");

    public string Href => Source.Href;

    public string Origin => Source.Content.Origin;
}
