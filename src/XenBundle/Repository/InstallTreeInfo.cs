using System.Text;
using System.Text.RegularExpressions;
using XenBundle.Model;
using XenBundle.Tree;

namespace XenBundle.Repository;

/// <summary>
/// What an install tree says about itself in <c>.treeinfo</c> and <c>.discinfo</c>: the
/// release (EL5..EL9) and the architecture.
/// </summary>
public sealed partial class InstallTreeInfo
{
    private InstallTreeInfo(TreeInfo? treeInfo, DiscInfo? discInfo)
    {
        TreeInfo = treeInfo;
        DiscInfo = discInfo;
    }

    public TreeInfo? TreeInfo { get; }

    public DiscInfo? DiscInfo { get; }

    /// <summary>The release version as written ("5.11"), from .treeinfo ([general] or productmd's [release]), else .discinfo line 2.</summary>
    public string? Version =>
        TreeInfo?.Get("general", "version") ?? TreeInfo?.Get("release", "version")
        ?? (DiscInfo?.Release is { } release && VersionPattern().Matches(release) is { Count: > 0 } matches ? matches[^1].Value : null);

    /// <summary>The EL release of the tree, when its version's major number is one.</summary>
    public OsRelease? Os =>
        Version is { } version && VersionPattern().Match(version) is { Success: true } match
        && int.TryParse(match.Groups[1].ValueSpan, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var major)
        && major is >= 5 and <= 9
            ? (OsRelease)major
            : null;

    /// <summary>The tree's architecture (i386, x86_64...), from .treeinfo, else .discinfo line 3.</summary>
    public string? Arch => TreeInfo?.Get("general", "arch") ?? TreeInfo?.Get("tree", "arch") ?? NonEmpty(DiscInfo?.Arch);

    /// <summary>Where the answer came from, for the report.</summary>
    public string Source => TreeInfo?.Get("general", "version") is not null || TreeInfo?.Get("release", "version") is not null
        ? TreeInfo.FileName
        : DiscInfo.FileName;

    public static InstallTreeInfo Of(VirtualTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var treeInfo = ReadText(tree, TreeInfo.FileName) is { } t ? TreeInfo.Parse(t) : null;
        var discInfo = ReadText(tree, DiscInfo.FileName) is { } d ? DiscInfo.Parse(d) : null;
        return new InstallTreeInfo(treeInfo, discInfo);
    }

    /// <summary>A small text file of the tree (these are a few hundred bytes; larger ones are not tree metadata).</summary>
    public static string? ReadText(VirtualTree tree, string path)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (tree[path] is not { Kind: EntryKind.File, Content: { } content } || content.Length > 1 << 20)
        {
            return null;
        }

        using var stream = content.OpenRead();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    [GeneratedRegex(@"(\d+)(\.\d+)*")]
    private static partial Regex VersionPattern();
}
