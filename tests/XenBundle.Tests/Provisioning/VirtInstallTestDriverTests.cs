using System.Xml.Linq;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Provisioning;

/// <summary>
/// dom0/virt-install.sh run with Debian's virtinst (4.x) against libvirt's test driver
/// (<c>--connect test:///default</c>): the command is accepted, and the domain it would
/// define (<c>--print-xml</c>) is the recipe's guest booting the installer as intended.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class VirtInstallTestDriverTests
{
    private const string El5KernelLine = "ks=nfs:192.168.50.1:/var/xen/install/ks/kickstart.cfg ksdevice=eth0 ip=192.168.50.20 netmask=255.255.255.0 gateway=192.168.50.1 dns=192.168.50.2 console=xvc0";

    [Test]
    public void Dry_run_of_the_xen_pv_guest_succeeds()
    {
        using var guest = new Guest(GuestRecipes.Yaml(), InstallTrees.El5Xen);

        var result = guest.Run("--connect", "test:///default", "--dry-run");

        result.EnsureSuccess("virt-install.sh --dry-run");
        Assert.That(result.Output + result.Error, Does.Contain("Dry run completed successfully"));
    }

    [Test]
    public void Xen_pv_guest_boots_the_xen_installer_with_the_recipe_values()
    {
        using var guest = new Guest(GuestRecipes.Yaml(), InstallTrees.El5Xen);

        var result = guest.Run("--connect", "test:///default", "--print-xml", "--debug");

        result.EnsureSuccess("virt-install.sh --print-xml");
        var domain = FirstDomain(result.Output);
        var os = domain.Element("os")!;
        var disk = domain.Element("devices")!.Elements("disk").Single(d => (string?)d.Attribute("device") == "disk");
        var nic = domain.Element("devices")!.Elements("interface").Single();
        Assert.Multiple(() =>
        {
            Assert.That((string?)os.Element("type"), Is.EqualTo("xen"), "os type");
            Assert.That((string?)domain.Element("name"), Is.EqualTo("web01"));
            Assert.That((string?)domain.Element("memory"), Is.EqualTo("524288"), "512 MiB in KiB");
            Assert.That((string?)domain.Element("vcpu"), Is.EqualTo("1"));
            Assert.That((string?)disk.Element("target")?.Attribute("dev"), Is.EqualTo("xvda"));
            Assert.That((string?)disk.Element("source")?.Attribute("file"), Is.EqualTo(guest.Disk));
            Assert.That((string?)nic.Attribute("type"), Is.EqualTo("bridge"));
            Assert.That((string?)nic.Element("source")?.Attribute("bridge"), Is.EqualTo("xenbr0"));
            Assert.That((string?)nic.Element("mac")?.Attribute("address"), Is.EqualTo("00:16:3e:12:34:56"));
            Assert.That((string?)os.Element("cmdline"), Is.EqualTo(El5KernelLine), "exactly the kernel arguments");
            Assert.That((string?)os.Element("kernel"), Does.EndWith("-vmlinuz"));
            Assert.That(domain.Element("devices")!.Elements("graphics"), Is.Empty, "a text console only");
            Assert.That(domain.Element("devices")!.Elements("console"), Is.Not.Empty);
        });

        // The tree has no other kernel, and virt-install says where it took this one from.
        Assert.That(result.Error, Does.Contain($"Fetching URI: {guest.Tree}/images/xen/vmlinuz"));
        Assert.That(result.Error, Does.Contain("--osinfo detect=on,require=off"), "4.x knows --osinfo");
    }

    [Test]
    public void Xen_hvm_el7_guest_boots_the_pxe_installer_with_dracut_arguments()
    {
        var yaml = GuestRecipes.Yaml("el7", "xen-hvm", memory: 2048, vcpus: 2);
        using var guest = new Guest(yaml, InstallTrees.El7);

        var result = guest.Run("--connect", "test:///default", "--print-xml", "--debug");

        result.EnsureSuccess("virt-install.sh --print-xml");
        var domain = FirstDomain(result.Output);
        var os = domain.Element("os")!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)os.Element("type"), Is.EqualTo("hvm"));
            Assert.That((string?)domain.Element("memory"), Is.EqualTo("2097152"));
            Assert.That((string?)domain.Element("vcpu"), Is.EqualTo("2"));
            Assert.That((string?)os.Element("cmdline"), Is.EqualTo(
                "inst.ks=nfs:192.168.50.1:/var/xen/install/ks/kickstart.cfg inst.repo=nfs:192.168.50.1:/var/xen/install "
                + "ip=192.168.50.20::192.168.50.1:255.255.255.0:web01:eth0:none nameserver=192.168.50.2 net.ifnames=0 console=ttyS0"));
        });
        Assert.That(result.Error, Does.Contain($"Fetching URI: {guest.Tree}/images/pxeboot/vmlinuz"));
    }

    /// <summary>--print-xml prints the install-time domain, then the one it reboots into.</summary>
    private static XElement FirstDomain(string output)
    {
        var end = output.IndexOf("</domain>", StringComparison.Ordinal);
        Assert.That(end, Is.GreaterThan(0), $"no domain XML in:\n{output}");
        return XElement.Parse(output[..(end + "</domain>".Length)]);
    }

    /// <summary>A recipe's generated scripts beside an install tree; virt-install's cache and logs stay inside.</summary>
    private sealed class Guest : IDisposable
    {
        private readonly TempDirectory _directory = new("test-driver");

        public Guest(string yaml, Func<string, string> makeTree)
        {
            Disk = _directory["images/web01.img"];
            var recipe = GuestRecipes.Load(_directory, yaml.Replace("/var/lib/xen/images/web01.img", Disk, StringComparison.Ordinal));
            GuestRecipes.WriteFiles(GuestRecipes.Provision(recipe), _directory["bundle"]);
            Tree = makeTree(_directory["bundle/install"]);
        }

        public string Disk { get; }

        public string Tree { get; }

        public ToolResult Run(params string[] arguments)
        {
            Tool.Require("virt-install");
            return Tool.Run(_directory["bundle/dom0/virt-install.sh"], arguments, _directory.Path, new Dictionary<string, string>
            {
                ["INSTALL_DIR"] = Tree,
                ["HOME"] = _directory["home"],
                ["XDG_CACHE_HOME"] = _directory["cache"],
            });
        }

        public void Dispose() => _directory.Dispose();
    }
}
