namespace XenBundle.Recipes;

/// <summary>
/// Command-line values that replace recipe values (<c>--os=el6</c> replaces <c>os</c>), by
/// option name: <see cref="KeysByOption"/> says which option replaces which key.
/// </summary>
public sealed record RecipeOverrides
{
    /// <summary>Option name (without dashes) to the recipe key it overrides.</summary>
    public static readonly IReadOnlyDictionary<string, string> KeysByOption = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["release-version"] = "version",
        ["os"] = "os",
        ["virt"] = "virt",
        ["dom0-address"] = "dom0.address",
        ["domu-name"] = "domu.name",
        ["domu-address"] = "domu.network.address",
        ["domu-netmask"] = "domu.network.netmask",
        ["domu-gateway"] = "domu.network.gateway",
        ["domu-disk"] = "domu.disk.path",
    };

    public static RecipeOverrides None { get; } = new();

    /// <summary>Option name to value, for the options the user gave.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public static RecipeOverrides From(Func<string, string?> argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in KeysByOption.Keys)
        {
            if (argument(option) is { } value)
            {
                values[option] = value;
            }
        }

        return new RecipeOverrides { Values = values };
    }

    /// <summary>The field as the recipe has it, or as the option replaces it.</summary>
    internal RecipeField Apply(RecipeField field)
    {
        foreach (var (option, key) in KeysByOption)
        {
            if (key == field.Key && Values.TryGetValue(option, out var value))
            {
                return new RecipeField(key, value, "--" + option);
            }
        }

        return field;
    }
}
