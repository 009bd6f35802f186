using Cake.Cli;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.IO;
using Cake.XenBundle;
using Microsoft.Extensions.DependencyInjection;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Cake;

/// <summary>The aliases, called through a real Cake context as any Cake build would.</summary>
[Category(TestCategories.Unit)]
public sealed class CakeAliasTests
{
    [Test]
    public void XenBundleCreate_writes_the_bundle_its_result_describes_with_the_settings_applied()
    {
        using var temp = new TempDirectory("alias");
        using var services = CakeServices();
        var context = services.GetRequiredService<ICakeContext>();
        context.Environment.WorkingDirectory = Repository.Root;

        var recipe = context.XenBundleLoadRecipe(new DirectoryPath("recipes/demo"));
        var artifacts = context.XenBundleCreate(
            new DirectoryPath("recipes/demo"),
            new XenBundleSettings { ArtifactsDirectory = temp.Path, ReleaseVersion = "1.0.0-alias.1", SourceDateEpoch = "1700000000", DomUName = "alias01" });

        Assert.That(recipe.Name, Is.EqualTo("demo"));
        Assert.That(
            (artifacts.Tarball, artifacts.Manifest, artifacts.Report),
            Is.EqualTo((temp["demo-1.0.0-alias.1.tar.gz"], temp["demo-1.0.0-alias.1.manifest.json"], temp["demo-1.0.0-alias.1.report.md"])));
        Assert.That(Directory.GetFiles(temp.Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "demo-1.0.0-alias.1.manifest.json", "demo-1.0.0-alias.1.report.md", "demo-1.0.0-alias.1.tar.gz",
        }));
        Assert.That(
            (artifacts.Content.Name, artifacts.Content.Version, artifacts.Content.Os, artifacts.Content.Virt, artifacts.Content.SourceDateEpoch),
            Is.EqualTo(("demo", "1.0.0-alias.1", "el5", "xen-pv", 1700000000L)));

        // The result describes the tarball on disk, file for file: the same paths, sizes and SHA-256.
        var bundle = ReadTarball(artifacts.Tarball, "demo-1.0.0-alias.1/");
        var described = artifacts.Content.Files.Where(f => f.Type == "file").ToDictionary(f => f.Path, f => (f.Size, f.Sha256));
        Assert.That(described, Has.Count.GreaterThan(10));
        Assert.That(
            bundle.Where(f => described.ContainsKey(f.Key)).ToDictionary(f => f.Key, f => ((long)f.Value.Length, (string?)Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(f.Value)))),
            Is.EquivalentTo(described));
        Assert.That(bundle.Keys.Except(described.Keys), Is.EquivalentTo(new[] { "manifest.json", "SHA256SUMS" }), "the manifest lists every file but itself and SHA256SUMS");

        // The settings reached the stages: the version stamps the kickstart, the guest's name the scripts.
        var kickstart = System.Text.Encoding.Latin1.GetString(bundle["install/ks/kickstart.cfg"]);
        Assert.That(kickstart, Does.StartWith("# xenbundle: demo 1.0.0-alias.1 (el5, xen-pv), made by XenBundle from a kickstart CD\n")
            .And.Contain("\nprintf '%s\\n' NAME=demo VERSION=1.0.0-alias.1 > /etc/xenbundle-release\n"));
        var virtInstall = System.Text.Encoding.UTF8.GetString(bundle["dom0/virt-install.sh"]);
        Assert.That(virtInstall.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("--name ", StringComparison.Ordinal)), Is.EqualTo(new[] { "--name 'alias01' \\", "--name 'alias01' \\" }), "both command lines, virt-install 0.x and 2.0 on");
        Assert.That(System.Text.Encoding.UTF8.GetString(bundle["manifest.json"]), Does.Contain("\"version\": \"1.0.0-alias.1\"").And.Contain("\"source_date_epoch\": 1700000000"));
    }

    // The regular files of a bundle, by path below its top directory, read in process.
    private static Dictionary<string, byte[]> ReadTarball(string tarball, string top)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(tarball), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new System.Formats.Tar.TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            Assert.That(entry.Name, Does.StartWith(top));
            if (entry.EntryType is System.Formats.Tar.TarEntryType.RegularFile or System.Formats.Tar.TarEntryType.V7RegularFile)
            {
                using var content = new MemoryStream();
                entry.DataStream?.CopyTo(content);
                files[entry.Name[top.Length..]] = content.ToArray();
            }
        }

        return files;
    }

    internal static ServiceProvider CakeServices()
    {
        var services = new ServiceCollection();
        services.AddCakeDiagnostics();
        services.UseCakeDefaultModules();
        services.AddSingleton<ICakeArguments>(new CakeArguments(Array.Empty<string>().ToLookup(a => a, a => a)));
        services.AddSingleton<ICakeConfiguration>(new CakeConfiguration(new Dictionary<string, string>()));
        return services.BuildServiceProvider();
    }
}
