using System.Reflection;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace XenBundle.Frosting.Internal;

/// <summary>
/// Registers task objects with the Cake engine: name, description, action (only when the
/// task overrides <c>Run</c>) and dependencies from the attributes; then the run's lifetime.
/// </summary>
internal sealed class TaskRegistrar(ICakeEngine engine, IFrostingContext context, ICakeLog log)
{
    public void Register(IEnumerable<IFrostingTask> tasks)
    {
        foreach (var task in tasks)
        {
            Register(task);
        }
    }

    public void Register(IFrostingLifetime? lifetime)
    {
        // Only when the lifetime overrides it, so that Cake's summary shows no empty Teardown row.
        if (lifetime is not null && Overrides(lifetime.GetType(), "Teardown"))
        {
            engine.RegisterTeardownAction(info => lifetime.Teardown(context, info));
        }
    }

    private void Register(IFrostingTask task)
    {
        var type = task.GetType();
        var name = TaskDiscovery.NameOf(type);
        if (!task.ContextType.IsInstanceOfType(context))
        {
            log.Warning("Task {0} cannot be used: the context is not a {1}.", name, task.ContextType.FullName);
            return;
        }

        var builder = engine.RegisterTask(name);
        var description = type.GetCustomAttribute<TaskDescriptionAttribute>()?.Description;
        if (!string.IsNullOrWhiteSpace(description))
        {
            builder.Description(description);
        }

        // A task without Run (Default) only gathers its dependencies.
        if (Overrides(type, "Run"))
        {
            builder.Does(() => task.RunAsync(context));
        }

        foreach (var dependency in type.GetCustomAttributes<IsDependentOnAttribute>())
        {
            builder.IsDependentOn(NameOfTask(dependency.Task));
        }
    }

    private static string NameOfTask(Type type) =>
        typeof(IFrostingTask).IsAssignableFrom(type)
            ? TaskDiscovery.NameOf(type)
            : throw new CakeException($"The dependency '{type.Name}' is not a task.");

    // A method counts as overridden when a class below the Frosting base classes declares it.
    private static bool Overrides(Type type, string method) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Any(m => m.Name == method && m.DeclaringType is { } d && d.Assembly != typeof(TaskRegistrar).Assembly);
}
