namespace XenBundle.Tree;

/// <summary>
/// A reference to the bytes of a file: an extent of an ISO, a file on disk, generated text.
/// Nothing is read until <see cref="OpenRead"/> is called.
/// </summary>
public interface IContent
{
    long Length { get; }

    /// <summary>Where the bytes come from, for reports and errors (never an absolute path of the build machine).</summary>
    string Origin { get; }

    Stream OpenRead();

    /// <summary>
    /// Where the medium keeps the bytes, when it can tell: two contents with equal keys are
    /// two names of one stored file (hard links), which the bundle keeps as one file and
    /// its links. Null for generated content and media that cannot tell.
    /// </summary>
    object? Storage => null;
}
