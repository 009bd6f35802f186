namespace Build;

/// <summary>The pipeline options of build.sh (those beyond Cake's own), for --help and for spotting typos.</summary>
internal static class BuildOptions
{
    public static readonly IReadOnlyList<(string Usage, string Description)> Documented =
    [
        ("--recipe=PATH", "a recipe directory, a recipe.yaml, or 'all' (default: recipes/demo)"),
        ("--artifacts=DIR", "where bundles and reports go (default: artifacts)"),
        ("--release-version=V", "override the recipe's version (SemVer 2.0, e.g. 1.4.0-ci.57); -ci.57 or +sha.3f2a is added to each recipe's version"),
        ("--previous=PATH", "an earlier bundle or manifest: the report adds the diff"),
        ("--os=el5..el9", "override the OS release (default: detected from the media)"),
        ("--virt=xen-pv|xen-hvm|kvm", "override the virtualisation type"),
        ("--dom0-address=IP", "override dom0.address, the NFS server the guest installs from"),
        ("--domu-name=NAME", "override domu.name"),
        ("--domu-address=IP", "override domu.network.address"),
        ("--domu-netmask=MASK", "override domu.network.netmask"),
        ("--domu-gateway=IP", "override domu.network.gateway"),
        ("--domu-disk=PATH", "override domu.disk.path"),
        ("--allow-interactive", "XenBundle, TransformKickstart: a kickstart that would stop the install to ask (no rootpw, no partitioning, ...) is a warning, not an error"),
        ("--iso=FILE --output=DIR", "ExtractIso: the image to extract and where"),
        ("--kickstart=IN --output=OUT", "TransformKickstart --exclusive: rewrite one kickstart"),
        ("--input=DIR --checksum=sha|sha256", "CreateRepo: write DIR/repodata for the RPMs below DIR"),
        ("--where=KINDS", "Test: run only these kinds of test: unit (in process, under a minute), tool, end-to-end, fuzz; several separated by commas"),
        ("--filter=EXPR", "Test: run only the tests matching a dotnet test filter (with --where, those of both)"),
        ("--runs=N --size=MiB --only=PARTS", "Benchmark: runs of each measurement (default 5), media size (default 1024), which of extract,repodata,pipeline (default all)"),
    ];

    /// <summary>Every option name the build reads, Cake's own included.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "target", "t", "verbosity", "v", "working", "w", "description", "tree", "dryrun", "noop", "whatif", "exclusive", "e",
        "recipe", "artifacts", "release-version", "previous", "os", "virt", "dom0-address", "domu-name", "domu-address",
        "domu-netmask", "domu-gateway", "domu-disk", "allow-interactive", "iso", "output", "kickstart", "filter", "where", "runs", "size", "only", "input", "checksum",
    };
}
