namespace Build;

/// <summary>
/// The repository's top directory, found upward from the program (build/bin/...), so that
/// defaults like recipes/demo and artifacts/ do not depend on where the host is started.
/// </summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "global.json")) && Directory.Exists(Path.Combine(directory.FullName, "build")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
