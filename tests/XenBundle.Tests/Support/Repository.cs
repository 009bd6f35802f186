// In XenBundle.Tests, not .Support: the core's XenBundle.Repository namespace would
// otherwise hide this class from every test namespace below XenBundle.Tests.
namespace XenBundle.Tests;

/// <summary>Paths of the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string BuildScript => Path.Combine(Root, "build.sh");

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    public static string Demo => Path.Combine(Root, "recipes", "demo");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "global.json")) && File.Exists(Path.Combine(directory.FullName, "build.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the tests do not run inside the XenBundle repository");
    }
}
