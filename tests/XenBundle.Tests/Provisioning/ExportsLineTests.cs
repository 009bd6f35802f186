using XenBundle.Tests.Support;

namespace XenBundle.Tests.Provisioning;

/// <summary>Who gets the export: the guest, the recipe's clients, or the Dom0's network; the Dom0 itself when not covered.</summary>
[Category(TestCategories.Unit)]
public sealed class ExportsLineTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(GuestRecipes.Yaml())
            .Returns("/var/xen/install 192.168.50.20(ro,sync,no_subtree_check,no_root_squash) 192.168.50.1(ro,sync,no_subtree_check,no_root_squash)\n")
            .SetName("{m}(static guest: its address, and the Dom0 for virt-install 0.x)");
        yield return new TestCaseData(GuestRecipes.Yaml(network: GuestRecipes.DhcpNetwork, dom0: "  netmask: 255.255.255.0"))
            .Returns("/var/xen/install 192.168.50.0/24(ro,sync,no_subtree_check,no_root_squash)\n")
            .SetName("{m}(DHCP guest with dom0.netmask: the Dom0's network, which covers the Dom0)");
        yield return new TestCaseData(GuestRecipes.Yaml(dom0: "  clients: 10.9.0.0/255.255.0.0", export: "/srv/trees/web"))
            .Returns("/srv/trees/web 10.9.0.0/255.255.0.0(ro,sync,no_subtree_check,no_root_squash) 192.168.50.1(ro,sync,no_subtree_check,no_root_squash)\n")
            .SetName("{m}(dom0.clients wins over the guest's address; the Dom0 is outside it)");
        yield return new TestCaseData(GuestRecipes.Yaml(dom0: "  clients: 192.168.50.1/32"))
            .Returns("/var/xen/install 192.168.50.1/32(ro,sync,no_subtree_check,no_root_squash)\n")
            .SetName("{m}(dom0.clients that is the Dom0 only: not added twice)");
        yield return new TestCaseData(GuestRecipes.Yaml(dom0: "  clients: '*'\n  allow_any_client: true"))
            .Returns("/var/xen/install *(ro,sync,no_subtree_check,no_root_squash)\n")
            .SetName("{m}(dom0.clients '*': only because the recipe says so)");
    }

    [TestCaseSource(nameof(Cases))]
    public string Exports_file(string yaml)
    {
        using var directory = new TempDirectory("exports");
        var provisioning = GuestRecipes.Provision(GuestRecipes.Load(directory, yaml));
        return provisioning.Files.Single(f => f.Path == "dom0/exports").Text;
    }

    [Test]
    public void Open_exports_are_warned_about()
    {
        using var directory = new TempDirectory("exports");
        var world = GuestRecipes.Provision(GuestRecipes.Load(directory, GuestRecipes.Yaml(dom0: "  clients: '*'\n  allow_any_client: true")));
        var dhcp = GuestRecipes.Provision(GuestRecipes.Load(directory, GuestRecipes.Yaml(network: GuestRecipes.DhcpNetwork, dom0: "  netmask: 255.255.0.0")));
        var guestOnly = GuestRecipes.Provision(GuestRecipes.Load(directory, GuestRecipes.Yaml()));

        Assert.That(world.Warnings, Has.One.Contains("'*'").And.Contains("no_root_squash"));
        Assert.That(dhcp.Warnings, Has.One.Contains("192.168.0.0/16"));
        Assert.That(guestOnly.Warnings, Is.Empty);
    }

    /// <summary>Whom setup.sh lets through the firewall: never wider than the export itself.</summary>
    [TestCase("", "", ExpectedResult = "192.168.50.20", TestName = "{m}(static guest: its address only)")]
    [TestCase("", "  clients: 192.168.50.0/24", ExpectedResult = "192.168.50.20", TestName = "{m}(static guest with wider dom0.clients: still its address only)")]
    [TestCase("dhcp", "  clients: 10.9.0.0/255.255.0.0", ExpectedResult = "10.9.0.0/16", TestName = "{m}(DHCP guest: dom0.clients)")]
    [TestCase("dhcp", "  netmask: 255.255.255.0", ExpectedResult = "192.168.50.0/24", TestName = "{m}(DHCP guest: the Dom0's network)")]
    [TestCase("dhcp", "  clients: '*'\n  allow_any_client: true", ExpectedResult = "0.0.0.0/0", TestName = "{m}(DHCP guest, any client: what the recipe allowed)")]
    public string Firewall_source(string network, string dom0)
    {
        using var directory = new TempDirectory("exports");
        var yaml = network == "dhcp" ? GuestRecipes.Yaml(network: GuestRecipes.DhcpNetwork, dom0: dom0) : GuestRecipes.Yaml(dom0: dom0);
        var provisioning = GuestRecipes.Provision(GuestRecipes.Load(directory, yaml));
        Assert.That(provisioning.Files.Single(f => f.Path == "dom0/setup.sh").Text, Does.Contain($"\nFIREWALL_SOURCE='{provisioning.Exports.FirewallSource}'\n"));
        return provisioning.Exports.FirewallSource;
    }
}
