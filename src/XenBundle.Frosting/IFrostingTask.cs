namespace XenBundle.Frosting;

/// <summary>What the host knows of a task, whatever its context type.</summary>
public interface IFrostingTask
{
    Type ContextType { get; }

    Task RunAsync(IFrostingContext context);
}
