using Cake.Core;

namespace XenBundle.Frosting;

/// <summary>Code run before and after every task.</summary>
public interface IFrostingTaskLifetime
{
    void Setup(IFrostingContext context, ITaskSetupContext info);

    void Teardown(IFrostingContext context, ITaskTeardownContext info);
}

/// <summary>Per-task setup and teardown, over the context <typeparamref name="T"/>.</summary>
public abstract class FrostingTaskLifetime<T> : IFrostingTaskLifetime
    where T : IFrostingContext
{
    public virtual void Setup(T context, ITaskSetupContext info)
    {
    }

    public virtual void Teardown(T context, ITaskTeardownContext info)
    {
    }

    void IFrostingTaskLifetime.Setup(IFrostingContext context, ITaskSetupContext info) => Setup((T)context, info);

    void IFrostingTaskLifetime.Teardown(IFrostingContext context, ITaskTeardownContext info) => Teardown((T)context, info);
}
