using System.Globalization;
using System.Text.RegularExpressions;

namespace XenBundle.Recipes;

/// <summary>A dotted-quad IPv4 address (no shorthand forms like "10.1").</summary>
public readonly partial record struct Ipv4(uint Value)
{
    public static bool TryParse(string? text, out Ipv4 address)
    {
        address = default;
        if (text is null || !DottedQuad().IsMatch(text))
        {
            return false;
        }

        uint value = 0;
        foreach (var part in text.Split('.'))
        {
            if (!uint.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet) || octet > 255)
            {
                return false;
            }

            value = (value << 8) | octet;
        }

        address = new Ipv4(value);
        return true;
    }

    public static Ipv4 Parse(string text) =>
        TryParse(text, out var a) ? a : throw new FormatException($"'{text}' is not an IPv4 address");

    /// <summary>Whether this is a netmask: ones then zeros (255.255.255.0).</summary>
    public bool IsNetmask => Value == 0 ? false : ((~Value + 1) & ~Value) == 0;

    /// <summary>The prefix length of a netmask (24 for 255.255.255.0).</summary>
    public int PrefixLength => System.Numerics.BitOperations.PopCount(Value);

    public static Ipv4 MaskOf(int prefix) => new(prefix == 0 ? 0 : uint.MaxValue << (32 - prefix));

    public bool SameNetwork(Ipv4 other, Ipv4 netmask) => (Value & netmask.Value) == (other.Value & netmask.Value);

    public Ipv4 Network(Ipv4 netmask) => new(Value & netmask.Value);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Value >> 24}.{(Value >> 16) & 255}.{(Value >> 8) & 255}.{Value & 255}");

    [GeneratedRegex(@"^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DottedQuad();
}
