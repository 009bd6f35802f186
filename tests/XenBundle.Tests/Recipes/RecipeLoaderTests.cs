using Cake.XenBundle;
using XenBundle.Model;
using XenBundle.Recipes;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Recipes;

[Category(TestCategories.Unit)]
public sealed class RecipeLoaderTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory("recipe");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void The_demo_recipe_loads_with_its_defaults_filled_in()
    {
        var recipe = RecipeLoader.Load(Repository.Demo);

        Assert.Multiple(() =>
        {
            Assert.That(recipe.Name, Is.EqualTo("demo"));
            Assert.That(recipe.Version.ToString(), Is.EqualTo("1.0.0"));
            Assert.That(recipe.Os, Is.EqualTo(OsRelease.El5));
            Assert.That(recipe.Virt, Is.EqualTo(VirtType.XenPv));
            Assert.That(recipe.Media, Has.Count.EqualTo(2));
            Assert.That(recipe.Media.All(Path.IsPathRooted), Is.True);
            Assert.That(recipe.Kickstart.File, Is.EqualTo("ks.cfg"));
            Assert.That(recipe.Dom0.Export, Is.EqualTo("/var/xen/install"));
            Assert.That(recipe.DomU.Network.Address.ToString(), Is.EqualTo("192.168.50.20"));
            Assert.That(recipe.DomU.Network.Mac, Is.EqualTo("00:16:3e:12:34:56"));
            Assert.That(recipe.BundleName, Is.EqualTo("demo-1.0.0"));
        });
    }

    [Test]
    public void Omitted_keys_take_the_documented_defaults()
    {
        var recipe = Load(RecipeText.Valid().Replace("virt: xen-pv\n", string.Empty));

        Assert.Multiple(() =>
        {
            Assert.That(recipe.Virt, Is.EqualTo(VirtType.XenPv));
            Assert.That(recipe.DomU.MemoryMiB, Is.Null, "no domu.memory: the release's installer decides (InstallerMemory)");
            Assert.That(recipe.DomU.Vcpus, Is.EqualTo(1));
            Assert.That(recipe.DomU.DiskPath, Is.EqualTo("/var/lib/xen/images/web01.img"));
            Assert.That(recipe.DomU.DiskSizeGiB, Is.EqualTo(8));
            Assert.That(recipe.DomU.Network.Bridge, Is.EqualTo("xenbr0"));
            Assert.That(recipe.Dom0.Export, Is.EqualTo("/var/xen/install"));
        });
    }

    [Test]
    public void A_kvm_guest_defaults_to_libvirts_image_directory()
    {
        var recipe = Load(RecipeText.Valid().Replace("virt: xen-pv", "virt: kvm"));
        Assert.That(recipe.DomU.DiskPath, Is.EqualTo("/var/lib/libvirt/images/web01.img"));
    }

    [Test]
    public void A_kvm_disk_inside_the_export_suggests_libvirts_image_directory()
    {
        var text = RecipeText.Valid().Replace("virt: xen-pv", "virt: kvm").Replace("  name: web01\n", "  name: web01\n  disk:\n    path: /var/xen/install/web01.img\n");
        var error = Assert.Throws<RecipeException>(() => Load(text))!;
        Assert.That(error.Message, Does.Contain("domu.disk.path").And.Contain("like /var/lib/libvirt/images/web01.img"));
    }

    [Test]
    public void A_kvm_guest_defaults_to_the_virbr0_bridge()
    {
        var recipe = Load(RecipeText.Valid().Replace("virt: xen-pv", "virt: kvm"));
        Assert.That(recipe.DomU.Network.Bridge, Is.EqualTo("virbr0"));
    }

    [Test]
    public void A_guest_without_an_address_uses_dhcp()
    {
        var text = RecipeText.Valid();
        text = text[..text.IndexOf("  network:", StringComparison.Ordinal)].Replace("  address: 192.168.50.1\n", "  address: 192.168.50.1\n  clients: 192.168.50.0/24\n", StringComparison.Ordinal);
        var recipe = Load(text);
        Assert.That(recipe.DomU.Network.IsDhcp, Is.True);
    }

    [Test]
    public void A_DHCP_guest_without_dom0_clients_fails_at_load_naming_the_dom0_mapping()
    {
        var text = RecipeText.Valid();
        text = text[..text.IndexOf("  network:", StringComparison.Ordinal)];

        var error = LoadFails(text);

        Assert.That(error.ErrorLine, Is.EqualTo("error: recipe.yaml:12: dom0.clients: required for a DHCP guest (no domu.network.address): who may mount the export, e.g. 192.168.50.0/24; or set dom0.netmask to export to the Dom0's network"));
        Assert.That(error.ExitCodeValue, Is.EqualTo(2));
    }

    [TestCase("frobnicate: yes\n", "frobnicate", 20)]
    [TestCase("", "domu.colour", 15)]
    public void An_unknown_key_is_an_error_naming_the_key_and_its_line(string topLevel, string key, int line)
    {
        var text = RecipeText.Valid() + "\n" + topLevel;
        if (key == "domu.colour")
        {
            text = text.Replace("  name: web01\n", "  name: web01\n  colour: blue\n");
        }

        var error = LoadFails(text);
        Assert.That(error.ErrorLine, Does.StartWith($"error: recipe.yaml:{line}: {key}: unknown key"));
        Assert.That(error.ExitCodeValue, Is.EqualTo(2));
    }

    [Test]
    public void A_missing_dom0_is_an_error_naming_the_key()
    {
        var text = RecipeText.Valid();
        var start = text.IndexOf("dom0:", StringComparison.Ordinal);
        var end = text.IndexOf("domu:", StringComparison.Ordinal);
        var error = LoadFails(text.Remove(start, end - start));
        Assert.That(error.ErrorLine, Is.EqualTo("error: recipe.yaml:1: dom0: required key missing"));
    }

    [TestCase("name: web", "name: Web!", "name: 'Web!' is not a valid name")]
    [TestCase("version: 1.4.0", "version: 1.4", "version: '1.4' is not a SemVer 2.0 version")]
    [TestCase("version: 1.4.0", "version: 01.4.0", "version: '01.4.0' is not a SemVer 2.0 version")]
    [TestCase("address: 192.168.50.1", "address: 192.168.50.300", "dom0.address: '192.168.50.300' is not an IPv4 address")]
    [TestCase("address: 192.168.50.1", "address: 10.1", "dom0.address: '10.1' is not an IPv4 address")]
    [TestCase("netmask: 255.255.255.0", "netmask: 255.0.255.0", "domu.network.netmask: '255.0.255.0' is not a netmask")]
    [TestCase("os: el5", "os: el4", "os: 'el4' is not one of el5, el6, el7, el8, el9")]
    [TestCase("virt: xen-pv", "virt: vmware", "virt: 'vmware' is not one of xen-pv, xen-hvm, kvm")]
    [TestCase("name: web01", "name: \"web01; reboot\"", "domu.name: 'web01; reboot' is not a valid name")]
    [TestCase("gateway: 192.168.50.1", "gateway: 10.0.0.1", "domu.network.gateway: 10.0.0.1 is not on the guest's network")]
    public void A_bad_value_is_an_error_naming_the_key(string from, string to, string message)
    {
        var error = LoadFails(RecipeText.Valid().Replace(from, to));
        Assert.That(error.ErrorLine, Does.Match(@"^error: recipe\.yaml:\d+: ").And.Contain(message));
    }

    [Test]
    public void A_disk_path_with_a_newline_is_refused()
    {
        var text = RecipeText.Valid().Replace("  name: web01\n", "  name: web01\n  disk:\n    path: \"/var/lib/xen/images/a\\nreboot.img\"\n");
        var error = LoadFails(text);
        Assert.That(error.ErrorLine, Does.StartWith("error: recipe.yaml:16: domu.disk.path: ").And.Contain("is not an absolute path"));
    }

    [Test]
    public void A_medium_that_does_not_exist_is_an_error_with_its_line()
    {
        var error = LoadFails(RecipeText.Valid().Replace("CentOS-5.11-i386-disc2", "CentOS-5.11-i386-disc9"));
        Assert.That(error.ErrorLine, Does.StartWith("error: recipe.yaml:7: media: ").And.Contain("disc9' does not exist"));
    }

    [Test]
    public void A_static_guest_on_another_network_needs_a_gateway()
    {
        var text = RecipeText.Valid().Replace("    gateway: 192.168.50.1\n", string.Empty).Replace("address: 192.168.50.20", "address: 10.0.0.20");
        var error = LoadFails(text);
        Assert.That(error.ErrorLine, Does.Contain("domu.network.gateway: required: the guest 10.0.0.20/24 is not on the Dom0's network"));
    }

    [Test]
    public void Duplicate_keys_are_refused()
    {
        var error = LoadFails(RecipeText.Valid() + "\nname: other\n");
        Assert.That(error.ErrorLine, Does.StartWith("error: recipe.yaml:20: ").And.Contains("uplicate key"));
    }

    [Test]
    public void Broken_yaml_names_the_line()
    {
        var error = LoadFails(RecipeText.Valid() + "\nmedia: [unclosed\n");
        Assert.That(error.ErrorLine, Does.Match(@"^error: recipe\.yaml:\d+: not valid YAML"));
    }

    [Test]
    public void Command_line_overrides_replace_recipe_values()
    {
        // Through the Cake settings, as build.sh passes them: the option table maps each to its key.
        var overrides = new XenBundleSettings
        {
            ReleaseVersion = "1.4.1-ci.57",
            Os = "el6",
            Virt = "xen-hvm",
            Dom0Address = "10.0.0.1",
            DomUName = "db02",
            DomUAddress = "10.0.0.30",
            DomUNetmask = "255.255.0.0",
            DomUGateway = "10.0.0.1",
            DomUDisk = "/srv/xen/db02.img",
        }.ToOverrides();
        var recipe = RecipeLoader.Parse(RecipeText.Valid(), "recipe.yaml", _temp["recipe.yaml"], overrides);

        Assert.Multiple(() =>
        {
            Assert.That(recipe.Version.ToString(), Is.EqualTo("1.4.1-ci.57"));
            Assert.That(recipe.Os, Is.EqualTo(OsRelease.El6));
            Assert.That(recipe.Virt, Is.EqualTo(VirtType.XenHvm));
            Assert.That(recipe.Dom0.Address.ToString(), Is.EqualTo("10.0.0.1"));
            Assert.That(recipe.DomU.Name, Is.EqualTo("db02"));
            Assert.That(recipe.DomU.Network.Address.ToString(), Is.EqualTo("10.0.0.30"));
            Assert.That(recipe.DomU.Network.Netmask!.Value.PrefixLength, Is.EqualTo(16));
            Assert.That(recipe.DomU.Network.Gateway.ToString(), Is.EqualTo("10.0.0.1"));
            Assert.That(recipe.DomU.DiskPath, Is.EqualTo("/srv/xen/db02.img"));
        });
    }

    [Test]
    public void A_bad_override_names_the_option()
    {
        var overrides = new XenBundleSettings { DomUAddress = "banana" }.ToOverrides();
        var error = Assert.Throws<RecipeException>(() => RecipeLoader.Parse(RecipeText.Valid(), "recipe.yaml", _temp["recipe.yaml"], overrides))!;
        Assert.That(error.ErrorLine, Is.EqualTo("error: --domu-address: domu.network.address: 'banana' is not an IPv4 address"));
    }

    [Test]
    public void The_recipe_argument_may_name_the_directory_or_the_file()
    {
        var directory = RecipeText.Write(_temp, RecipeText.Valid());
        Assert.That(RecipeLoader.Load(directory).Name, Is.EqualTo("web"));
        Assert.That(RecipeLoader.Load(Path.Combine(directory, "recipe.yaml")).Name, Is.EqualTo("web"));
        Assert.That(() => RecipeLoader.Load(_temp["nowhere"]), Throws.InstanceOf<RecipeException>().With.Property("ErrorLine").Contains("--recipe"));
    }

    private Recipe Load(string text) => RecipeLoader.Load(RecipeText.Write(_temp, text), relativeTo: _temp["recipe"]);

    private RecipeException LoadFails(string text) => Assert.Throws<RecipeException>(() => Load(text))!;
}
