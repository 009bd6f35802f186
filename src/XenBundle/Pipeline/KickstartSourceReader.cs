using XenBundle.Kickstart.Syntax;
using XenBundle.Media;
using XenBundle.Recipes;

namespace XenBundle.Pipeline;

/// <summary>Reads the source kickstart: from the kickstart CD when the recipe names one, else from disk.</summary>
public static class KickstartSourceReader
{
    public static byte[] Read(Recipe recipe, MediaSet media)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(media);
        if (media.KickstartMedium is { } medium)
        {
            var entry = medium.Find(recipe.Kickstart.File)
                ?? throw new XenBundleException(medium.Name, $"kickstart.file '{recipe.Kickstart.File}' is not on the kickstart medium");
            if (entry.Kind != Tree.EntryKind.File)
            {
                throw new XenBundleException($"{medium.Name}:/{entry.Path}", "kickstart.file is not a regular file");
            }

            return ReadSmall(medium, entry);
        }

        return ReadSmall(recipe.Kickstart.File);
    }

    /// <summary>The permission bits of the source kickstart, on its medium or on disk.</summary>
    public static int ModeOf(Recipe recipe, MediaSet media)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(media);
        if (media.KickstartMedium?.Find(recipe.Kickstart.File) is { } entry)
        {
            return entry.Mode;
        }

        return OperatingSystem.IsWindows() ? Tree.UnixMode.File : (int)File.GetUnixFileMode(recipe.Kickstart.File) & Tree.UnixMode.Permissions;
    }

    /// <summary>A kickstart file of a medium (the source, or one it includes), refused when larger than any kickstart.</summary>
    public static byte[] ReadSmall(IMediaSource medium, MediaEntry entry)
    {
        ArgumentNullException.ThrowIfNull(medium);
        ArgumentNullException.ThrowIfNull(entry);
        var where = $"{medium.Name}:/{entry.Path}";
        if (entry.Size > KickstartParser.MaxBytes)
        {
            throw TooLarge(where, entry.Size);
        }

        // Bounded as it is read too: a directory medium's file may have grown since it was listed.
        using var stream = medium.OpenRead(entry);
        return BoundedInput.Read(stream, where, KickstartParser.MaxBytes, "kickstart");
    }

    /// <summary>A kickstart file on disk, refused when larger than any kickstart, unreadable, or not a regular file (/dev/zero, a FIFO).</summary>
    public static byte[] ReadSmall(string path, int exitCode = ExitCode.BuildFailed)
    {
        ArgumentNullException.ThrowIfNull(path);
        return BoundedInput.ReadFile(path, path, KickstartParser.MaxBytes, "kickstart", exitCode);
    }

    private static XenBundleException TooLarge(string where, long size) =>
        new(where, $"{size} bytes: larger than any kickstart ({KickstartParser.MaxBytes >> 20} MiB at most)");
}
