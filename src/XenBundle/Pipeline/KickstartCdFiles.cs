using XenBundle.Kickstart.Transform;
using XenBundle.Media;
using XenBundle.Tree;

namespace XenBundle.Pipeline;

/// <summary>
/// What the guest's first %post copies from the kickstart CD, and where an %include finds
/// its file: names and bytes of kickstart fragments only; the post-install files' content
/// is never read here.
/// </summary>
public static class KickstartCdFiles
{
    /// <summary>
    /// The kickstart CD's own top-level files and directories: those no distribution disc
    /// also has at its top (the distribution's content, repodata, images, ...) and none of
    /// the media clutter (TRANS.TBL, boot catalogs).
    /// </summary>
    public static IReadOnlyList<string> TopLevel(IMediaSource kickstartMedium, IEnumerable<IMediaSource> discs)
    {
        ArgumentNullException.ThrowIfNull(kickstartMedium);
        ArgumentNullException.ThrowIfNull(discs);
        var distribution = discs.SelectMany(d => d.Entries).Where(e => !e.Path.Contains('/', StringComparison.Ordinal))
            .Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        return kickstartMedium.Entries
            .Where(e => !e.Path.Contains('/', StringComparison.Ordinal))
            .Select(e => e.Path)
            .Where(p => !distribution.Contains(p) && !TreeMerger.IsMediaClutter(p) && !TreeMerger.IsTreeMetadata(p))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Finds an %include's file on the kickstart medium (<paramref name="kickstartFile"/> is the kickstart's path on it).</summary>
    public static Func<string, IncludedFile?> Resolver(IMediaSource medium, string kickstartFile)
    {
        ArgumentNullException.ThrowIfNull(medium);
        ArgumentNullException.ThrowIfNull(kickstartFile);
        return include =>
        {
            foreach (var path in IncludePaths.OnMedium(include, TreePath.Parent(kickstartFile)))
            {
                if (medium.Find(path) is { Kind: EntryKind.File } entry)
                {
                    using var stream = medium.OpenRead(entry);
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    return new IncludedFile($"{medium.Name}:/{path}", copy.ToArray());
                }
            }

            return null;
        };
    }

    /// <summary>Finds an %include's file in a directory standing for the kickstart CD (the kickstart's own).</summary>
    public static Func<string, IncludedFile?> Resolver(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return include =>
        {
            foreach (var path in IncludePaths.OnMedium(include, string.Empty))
            {
                var full = Path.Combine(directory, path);
                if (File.Exists(full) && new FileInfo(full).LinkTarget is null)
                {
                    return new IncludedFile(path, File.ReadAllBytes(full));
                }
            }

            return null;
        };
    }
}
