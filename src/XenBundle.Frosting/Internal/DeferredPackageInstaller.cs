using Cake.Core.IO;
using Cake.Core.Packaging;
using Microsoft.Extensions.DependencyInjection;

namespace XenBundle.Frosting.Internal;

/// <summary>
/// A package installer (NuGet's, dotnet tool's) built on first use instead of when the
/// Cake context is. Building NuGet's reads NuGet.Config and takes a lock file under
/// /tmp on every run, a twentieth of a second that a build installing no tool (all of
/// ours) should not pay; <c>InstallTool</c> still works, it just pays then.
/// </summary>
internal sealed class DeferredPackageInstaller(Lazy<IPackageInstaller> installer) : IPackageInstaller
{
    public bool CanInstall(PackageReference package, PackageType type) => installer.Value.CanInstall(package, type);

    public IReadOnlyCollection<IFile> Install(PackageReference package, PackageType type, DirectoryPath path) =>
        installer.Value.Install(package, type, path);

    /// <summary>Replaces every registered package installer by a deferred one building the same.</summary>
    public static void Defer(IServiceCollection services)
    {
        var registered = services.Where(d => d.ServiceType == typeof(IPackageInstaller)).ToList();
        foreach (var descriptor in registered)
        {
            services.Remove(descriptor);
            services.AddSingleton<IPackageInstaller>(provider => new DeferredPackageInstaller(new Lazy<IPackageInstaller>(() => Build(provider, descriptor))));
        }
    }

    private static IPackageInstaller Build(IServiceProvider provider, ServiceDescriptor descriptor) => descriptor switch
    {
        { ImplementationInstance: IPackageInstaller instance } => instance,
        { ImplementationFactory: { } factory } => (IPackageInstaller)factory(provider),
        { ImplementationType: { } type } => (IPackageInstaller)ActivatorUtilities.CreateInstance(provider, type),
        _ => throw new InvalidOperationException($"package installer registration {descriptor} cannot be built"),
    };
}
