using XenBundle.Provisioning;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Provisioning;

/// <summary>The installer's boot arguments, exactly, in each release's syntax.</summary>
[Category(TestCategories.Unit)]
public sealed class KernelArgumentsTests
{
    private const string El5Ks = "ks=nfs:192.168.50.1:/var/xen/install/ks/kickstart.cfg";
    private const string Dracut = "inst.ks=nfs:192.168.50.1:/var/xen/install/ks/kickstart.cfg inst.repo=nfs:192.168.50.1:/var/xen/install";

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(GuestRecipes.Yaml("el5"))
            .Returns($"{El5Ks} ksdevice=eth0 ip=192.168.50.20 netmask=255.255.255.0 gateway=192.168.50.1 dns=192.168.50.2 console=xvc0")
            .SetName("{m}(el5 xen-pv static: loader keys, xvc0)");
        yield return new TestCaseData(GuestRecipes.Yaml("el5", network: GuestRecipes.DhcpNetwork, dom0: "  netmask: 255.255.255.0"))
            .Returns($"{El5Ks} console=xvc0")
            .SetName("{m}(el5 xen-pv DHCP: no network keys)");
        yield return new TestCaseData(GuestRecipes.Yaml("el6", network: "    address: 192.168.50.20\n    netmask: 255.255.255.0\n    nameservers: [10.0.0.2, 10.0.0.3]"))
            .Returns($"{El5Ks} ksdevice=eth0 ip=192.168.50.20 netmask=255.255.255.0 dns=10.0.0.2,10.0.0.3 console=hvc0")
            .SetName("{m}(el6 xen-pv static without gateway, two nameservers: hvc0)");
        yield return new TestCaseData(GuestRecipes.Yaml("el6", "xen-hvm"))
            .Returns($"{El5Ks} ksdevice=eth0 ip=192.168.50.20 netmask=255.255.255.0 gateway=192.168.50.1 dns=192.168.50.2 console=ttyS0")
            .SetName("{m}(el6 xen-hvm: serial console)");
        yield return new TestCaseData(GuestRecipes.Yaml("el7"))
            .Returns($"{Dracut} ip=192.168.50.20::192.168.50.1:255.255.255.0:web01:eth0:none nameserver=192.168.50.2 console=hvc0")
            .SetName("{m}(el7 xen-pv static: dracut ip=)");
        yield return new TestCaseData(GuestRecipes.Yaml("el9", "kvm", network: "    address: 192.168.50.20\n    netmask: 255.255.255.0\n    nameservers: [10.0.0.2, 10.0.0.3]\n    bridge: virbr0"))
            .Returns($"{Dracut} ip=192.168.50.20:::255.255.255.0:web01:eth0:none nameserver=10.0.0.2 nameserver=10.0.0.3 net.ifnames=0 console=ttyS0")
            .SetName("{m}(el9 kvm static without gateway: empty gateway field, eth0 kept)");
        yield return new TestCaseData(GuestRecipes.Yaml("el8", "xen-pv", network: GuestRecipes.DhcpNetwork, dom0: "  clients: 192.168.50.0/24"))
            .Returns($"{Dracut} console=hvc0")
            .SetName("{m}(el8 xen-pv DHCP)");
    }

    [TestCaseSource(nameof(Cases))]
    public string Boot_arguments(string yaml)
    {
        using var directory = new TempDirectory("kernel-args");
        return GuestRecipes.Provision(GuestRecipes.Load(directory, yaml)).Command.KernelLine;
    }
}
