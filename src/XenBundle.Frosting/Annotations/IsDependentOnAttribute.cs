namespace XenBundle.Frosting;

/// <summary>The task runs after <see cref="Task"/> (repeatable, in declaration order).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class IsDependentOnAttribute(Type task) : Attribute
{
    public Type Task { get; } = task;
}
