using XenBundle.Provisioning;
using XenBundle.Recipes;
using XenBundle.Tests.Provisioning;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Recipes;

/// <summary>
/// dom0.clients that let any host mount the export (with no_root_squash) are refused unless
/// the recipe says dom0.allow_any_client: true; a network wider than a /16 is warned about
/// on the console and in the report (the pipeline passes every warning to both) and in README.txt.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class ExportClientsTests
{
    [TestCase("'*'")]
    [TestCase("0.0.0.0/0")]
    [TestCase("10.1.2.3/0")]
    [TestCase("192.168.50.0/0")]
    public void Clients_that_cover_everything_are_refused_without_allow_any_client(string clients)
    {
        using var directory = new TempDirectory("clients");
        var yaml = GuestRecipes.Yaml(dom0: $"  clients: {clients}");

        var error = Assert.Throws<RecipeException>(() => GuestRecipes.Load(directory, yaml))!;

        Assert.That(error.Location, Is.EqualTo($"{directory[RecipeLoader.FileName]}:{GuestRecipes.LineOf(yaml, "clients:")}"));
        Assert.That(error.Message, Does.StartWith($"dom0.clients: '{clients.Trim('\'')}' lets any host").And.Contain("dom0.allow_any_client: true"));
    }

    [TestCase("'*'")]
    [TestCase("0.0.0.0/0")]
    public void Allow_any_client_lets_them_through_with_a_warning_in_README(string clients)
    {
        using var directory = new TempDirectory("clients");
        var provisioning = GuestRecipes.Provision(GuestRecipes.Load(directory, GuestRecipes.Yaml(dom0: $"  clients: {clients}\n  allow_any_client: true")));

        var bare = clients.Trim('\'');
        Assert.That(provisioning.Files.Single(f => f.Path == ExportsLine.Path).Text, Does.Contain($" {bare}(ro,sync,no_subtree_check,no_root_squash)"));
        Assert.That(provisioning.Warnings, Has.One.Contains($"'{bare}'").And.Contains("any host"));
        Assert.That(Readme(provisioning), Does.Contain($"Warning: dom0.clients is '{bare}'"));
    }

    [TestCase("  clients: 10.0.0.0/8", "10.0.0.0/8", "16,777,216", TestName = "{m}(dom0.clients /8)")]
    [TestCase("  clients: 172.16.0.0/255.240.0.0", "172.16.0.0/255.240.0.0", "1,048,576", TestName = "{m}(dom0.clients as a netmask /12)")]
    public void A_network_wider_than_a_16_is_warned_about_in_the_report_and_README(string dom0, string network, string count)
    {
        using var directory = new TempDirectory("clients");
        var provisioning = GuestRecipes.Provision(GuestRecipes.Load(directory, GuestRecipes.Yaml(dom0: dom0)));

        Assert.That(provisioning.Warnings, Has.One.Contains($"the export {network}, a network wider than a /16: {count} addresses"));
        Assert.That(Readme(provisioning), Does.Contain($"Warning: dom0.clients makes the export {network}"));
    }

    [Test]
    public void A_DHCP_guest_on_a_wide_dom0_network_is_warned_about_too()
    {
        using var directory = new TempDirectory("clients");
        var provisioning = GuestRecipes.Provision(GuestRecipes.Load(directory, GuestRecipes.Yaml(network: GuestRecipes.DhcpNetwork, dom0: "  netmask: 255.0.0.0")));

        Assert.That(provisioning.Warnings, Has.One.Contains("dom0.netmask makes the export 192.0.0.0/8"));
    }

    [TestCase("  clients: 192.168.0.0/16")]
    [TestCase("  clients: 192.168.50.0/24")]
    [TestCase("  clients: install-host.example.com")]
    [TestCase("")]
    public void A_16_or_narrower_is_quiet(string dom0)
    {
        using var directory = new TempDirectory("clients");
        var provisioning = GuestRecipes.Provision(GuestRecipes.Load(directory, GuestRecipes.Yaml(dom0: dom0)));

        Assert.That(provisioning.Warnings, Is.Empty);
        Assert.That(Readme(provisioning), Does.Not.Contain("Warning:"));
    }

    [TestCase("yes")]
    [TestCase("'1'")]
    public void Allow_any_client_is_true_or_false(string value)
    {
        using var directory = new TempDirectory("clients");
        var yaml = GuestRecipes.Yaml(dom0: $"  clients: '*'\n  allow_any_client: {value}");

        var error = Assert.Throws<RecipeException>(() => GuestRecipes.Load(directory, yaml))!;

        Assert.That(error.Location, Does.EndWith($":{GuestRecipes.LineOf(yaml, "allow_any_client:")}"));
        Assert.That(error.Message, Does.StartWith("dom0.allow_any_client:").And.Contain("is not true or false"));
    }

    [Test]
    public void Clients_are_read_once_when_the_recipe_loads()
    {
        using var directory = new TempDirectory("clients");

        var recipe = GuestRecipes.Load(directory, GuestRecipes.Yaml(dom0: "  clients: 10.9.0.0/255.255.0.0"));

        Assert.That(recipe.Dom0.Clients!.Network, Is.EqualTo(Ipv4.Parse("10.9.0.0")));
        Assert.That(recipe.Dom0.Clients.PrefixLength, Is.EqualTo(16));
    }

    private static string Readme(Dom0Provisioning provisioning) => provisioning.Files.Single(f => f.Path == ReadmeText.Path).Text;
}
