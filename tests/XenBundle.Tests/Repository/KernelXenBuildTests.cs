using XenBundle.Tests.Support;

namespace XenBundle.Tests.RepositoryMerge;

/// <summary>
/// The seed's case end to end through ./build.sh: a CentOS 5 CD set whose kernel-xen is on
/// disc 2 only builds with both discs, and without disc 2 fails early, naming kernel-xen,
/// leaving no bundle.
/// </summary>
[TestFixture]
[Category(TestCategories.EndToEnd)]
public sealed class KernelXenBuildTests
{
    [Test]
    public void The_two_cd_set_builds_and_its_bundle_tree_is_a_repository_dnf_reads()
    {
        using var temp = new TempDirectory("ksxen");
        var recipe = DemoRecipe(temp, withDisc2: true);

        var result = BuildScript.Run("--recipe=" + recipe, "--artifacts=" + temp["out"]);

        result.EnsureSuccess("./build.sh with both discs");
        var bundle = temp["out/demo-1.0.0.tar.gz"];
        Assert.That(File.Exists(bundle), Is.True);
        Tool.Run("tar", "-xzf", bundle, "-C", temp.Path).EnsureSuccess("tar");
        Assert.That(Dnf.Query(temp["demo-1.0.0/install"], "repoquery", "--qf", "%{name}.%{arch}"), Does.Contain("kernel-xen.i686").And.Contain("acme-tools.noarch").And.Count.EqualTo(10));
    }

    [Test]
    public void Without_disc_2_the_build_fails_naming_kernel_xen_and_leaves_no_bundle()
    {
        using var temp = new TempDirectory("ksxen");
        var recipe = DemoRecipe(temp, withDisc2: false);

        var result = BuildScript.Run("--recipe=" + recipe, "--artifacts=" + temp["out"]);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output + result.Error);
        var errors = result.Error.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.That(errors, Has.Count.EqualTo(1), result.Error);
        Assert.That(errors[0], Does.Contain("kernel-xen").And.Contain("CentOS-5.11-i386-disc1"));
        Assert.That(result.Error + result.Output, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(Directory.Exists(temp["out"]) ? Directory.GetFiles(temp["out"], "*", SearchOption.AllDirectories) : [], Is.Empty);
    }

    /// <summary>The demo recipe, copied to a temporary directory with absolute media paths, with or without disc 2.</summary>
    private static string DemoRecipe(TempDirectory temp, bool withDisc2)
    {
        var media = Path.Combine(Repository.Demo, "media");
        var lines = File.ReadAllLines(Path.Combine(Repository.Demo, "recipe.yaml"))
            .Where(l => withDisc2 || !l.Contains("disc2", StringComparison.Ordinal))
            .Select(l => l.Replace(" media/", " " + media + "/", StringComparison.Ordinal));
        return temp.Write("recipe/recipe.yaml", string.Join('\n', lines) + "\n");
    }
}
