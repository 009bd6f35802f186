using System.Globalization;

namespace Build.Benchmarks;

/// <summary>
/// The least any tool must do with the media: read them once, hash them with SHA-256 (the
/// manifest, SHA256SUMS) and SHA-1 (repodata) in that one pass, and write them once, as a
/// shell pipe: <c>cat ISOS | tee &gt;(openssl dgst -sha256) &gt;(openssl dgst -sha1) &gt; OUT</c>.
/// Its parts are commands of their own, so that the table shows where the time goes.
/// </summary>
internal static class ShellFloor
{
    /// <summary>
    /// The one-pass floor. bash does not wait for a process substitution, so the pipe is
    /// grouped with descriptor 3 open on a last <c>cat</c>: both hashes inherit it, and the
    /// last cat, which bash does wait for, ends only when both hashes have.
    /// </summary>
    public static CommandLine OnePass(string output, IReadOnlyList<string> media) =>
        new("bash", ["-c", "{ cat \"${@:2}\" | tee >(openssl dgst -sha256 >/dev/null) >(openssl dgst -sha1 >/dev/null) > \"$1\"; } 3>&1 | cat >/dev/null", "floor", output, .. media]);

    /// <summary>Reading alone: <c>cat ISOS &gt;/dev/null</c>.</summary>
    public static CommandLine Read(IReadOnlyList<string> media) =>
        new("bash", ["-c", "cat \"$@\" >/dev/null", "read", .. media]);

    /// <summary>One hash alone over the same files: <c>openssl dgst -sha256 ISOS</c>.</summary>
    public static CommandLine Hash(string algorithm, IReadOnlyList<string> media) =>
        new("openssl", ["dgst", "-" + algorithm, .. media]);

    /// <summary>Writing alone: as many bytes as the media hold, to a file on the same disk.</summary>
    public static CommandLine Write(string output, long bytes) =>
        new("bash", ["-c", "head -c \"$1\" /dev/zero > \"$2\"", "write", bytes.ToString(CultureInfo.InvariantCulture), output]);
}
