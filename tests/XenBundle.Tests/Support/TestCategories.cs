// In XenBundle.Tests, not .Support: every fixture names these, and needs no using for them.
namespace XenBundle.Tests;

/// <summary>
/// The four kinds of test, one per test (on its fixture, or on the method where a fixture
/// mixes kinds). <c>./build.sh --target=Test --where=unit</c> and the like choose by them;
/// <see cref="TestCategoryTests"/> fails on a test that has none or more than one.
/// </summary>
internal static class TestCategories
{
    /// <summary>In process only: no external tool, no ./build.sh, no rpmbuild-made fixture.</summary>
    public const string Unit = "Unit";

    /// <summary>
    /// Runs an external program: an oracle (bsdtar, createrepo_c, dnf, shellcheck, virt-install, tar)
    /// or a fixture maker (rpmbuild, genisoimage, xorriso, bash scripts, even the <c>cp -a</c> of
    /// <c>RecipeText.CopyDemoMedia</c>), and so needs the tools TestPrerequisites installs.
    /// </summary>
    public const string Tool = "Tool";

    /// <summary>Runs ./build.sh, and so the published host, as a user does.</summary>
    public const string EndToEnd = "EndToEnd";

    /// <summary>Seeded mutation fuzzing of a reader, a minute each by default.</summary>
    public const string Fuzz = "Fuzz";

    /// <summary>Every category; <c>--where</c> of build.sh takes them in lower case, EndToEnd as end-to-end (build/TestSelection.cs).</summary>
    public static readonly IReadOnlyList<string> All = [Unit, Tool, EndToEnd, Fuzz];
}
