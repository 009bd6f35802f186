namespace XenBundle.Frosting;

/// <summary>A synchronous task over the context <typeparamref name="T"/>.</summary>
public abstract class FrostingTask<T> : IFrostingTask
    where T : IFrostingContext
{
    public Type ContextType => typeof(T);

    public virtual void Run(T context)
    {
    }

    public virtual bool ShouldRun(T context) => true;

    public virtual void OnError(Exception exception, T context)
    {
    }

    public virtual void Finally(T context)
    {
    }

    Task IFrostingTask.RunAsync(IFrostingContext context)
    {
        Run((T)context);
        return Task.CompletedTask;
    }

    bool IFrostingTask.ShouldRun(IFrostingContext context) => ShouldRun((T)context);

    void IFrostingTask.OnError(Exception exception, IFrostingContext context) => OnError(exception, (T)context);

    void IFrostingTask.Finally(IFrostingContext context) => Finally((T)context);
}

/// <summary>A task over the default <see cref="IFrostingContext"/>.</summary>
public abstract class FrostingTask : FrostingTask<IFrostingContext>;
