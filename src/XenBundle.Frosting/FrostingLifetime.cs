using Cake.Core;

namespace XenBundle.Frosting;

/// <summary>Code run once after the last task.</summary>
public interface IFrostingLifetime
{
    void Teardown(IFrostingContext context, ITeardownContext info);
}

/// <summary>Teardown of the whole run, over the context <typeparamref name="T"/>.</summary>
public abstract class FrostingLifetime<T> : IFrostingLifetime
    where T : IFrostingContext
{
    public virtual void Teardown(T context, ITeardownContext info)
    {
    }

    void IFrostingLifetime.Teardown(IFrostingContext context, ITeardownContext info) => Teardown((T)context, info);
}
