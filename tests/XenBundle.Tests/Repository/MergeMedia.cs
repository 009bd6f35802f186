using XenBundle.Media;
using XenBundle.Pipeline;
using XenBundle.Recipes;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.RepositoryMerge;

/// <summary>
/// A small EL5 i386 two-CD set and a kickstart CD as directories, built per test from the
/// demo's packages: each medium carries its own old repodata and comps (made by
/// createrepo_c), disc 1 the tree metadata, disc 2 kernel-xen and a second copy of bash.
/// </summary>
internal sealed class MergeMedia : IDisposable
{
    private readonly TempDirectory _temp = new("merge");

    public MergeMedia()
    {
        var demo = Path.Combine(Repository.Demo, "media");
        Disc1 = _temp["CentOS-5.11-i386-disc1"];
        Disc2 = _temp["CentOS-5.11-i386-disc2"];
        KickstartCd = _temp["acme-ks-cd"];
        foreach (var file in new[] { ".discinfo", ".treeinfo", "images/xen/vmlinuz", "images/xen/initrd.img", "images/stage2.img", "isolinux/boot.cat", "isolinux/isolinux.cfg", "CentOS/TRANS.TBL" })
        {
            Copy(Path.Combine(demo, "CentOS-5.11-i386-disc1", file), Path.Combine(Disc1, file));
        }

        Copy(Path.Combine(demo, "CentOS-5.11-i386-disc2", ".discinfo"), Path.Combine(Disc2, ".discinfo"));
        RpmFixtures.CopyTo(Path.Combine(Disc1, "CentOS"), Directory.GetFiles(Path.Combine(demo, "CentOS-5.11-i386-disc1", "CentOS"), "*.rpm"));
        RpmFixtures.CopyTo(Path.Combine(Disc2, "CentOS"), Directory.GetFiles(Path.Combine(demo, "CentOS-5.11-i386-disc2", "CentOS"), "*.rpm"));
        RpmFixtures.CopyTo(Path.Combine(Disc2, "Extras"), Directory.GetFiles(Path.Combine(demo, "CentOS-5.11-i386-disc1", "CentOS"), "bash-*.rpm"));
        RpmFixtures.CopyTo(Path.Combine(KickstartCd, "RPMS"), [RpmFixtures.Gamma]);
        File.WriteAllText(Path.Combine(KickstartCd, "ks.cfg"), "install\ncdrom\n%packages\n@core\n");

        OldRepodata(Disc1, CompsTests.Sample("core", "bash", "glibc"));
        OldRepodata(Disc2, CompsTests.Sample("core", "kernel-xen"));
        OldRepodata(KickstartCd, CompsTests.Sample("acme", "gamma"));
    }

    public string Disc1 { get; }

    public string Disc2 { get; }

    public string KickstartCd { get; }

    public string this[string relative] => _temp[relative];

    /// <summary>A recipe over these media (the discs given, disc 1 and 2 by default).</summary>
    public Recipe Recipe(string? os = "el5", IEnumerable<string>? discs = null)
    {
        var media = string.Concat((discs ?? [Disc1, Disc2]).Select(d => $"  - {d}\n"));
        var yaml = $"name: merge\nversion: 1.0.0\n{(os is null ? string.Empty : $"os: {os}\n")}virt: xen-pv\nmedia:\n{media}kickstart:\n  media: {KickstartCd}\n  file: ks.cfg\ndom0:\n  address: 192.168.50.1\n  clients: 192.168.50.0/24\ndomu:\n  name: web01\n";
        var file = _temp.Write($"recipe-{Guid.NewGuid():N}/recipe.yaml", yaml);
        return RecipeLoader.Load(file);
    }

    /// <summary>A pipeline over <paramref name="recipe"/> that has extracted and merged the media.</summary>
    public static BundlePipeline Merged(Recipe recipe)
    {
        var pipeline = Pipeline(recipe);
        pipeline.ExtractMedia();
        pipeline.MergeRepositories();
        return pipeline;
    }

    /// <summary>The error MergeRepositories stops with (the test fails when it does not).</summary>
    public static XenBundleException MergeError(Recipe recipe)
    {
        using var pipeline = Pipeline(recipe);
        pipeline.ExtractMedia();
        var error = Assert.Throws<XenBundleException>(pipeline.MergeRepositories)!;
        Assert.That(pipeline.MergedRepository, Is.Null, "a failed merge leaves no repository");
        return error;
    }

    public static BundlePipeline Pipeline(Recipe recipe) =>
        new(recipe, new PipelineOptions { ArtifactsDirectory = Path.Combine(recipe.Directory, "artifacts"), SourceDateEpoch = "1412018839" }, NullPipelineLog.Instance);

    public void Dispose() => _temp.Dispose();

    private void OldRepodata(string medium, string comps)
    {
        var file = _temp.Write($"comps-{Path.GetFileName(medium)}.xml", comps);
        RepodataCompare.Createrepo(medium, "-s", "sha", "-g", file);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }
}
