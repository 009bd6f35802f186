using YamlDotNet.RepresentationModel;

namespace XenBundle.Recipes;

/// <summary>
/// Reads one YAML mapping of a recipe key by key, remembering which keys were read so
/// that any other key is reported as unknown, with its line.
/// </summary>
internal sealed class YamlMappingView
{
    private readonly YamlMappingNode _node;
    private readonly string _file;
    private readonly string _prefix;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public YamlMappingView(YamlMappingNode node, string file, string prefix)
    {
        _node = node;
        _file = file;
        _prefix = prefix;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in node.Children.Keys)
        {
            var name = KeyName(key);
            if (!seen.Add(name))
            {
                throw new RecipeException(LocationOf(key), $"{Qualified(name)}: duplicate key");
            }
        }
    }

    /// <summary>Where the mapping itself starts (for "required key missing").</summary>
    public string Location => LocationOf(_node);

    public RecipeField Scalar(string key)
    {
        _known.Add(key);
        var qualified = Qualified(key);
        if (!TryGet(key, out var keyNode, out var value))
        {
            return new RecipeField(qualified, null, Location);
        }

        return value switch
        {
            YamlScalarNode scalar => new RecipeField(qualified, IsNull(scalar) ? null : scalar.Value, LocationOf(keyNode)),
            _ => throw new RecipeException(LocationOf(keyNode), $"{qualified}: expected a single value, not a {Describe(value)}"),
        };
    }

    public YamlMappingView? Mapping(string key)
    {
        _known.Add(key);
        if (!TryGet(key, out var keyNode, out var value) || value is YamlScalarNode s && IsNull(s))
        {
            return null;
        }

        return value is YamlMappingNode mapping
            ? new YamlMappingView(mapping, _file, Qualified(key))
            : throw new RecipeException(LocationOf(keyNode), $"{Qualified(key)}: expected a mapping of keys, not a {Describe(value)}");
    }

    /// <summary>A list of scalars; null when the key is absent.</summary>
    public IReadOnlyList<RecipeField>? ScalarList(string key)
    {
        _known.Add(key);
        var qualified = Qualified(key);
        if (!TryGet(key, out var keyNode, out var value) || value is YamlScalarNode s && IsNull(s))
        {
            return null;
        }

        if (value is not YamlSequenceNode sequence)
        {
            throw new RecipeException(LocationOf(keyNode), $"{qualified}: expected a list, not a {Describe(value)}");
        }

        var items = new List<RecipeField>();
        foreach (var item in sequence.Children)
        {
            if (item is not YamlScalarNode scalar || IsNull(scalar))
            {
                throw new RecipeException(LocationOf(item), $"{qualified}: every item must be a single value");
            }

            items.Add(new RecipeField(qualified, scalar.Value, LocationOf(item)));
        }

        return items;
    }

    /// <summary>Fails on the first key that was not read.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var key in _node.Children.Keys)
        {
            var name = KeyName(key);
            if (!_known.Contains(name))
            {
                var known = string.Join(", ", _known.Order(StringComparer.Ordinal));
                throw new RecipeException(LocationOf(key), $"{Qualified(name)}: unknown key (known here: {known})");
            }
        }
    }

    public RecipeException Missing(string key) => new(Location, $"{Qualified(key)}: required key missing");

    private bool TryGet(string key, out YamlNode keyNode, out YamlNode value)
    {
        foreach (var (k, v) in _node.Children)
        {
            if (KeyName(k) == key)
            {
                keyNode = k;
                value = v;
                return true;
            }
        }

        keyNode = _node;
        value = _node;
        return false;
    }

    private string KeyName(YamlNode key) =>
        key is YamlScalarNode { Value: { } name }
            ? name
            : throw new RecipeException(LocationOf(key), $"{(_prefix.Length == 0 ? "recipe" : _prefix)}: keys must be plain names");

    private string Qualified(string key) => _prefix.Length == 0 ? key : _prefix + "." + key;

    private string LocationOf(YamlNode node) => $"{_file}:{node.Start.Line}";

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "value",
    };
}
