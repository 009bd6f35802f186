namespace XenBundle.Frosting;

/// <summary>A synchronous task over the context <typeparamref name="T"/>.</summary>
public abstract class FrostingTask<T> : IFrostingTask
    where T : IFrostingContext
{
    public Type ContextType => typeof(T);

    public virtual void Run(T context)
    {
    }

    Task IFrostingTask.RunAsync(IFrostingContext context)
    {
        Run((T)context);
        return Task.CompletedTask;
    }
}
