using Cake.Core;

namespace XenBundle.Frosting;

/// <summary>Code run once before the first task and once after the last.</summary>
public interface IFrostingLifetime
{
    void Setup(IFrostingContext context, ISetupContext info);

    void Teardown(IFrostingContext context, ITeardownContext info);
}

/// <summary>Setup and teardown of the whole run, over the context <typeparamref name="T"/>.</summary>
public abstract class FrostingLifetime<T> : IFrostingLifetime
    where T : IFrostingContext
{
    public virtual void Setup(T context, ISetupContext info)
    {
    }

    public virtual void Teardown(T context, ITeardownContext info)
    {
    }

    void IFrostingLifetime.Setup(IFrostingContext context, ISetupContext info) => Setup((T)context, info);

    void IFrostingLifetime.Teardown(IFrostingContext context, ITeardownContext info) => Teardown((T)context, info);
}
