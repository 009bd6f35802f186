using Cake.Core;

namespace XenBundle.Frosting;

/// <summary>The default task context: the Cake context, to derive your build context from.</summary>
public class FrostingContext(ICakeContext context) : CakeContextAdapter(context), IFrostingContext;
