using XenBundle.Tests.Support;

namespace XenBundle.Tests.Provisioning;

/// <summary>The generated scripts pass shellcheck -S warning, whatever the recipe.</summary>
[Category(TestCategories.Tool)]
public sealed class ShellcheckTests
{
    private static IEnumerable<TestCaseData> Recipes()
    {
        yield return new TestCaseData(GuestRecipes.Yaml()).SetName("{m}(el5 xen-pv static, the demo)");
        yield return new TestCaseData(GuestRecipes.Yaml(network: GuestRecipes.DhcpNetwork, dom0: "  netmask: 255.255.255.0")).SetName("{m}(el5 xen-pv DHCP, dom0.netmask)");
        yield return new TestCaseData(GuestRecipes.Yaml("el6", "xen-hvm", network: "    address: 192.168.50.30\n    netmask: 255.255.255.0\n    bridge: br0")).SetName("{m}(el6 xen-hvm static, no gateway, no MAC)");
        yield return new TestCaseData(GuestRecipes.Yaml("el7", "kvm", network: "    bridge: virbr0", dom0: "  clients: 192.168.50.0/24")).SetName("{m}(el7 kvm DHCP, dom0.clients)");
        yield return new TestCaseData(GuestRecipes.Yaml("el9", "xen-pv", network: GuestRecipes.StaticNetwork.Replace("[192.168.50.2]", "[192.168.50.2, 192.168.50.3]"))).SetName("{m}(el9 xen-pv static, two nameservers)");
        yield return new TestCaseData(GuestRecipes.Yaml("el8", "xen-hvm", network: GuestRecipes.DhcpNetwork, dom0: "  clients: '*'\n  allow_any_client: true", name: "Web-01.test_a", disk: "/srv/xen+images/web-01.img", export: "/srv/trees/el8+x_y")).SetName("{m}(el8 xen-hvm DHCP, clients *, unusual but valid names)");
    }

    [TestCaseSource(nameof(Recipes))]
    public void Generated_scripts_pass_shellcheck(string yaml)
    {
        using var directory = new TempDirectory("shellcheck");
        var provisioning = GuestRecipes.Provision(GuestRecipes.Load(directory, yaml));
        var scripts = GuestRecipes.WriteFiles(provisioning, directory["bundle"]);
        Assert.That(scripts.Select(Path.GetFileName), Is.EquivalentTo(new[] { "virt-install.sh", "setup.sh", "teardown.sh" }));

        var result = Tool.Run("shellcheck", ["-S", "warning", "--format=gcc", .. scripts]);

        Assert.That(result.ExitCode, Is.Zero, $"shellcheck found problems:\n{result.Output}{result.Error}");
        foreach (var script in scripts)
        {
            Assert.That(File.ReadAllText(script), Does.StartWith("#!/bin/bash\n").And.Contain("\nset -eu\n"), script);
        }
    }
}
