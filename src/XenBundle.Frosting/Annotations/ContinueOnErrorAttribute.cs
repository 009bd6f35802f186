namespace XenBundle.Frosting;

/// <summary>A failure of this task does not stop the run.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ContinueOnErrorAttribute : Attribute;
