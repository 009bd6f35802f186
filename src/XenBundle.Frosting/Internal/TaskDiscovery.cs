using System.Reflection;

namespace XenBundle.Frosting.Internal;

/// <summary>Finds the concrete task classes of an assembly.</summary>
internal static class TaskDiscovery
{
    public static IEnumerable<Type> Find(Assembly? assembly) =>
        (assembly?.GetExportedTypes() ?? [])
            .Where(t => typeof(IFrostingTask).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    public static string NameOf(Type task) =>
        task.GetCustomAttribute<TaskNameAttribute>()?.Name ?? task.Name;
}
