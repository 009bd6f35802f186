using Cake.Core;

namespace XenBundle.Frosting;

/// <summary>The context every task receives.</summary>
public interface IFrostingContext : ICakeContext;
