using System.Security.Cryptography;
using XenBundle.Kickstart.Rewriters;
using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;

namespace XenBundle.Kickstart;

/// <summary>What to rewrite, for which guest, with what from the kickstart CD.</summary>
public sealed record KickstartRequest
{
    /// <summary>The source kickstart, as bytes (it need not be UTF-8).</summary>
    public required byte[] Source { get; init; }

    /// <summary>The file's name for messages (<c>ks.cfg</c>).</summary>
    public required string FileName { get; init; }

    public required KickstartTarget Target { get; init; }

    /// <summary>The kickstart CD's top-level files and directories to copy for %post; null when unknown.</summary>
    public IReadOnlyList<string>? PostInstallFiles { get; init; }

    /// <summary>Finds a file named by %include on the kickstart media; null: none can be followed.</summary>
    public Func<string, IncludedFile?>? ResolveInclude { get; init; }

    /// <summary>
    /// <c>--allow-interactive</c>: a kickstart that leaves the installer something to ask
    /// (<see cref="UnattendedCheck"/>) is a warning instead of an error.
    /// </summary>
    public bool AllowInteractive { get; init; }
}

/// <summary>The guest's kickstart, every change made, what needs a person's eye, and the diff.</summary>
public sealed record KickstartResult(byte[] Kickstart, IReadOnlyList<KickstartChange> Changes, IReadOnlyList<KickstartWarning> Warnings, string Diff)
{
    /// <summary>The syntax the kickstart is written in (the target release's): what reads it, and masks its secrets, later.</summary>
    public required KickstartDialect Dialect { get; init; }

    /// <summary>The diff as reports show it: the same hunks, every password masked (<see cref="KickstartSecrets"/>).</summary>
    public string MaskedDiff { get; init; } = Diff;
}

/// <summary>
/// Turns the CD's kickstart into the Xen guest's with the smallest diff: parse to a
/// full-fidelity tree, run each rule's rewriter over it, print. Lines no rule touches come
/// out byte for byte as they went in.
/// </summary>
public static class KickstartTransformer
{
    /// <summary>
    /// The rules in the order they run: includes first so that the others see the included
    /// lines; the CD mounts before the disk names, so that /dev/hdc (an IDE CD drive) is not
    /// reported as a disk once it is gone.
    /// </summary>
    public static IReadOnlyList<IKickstartRewriter> Rules { get; } =
    [
        new IncludeInliner(),
        new TargetSyntaxRewriter(),
        new InstallMethodRewriter(),
        new PackageRepositoryRewriter(),
        new CdMountRewriter(),
        new DiskNameRewriter(),
        new SerialConsoleRewriter(),
        new XenKernelRewriter(),
        new UnattendedRewriter(),
        new NetworkRewriter(),
        new PlainTextPasswordChecker(),
        new PostInstallFilesRewriter(),
        new ReleaseStampRewriter(),
    ];

    public static KickstartResult Transform(KickstartRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dialect = KickstartDialect.For(request.Target.Os);
        var sourceText = KickstartText.Decode(request.Source);
        var document = KickstartParser.Parse(sourceText, request.FileName, KickstartDialect.ForSource(request.Target.Os));
        var context = new RewriteContext
        {
            Target = request.Target,
            PostInstallFiles = request.PostInstallFiles,
            ResolveInclude = request.ResolveInclude,
            SourceSha256 = Convert.ToHexStringLower(SHA256.HashData(request.Source)),
        };

        var changes = new List<KickstartChange>();
        var warnings = new List<KickstartWarning>();
        foreach (var rule in Rules)
        {
            var result = rule.Rewrite(document, context);
            document = result.Document;
            changes.AddRange(result.Changes);
            warnings.AddRange(result.Warnings);
        }

        warnings.AddRange(KickstartValidator.Check(document));
        var output = document.Print();

        // What the rules made must read back in the target's syntax: a rule that broke it is
        // a bug, better found here than by the installer.
        KickstartParser.Parse(output, request.FileName, dialect);
        warnings.AddRange(Unattended(document, request));
        return new KickstartResult(KickstartText.Encode(output), changes, warnings, UnifiedDiff.Create(sourceText, output))
        {
            Dialect = dialect,
            MaskedDiff = UnifiedDiff.Create(KickstartSecrets.Mask(sourceText, dialect), KickstartSecrets.Mask(output, dialect)),
        };
    }

    /// <summary>
    /// A kickstart that would stop the install to ask is an error, or with --allow-interactive
    /// a warning. A %include or %ksappend the rewrite could not read (a file %pre writes, a
    /// URL) may answer what is missing, which cannot be known before the install: then it is a
    /// warning at that line, never an error.
    /// </summary>
    private static IEnumerable<KickstartWarning> Unattended(KickstartDocument document, KickstartRequest request)
    {
        var missing = UnattendedCheck.Missing(document);
        if (missing.Count == 0)
        {
            return [];
        }

        var what = $"the install would stop to ask for {UnattendedCheck.Describe(missing)}";
        if (document.Nodes.OfType<IncludeNode>().FirstOrDefault() is { } unread)
        {
            return [new KickstartWarning(unread.Source, $"{unread.Line.Name} {unread.Target} is read only during the install: unless it gives them, {what}")];
        }

        return request.AllowInteractive
            ? [new KickstartWarning(LineRef.WholeFile(request.FileName), what + " (--allow-interactive)")]
            : throw new XenBundleException(request.FileName, what);
    }
}
