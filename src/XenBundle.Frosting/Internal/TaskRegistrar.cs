using System.Reflection;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace XenBundle.Frosting.Internal;

/// <summary>
/// Registers task objects with the Cake engine: name, description, action, criteria,
/// error and finally handlers (only those the task overrides), and dependencies from
/// the attributes; then the run and per-task lifetimes.
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

    public void Register(IFrostingLifetime? lifetime, IFrostingTaskLifetime? taskLifetime)
    {
        // Only what the lifetime overrides, so that Cake's summary shows no empty Setup row.
        if (lifetime is not null && Overrides(lifetime.GetType(), "Setup"))
        {
            engine.RegisterSetupAction(info => lifetime.Setup(context, info));
        }

        if (lifetime is not null && Overrides(lifetime.GetType(), "Teardown"))
        {
            engine.RegisterTeardownAction(info => lifetime.Teardown(context, info));
        }

        if (taskLifetime is not null && Overrides(taskLifetime.GetType(), "Setup"))
        {
            engine.RegisterTaskSetupAction(info => taskLifetime.Setup(context, info));
        }

        if (taskLifetime is not null && Overrides(taskLifetime.GetType(), "Teardown"))
        {
            engine.RegisterTaskTeardownAction(info => taskLifetime.Teardown(context, info));
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

        if (Overrides(type, "Run") || Overrides(type, "RunAsync"))
        {
            builder.Does(() => task.RunAsync(context));
        }

        if (Overrides(type, "ShouldRun"))
        {
            builder.WithCriteria(() => task.ShouldRun(context));
        }

        if (type.GetCustomAttribute<ContinueOnErrorAttribute>() is not null)
        {
            builder.ContinueOnError();
        }

        if (Overrides(type, "OnError"))
        {
            builder.OnError(exception => task.OnError(exception, context));
        }

        if (Overrides(type, "Finally"))
        {
            builder.Finally(() => task.Finally(context));
        }

        foreach (var dependency in type.GetCustomAttributes<IsDependentOnAttribute>())
        {
            builder.IsDependentOn(NameOfTask(dependency.Task));
        }

        foreach (var dependee in type.GetCustomAttributes<IsDependeeOfAttribute>())
        {
            builder.IsDependeeOf(NameOfTask(dependee.Task));
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
