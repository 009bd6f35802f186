namespace XenBundle.Recipes;

/// <summary>
/// Command-line values that replace recipe values (<c>--os=el6</c> replaces <c>os</c>): each
/// names the option it came from, for messages, and the recipe key it replaces. Which option
/// replaces which key is said once, in the option table of the Cake extension
/// (<c>Cake.XenBundle.XenBundleOptions</c>), which makes these from <c>XenBundleSettings</c>.
/// </summary>
public sealed record RecipeOverrides
{
    public static RecipeOverrides None { get; } = new();

    /// <summary>The overrides the user gave, in the option table's order.</summary>
    public IReadOnlyList<RecipeOverride> Values { get; init; } = [];

    /// <summary>The field as the recipe has it, or as the option replaces it.</summary>
    internal RecipeField Apply(RecipeField field)
    {
        foreach (var value in Values)
        {
            if (value.Key == field.Key)
            {
                return new RecipeField(value.Key, value.Value, "--" + value.Option);
            }
        }

        return field;
    }
}

/// <summary>One command-line value for a recipe key.</summary>
/// <param name="Option">The option's name without dashes (<c>domu-address</c>).</param>
/// <param name="Key">The recipe key it replaces (<c>domu.network.address</c>).</param>
/// <param name="Value">The value as typed.</param>
public sealed record RecipeOverride(string Option, string Key, string Value);
