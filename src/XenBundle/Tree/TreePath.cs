namespace XenBundle.Tree;

/// <summary>
/// Paths inside a tree: '/' separated, relative, without '.', '..', empty components,
/// NUL or control characters. Everything that names an entry goes through here, so
/// that nothing from an input can point outside the output directory.
/// </summary>
public static class TreePath
{
    /// <summary>Why <paramref name="path"/> is not a safe relative path, or null when it is.</summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0)
        {
            return "empty path";
        }

        if (path[0] == '/')
        {
            return $"absolute path '{Printable(path)}'";
        }

        foreach (var c in path)
        {
            if (c == '\0' || char.IsControl(c))
            {
                return $"control character in name '{Printable(path)}'";
            }
        }

        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == "." || part == "..")
            {
                return $"unsafe path component in '{Printable(path)}'";
            }
        }

        return null;
    }

    /// <summary>Whether a single file name (one path component) is safe.</summary>
    public static string? NameProblem(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return $"'/' in file name '{Printable(name)}'";
        }

        return Problem(name);
    }

    public static string Combine(string directory, string name) =>
        directory.Length == 0 ? name : directory + "/" + name;

    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }

    public static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>
    /// Where a symlink at <paramref name="linkPath"/> with a relative <paramref name="target"/>
    /// points inside the tree, or null when the target is absolute or climbs out of the tree.
    /// </summary>
    public static string? ResolveLink(string linkPath, string target)
    {
        if (target.Length == 0 || target[0] == '/' || target.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var parts = new List<string>(Parent(linkPath).Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in target.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    /// <summary>A path made safe to show in a one-line message (see <see cref="PrintableText"/>).</summary>
    public static string Printable(string text) => PrintableText.Of(text);

    /// <summary>One character as <see cref="Printable(string)"/> shows it (see <see cref="PrintableText"/>).</summary>
    public static void AppendPrintable(System.Text.StringBuilder text, char c) => PrintableText.Append(text, c);
}
