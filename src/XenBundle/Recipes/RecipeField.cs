namespace XenBundle.Recipes;

/// <summary>
/// One raw value of a recipe before validation: its text, its dotted key
/// (<c>domu.network.address</c>) and where it was written (<c>recipe.yaml:12</c> or
/// <c>--domu-address</c>).
/// </summary>
public sealed record RecipeField(string Key, string? Text, string Location)
{
    public bool IsSet => !string.IsNullOrEmpty(Text);

    public RecipeException Error(string problem) => new(Location, $"{Key}: {problem}");
}
