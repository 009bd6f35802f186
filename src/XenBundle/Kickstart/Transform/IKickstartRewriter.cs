using XenBundle.Kickstart.Syntax;

namespace XenBundle.Kickstart.Transform;

/// <summary>
/// One rule of the rewrite (as a Roslyn rewriter): takes a tree and returns a new tree with
/// every change it made, and what it noticed but left alone.
/// </summary>
public interface IKickstartRewriter
{
    RewriteResult Rewrite(KickstartDocument document, RewriteContext context);
}

/// <summary>
/// A rewriter that edits a copy of the document through a <see cref="DocumentEditor"/>,
/// which records each change as it is made.
/// </summary>
public abstract class KickstartRewriter : IKickstartRewriter
{
    public RewriteResult Rewrite(KickstartDocument document, RewriteContext context)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        var editor = new DocumentEditor(document);
        Apply(editor, context);
        return editor.Result();
    }

    protected abstract void Apply(DocumentEditor editor, RewriteContext context);
}

/// <summary>What a rewriter returns.</summary>
public sealed record RewriteResult(KickstartDocument Document, IReadOnlyList<KickstartChange> Changes, IReadOnlyList<KickstartWarning> Warnings);

/// <summary>What the rewriters know of the build: the target and the kickstart CD.</summary>
public sealed record RewriteContext
{
    public required KickstartTarget Target { get; init; }

    /// <summary>
    /// The kickstart CD's top-level files and directories (not the distribution's) that the
    /// first %post copies to /tmp/postinstall_files; null when unknown (stand-alone use).
    /// </summary>
    public IReadOnlyList<string>? PostInstallFiles { get; init; }

    /// <summary>Finds a file an %include names on the kickstart media; null when it is not there.</summary>
    public Func<string, IncludedFile?>? ResolveInclude { get; init; }

    /// <summary>The SHA-256 of the source kickstart, lower-case hex.</summary>
    public required string SourceSha256 { get; init; }

    public KickstartDialect Dialect => KickstartDialect.For(Target.Os);
}

/// <summary>A file found for an %include: a name for messages and its bytes.</summary>
public sealed record IncludedFile(string Name, byte[] Content);
