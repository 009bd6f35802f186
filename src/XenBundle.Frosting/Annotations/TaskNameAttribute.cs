namespace XenBundle.Frosting;

/// <summary>The name the task is registered under (default: the class name).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TaskNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
