namespace XenBundle.Kickstart.Transform;

/// <summary>
/// Where a file named by %include can be on the kickstart CD. The installer reads it at
/// install time, so the name is a path there: relative to the kickstart, or under the
/// directory where the installer or a script mounted the CD.
/// </summary>
public static class IncludePaths
{
    /// <summary>Mount points of the install CD seen in kickstarts (EL5/6 /mnt/source, EL7+ /run/install/repo).</summary>
    public static readonly IReadOnlyList<string> CdMountPoints =
    [
        "/mnt/source", "/mnt/cdrom", "/media/cdrom", "/mnt/cd", "/media/cd", "/mnt/isodir", "/mnt/install/source", "/run/install/repo", "/run/install/source",
    ];

    /// <summary>
    /// The paths inside the kickstart medium to try for <paramref name="include"/>, given the
    /// kickstart's own directory on it ("" for the top). Other absolute paths (like
    /// /tmp/part-include, which a %pre writes) are not on the medium.
    /// </summary>
    public static IReadOnlyList<string> OnMedium(string include, string kickstartDirectory)
    {
        ArgumentNullException.ThrowIfNull(include);
        ArgumentNullException.ThrowIfNull(kickstartDirectory);
        if (include.Length == 0)
        {
            return [];
        }

        if (!include.StartsWith('/'))
        {
            return Found(Normalise(kickstartDirectory.Length == 0 ? include : kickstartDirectory + "/" + include));
        }

        foreach (var mount in CdMountPoints)
        {
            if (include.StartsWith(mount + "/", StringComparison.Ordinal))
            {
                return Found(Normalise(include[(mount.Length + 1)..]));
            }
        }

        return [];
    }

    private static IReadOnlyList<string> Found(string path) => path.Length == 0 ? [] : [path];

    /// <summary>Collapses "." and "a/.." and drops a path that climbs out of the medium.</summary>
    private static string Normalise(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return string.Empty;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }
}
