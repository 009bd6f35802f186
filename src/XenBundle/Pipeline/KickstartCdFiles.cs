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
                    return new IncludedFile($"{medium.Name}:/{path}", KickstartSourceReader.ReadSmall(medium, entry));
                }
            }

            return null;
        };
    }

    /// <summary>
    /// Finds an %include's file in a directory standing for the kickstart CD (the kickstart's
    /// own). No symlink is followed, in the name or on the way to it: an include cannot
    /// reach a file outside the directory.
    /// </summary>
    public static Func<string, IncludedFile?> Resolver(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return include =>
        {
            foreach (var path in IncludePaths.OnMedium(include, string.Empty))
            {
                var full = Path.Combine(directory, path);
                if (File.Exists(full) && !ThroughSymlink(directory, path))
                {
                    return new IncludedFile(path, KickstartSourceReader.ReadSmall(full));
                }
            }

            return null;
        };
    }

    /// <summary>Whether any component of <paramref name="path"/> below <paramref name="directory"/> is a symlink.</summary>
    private static bool ThroughSymlink(string directory, string path)
    {
        var current = directory;
        foreach (var part in path.Split('/'))
        {
            current = Path.Combine(current, part);
            if (new FileInfo(current).LinkTarget is not null)
            {
                return true;
            }
        }

        return false;
    }
}
