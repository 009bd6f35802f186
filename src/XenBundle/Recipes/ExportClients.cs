using System.Globalization;

namespace XenBundle.Recipes;

/// <summary>
/// Who may mount the export, as exports(5) names them: one address, a network
/// (<c>a.b.c.d/24</c> or <c>a.b.c.d/255.255.255.0</c>), a host name, or <c>*</c> (anyone).
/// Read once, when the recipe is loaded.
/// </summary>
public sealed record ExportClients
{
    /// <summary>Networks wider than this are warned about: a /16 is 65 536 addresses already.</summary>
    public const int NarrowestQuietPrefix = 16;

    private ExportClients(string text, Ipv4? network, int prefixLength)
    {
        Text = text;
        Network = network;
        PrefixLength = prefixLength;
    }

    /// <summary>The exports(5) spelling, as the recipe wrote it.</summary>
    public string Text { get; }

    /// <summary>The network (or single address); null for a host name or <c>*</c>.</summary>
    public Ipv4? Network { get; }

    /// <summary>32 for one address, 0 for <c>*</c> and for a host name (which is not a network).</summary>
    public int PrefixLength { get; }

    /// <summary>Whether every host that reaches the Dom0 may mount: <c>*</c> or a network of prefix 0.</summary>
    public bool CoversEverything => Text == "*" || (Network is not null && PrefixLength == 0);

    /// <summary>A network wider than a /16 that is not everything (warned about, not refused).</summary>
    public bool IsWide => Network is not null && PrefixLength is > 0 and < NarrowestQuietPrefix;

    public static ExportClients Of(Ipv4 address) => new(address.ToString(), address, 32);

    public static ExportClients OfNetwork(Ipv4 address, Ipv4 netmask) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{address.Network(netmask)}/{netmask.PrefixLength}"), address.Network(netmask), netmask.PrefixLength);

    public static bool TryParse(string text, out ExportClients clients)
    {
        ArgumentNullException.ThrowIfNull(text);
        clients = null!;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (text == "*" || (slash < 0 && !Ipv4.TryParse(text, out _) && RecipeLoader.HostNamePattern().IsMatch(text)))
        {
            clients = new ExportClients(text, null, 0);
        }
        else if (slash < 0 && Ipv4.TryParse(text, out var address))
        {
            clients = new ExportClients(text, address, 32);
        }
        else if (slash > 0 && Ipv4.TryParse(text[..slash], out var network) && Prefix(text[(slash + 1)..]) is { } prefix)
        {
            clients = new ExportClients(text, network, prefix);
        }

        return clients is not null;
    }

    /// <summary>Whether <paramref name="address"/> may mount (a host name is not resolved: false).</summary>
    public bool Covers(Ipv4 address) =>
        Text == "*" || (Network is { } network && network.SameNetwork(address, Ipv4.MaskOf(PrefixLength)));

    public override string ToString() => Text;

    private static int? Prefix(string mask)
    {
        if (int.TryParse(mask, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            return prefix <= 32 ? prefix : null;
        }

        return Ipv4.TryParse(mask, out var netmask) && netmask.IsNetmask ? netmask.PrefixLength : null;
    }
}
