using System.Reflection;

namespace Build;

internal static class ThisAssembly
{
    public static string Version =>
        typeof(ThisAssembly).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
