using XenBundle.Model;
using XenBundle.Provisioning;
using XenBundle.Recipes;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Provisioning;

/// <summary>
/// Values that would reach the Dom0 scripts are refused when the recipe is loaded, with
/// the key and the line; and who may mount the export of a DHCP guest must be said, or
/// the recipe does not load (not only, later, the Dom0 files cannot be made).
/// </summary>
[Category(TestCategories.Unit)]
public sealed class RecipeValuesTests
{
    [TestCase("name: \"web01; reboot\"", "domu.name", TestName = "{m}(a guest name with shell syntax)")]
    [TestCase("name: \"web01$(reboot)\"", "domu.name", TestName = "{m}(a guest name with a command substitution)")]
    [TestCase("path: \"/var/lib/xen/images/web01\\n.img\"", "domu.disk.path", TestName = "{m}(a disk path with a newline)")]
    [TestCase("path: \"/var/lib/xen/images/web 01.img\"", "domu.disk.path", TestName = "{m}(a disk path with a space)")]
    [TestCase("export: \"/var/xen/install'\"", "dom0.export", TestName = "{m}(an export with a quote)")]
    [TestCase("bridge: \"xenbr0 --hvm\"", "domu.network.bridge", TestName = "{m}(a bridge with an option)")]
    [TestCase("mac: \"00:16:3e:12:34:56,model=e1000\"", "domu.network.mac", TestName = "{m}(a MAC with a suboption)")]
    [TestCase("clients: \"192.168.50.0/24(rw)\"", "dom0.clients", TestName = "{m}(clients with exports options)")]
    public void A_value_unfit_for_a_script_is_refused_naming_the_key_and_line(string line, string key)
    {
        using var directory = new TempDirectory("recipe-values");
        var yaml = Replace(GuestRecipes.Yaml(dom0: "  clients: 192.168.50.20"), line);

        var error = Assert.Throws<RecipeException>(() => GuestRecipes.Load(directory, yaml))!;

        var file = directory[RecipeLoader.FileName];
        Assert.That(error.Location, Is.EqualTo($"{file}:{GuestRecipes.LineOf(yaml, line)}"));
        Assert.That(error.Message, Does.StartWith(key + ":"));
        Assert.That(error.ErrorLine, Does.Not.Contain('\n'), "one line, whatever the value holds");
    }

    [Test]
    public void A_DHCP_guest_needs_dom0_clients_or_dom0_netmask_for_its_export()
    {
        using var directory = new TempDirectory("recipe-values");
        var yaml = GuestRecipes.Yaml(network: GuestRecipes.DhcpNetwork);

        // At load, before any stage has run: TransformKickstart alone would otherwise succeed with a recipe GenerateVirtInstall refuses.
        var error = Assert.Throws<RecipeException>(() => GuestRecipes.Load(directory, yaml))!;

        Assert.That(error.Location, Is.EqualTo($"{directory[RecipeLoader.FileName]}:{GuestRecipes.LineOf(yaml, "address: 192.168.50.1")}"), "the dom0 mapping");
        Assert.That(error.Message, Does.StartWith("dom0.clients: required for a DHCP guest").And.Contain("dom0.netmask"));
        Assert.That(error.ExitCodeValue, Is.EqualTo(ExitCode.BadUsage));
    }

    [TestCase("", "  clients: 192.168.50.0/24", "192.168.50.0/24", TestName = "{m}(dom0.clients as the recipe writes it)")]
    [TestCase("", "  netmask: 255.255.254.0", "192.168.50.0/23", TestName = "{m}(a DHCP guest: the Dom0's network from dom0.netmask)")]
    [TestCase("static", "", "192.168.50.20", TestName = "{m}(a static guest: its own address)")]
    public void Who_may_mount_the_export_is_settled_when_the_recipe_loads(string network, string dom0, string expected)
    {
        using var directory = new TempDirectory("recipe-values");
        var recipe = GuestRecipes.Load(directory, GuestRecipes.Yaml(network: network == "static" ? GuestRecipes.StaticNetwork : GuestRecipes.DhcpNetwork, dom0: dom0));

        Assert.That(recipe.Dom0.MountedBy.Text, Is.EqualTo(expected));
        Assert.That(new ExportsLine(new GuestInstall(recipe, OsRelease.El5, "ks/kickstart.cfg")).Clients[0], Is.EqualTo(expected), "the exports line takes it as loaded");
    }

    [Test]
    public void Dom0_netmask_is_read_and_checked()
    {
        using var directory = new TempDirectory("recipe-values");
        var loaded = GuestRecipes.Load(directory, GuestRecipes.Yaml(network: GuestRecipes.DhcpNetwork, dom0: "  netmask: 255.255.254.0"));
        Assert.That(loaded.Dom0.Netmask, Is.EqualTo(Ipv4.Parse("255.255.254.0")));

        var yaml = GuestRecipes.Yaml(network: GuestRecipes.DhcpNetwork, dom0: "  netmask: 255.0.255.0");
        var error = Assert.Throws<RecipeException>(() => GuestRecipes.Load(directory, yaml))!;
        Assert.That(error.Message, Does.StartWith("dom0.netmask: '255.0.255.0' is not a netmask"));
        Assert.That(error.Location, Does.EndWith($":{GuestRecipes.LineOf(yaml, "netmask: 255.0.255.0")}"));
    }

    /// <summary>Replaces the recipe line with the same key as <paramref name="line"/>.</summary>
    private static string Replace(string yaml, string line)
    {
        var key = line[..(line.IndexOf(':', StringComparison.Ordinal) + 1)];
        var lines = yaml.Split('\n');
        var index = Array.FindIndex(lines, l => l.TrimStart().StartsWith(key, StringComparison.Ordinal) && l.Contains("  " + key, StringComparison.Ordinal));
        Assert.That(index, Is.GreaterThanOrEqualTo(0), $"no '{key}' in the recipe");
        lines[index] = lines[index][..lines[index].IndexOf(key, StringComparison.Ordinal)] + line;
        return string.Join('\n', lines);
    }
}
