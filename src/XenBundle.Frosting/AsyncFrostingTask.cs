namespace XenBundle.Frosting;

/// <summary>An asynchronous task over the context <typeparamref name="T"/>.</summary>
public abstract class AsyncFrostingTask<T> : IFrostingTask
    where T : IFrostingContext
{
    public Type ContextType => typeof(T);

    public virtual Task RunAsync(T context) => Task.CompletedTask;

    public virtual bool ShouldRun(T context) => true;

    public virtual void OnError(Exception exception, T context)
    {
    }

    public virtual void Finally(T context)
    {
    }

    Task IFrostingTask.RunAsync(IFrostingContext context) => RunAsync((T)context);

    bool IFrostingTask.ShouldRun(IFrostingContext context) => ShouldRun((T)context);

    void IFrostingTask.OnError(Exception exception, IFrostingContext context) => OnError(exception, (T)context);

    void IFrostingTask.Finally(IFrostingContext context) => Finally((T)context);
}

/// <summary>An asynchronous task over the default <see cref="IFrostingContext"/>.</summary>
public abstract class AsyncFrostingTask : AsyncFrostingTask<IFrostingContext>;
