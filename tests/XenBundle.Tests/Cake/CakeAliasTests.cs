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
    public void XenBundleCreate_builds_the_demo_through_a_real_CakeContext()
    {
        using var temp = new TempDirectory("alias");
        using var services = CakeServices();
        var context = services.GetRequiredService<ICakeContext>();
        context.Environment.WorkingDirectory = Repository.Root;

        var recipe = context.XenBundleLoadRecipe(new DirectoryPath("recipes/demo"));
        var artifacts = context.XenBundleCreate(new DirectoryPath("recipes/demo"), new XenBundleSettings { ArtifactsDirectory = temp.Path, ReleaseVersion = "1.0.0-alias.1" });

        Assert.That(recipe.Name, Is.EqualTo("demo"));
        Assert.That(artifacts.Tarball, Is.EqualTo(temp["demo-1.0.0-alias.1.tar.gz"]));
        Assert.That(File.Exists(artifacts.Tarball), Is.True);
        Assert.That(artifacts.Content.Files, Has.Some.Property("Path").EqualTo("install/ks/kickstart.cfg"));
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
