using XenBundle.Kickstart.Rewriters;
using XenBundle.Recipes;

namespace XenBundle.Tests.Kickstart;

/// <summary>Rule 7: a network line that disagrees with the recipe is reported, never changed.</summary>
public sealed class NetworkCheckerTests
{
    private static readonly NetworkChecker Rule = new();

    [Test]
    public void A_static_line_matching_the_recipe_is_fine()
    {
        var result = KickstartFixtures.Apply(Rule, "network --device eth0 --bootproto static --ip 192.168.50.20 --netmask 255.255.255.0 --gateway 192.168.50.1\nnetwork --hostname=web01\n", OsRelease.El5);
        Assert.That(result.Warnings, Is.Empty);
        Assert.That(result.Changes, Is.Empty);
    }

    [Test]
    public void A_static_line_with_another_address_is_reported()
    {
        var result = KickstartFixtures.Apply(Rule, "network --bootproto=static --device=eth0 --ip=10.0.0.5 --netmask=255.0.0.0 --gateway=192.168.50.1\n", OsRelease.El7);
        Assert.That(result.Messages(), Is.EqualTo(new[] { "ks.cfg:1: network (eth0) disagrees with the recipe: --ip=10.0.0.5 but domu.network.address is 192.168.50.20; --netmask=255.0.0.0 but domu.network.netmask is 255.255.255.0" }));
        Assert.That(result.Changes, Is.Empty);
    }

    [Test]
    public void Dhcp_while_the_recipe_has_an_address_is_reported()
    {
        var result = KickstartFixtures.Apply(Rule, "network --device eth0 --bootproto dhcp\n", OsRelease.El5);
        Assert.That(result.Messages(), Is.EqualTo(new[] { "ks.cfg:1: network (eth0) uses dhcp, but the recipe gives the guest the address 192.168.50.20" }));
    }

    [Test]
    public void Only_the_first_interface_is_the_guests_a_second_is_reported_as_such()
    {
        var result = KickstartFixtures.Apply(Rule, "network --device eth0 --bootproto static --ip 192.168.50.20 --netmask 255.255.255.0 --gateway 192.168.50.1\nnetwork --device eth1 --bootproto static --ip 10.0.0.1\n", OsRelease.El6);
        Assert.That(result.Messages(), Is.EqualTo(new[] { "ks.cfg:2: network (eth1) configures a second interface; the guest has one (domu.network)" }));
    }

    [Test]
    public void A_static_line_while_the_recipe_uses_dhcp_is_reported()
    {
        var result = KickstartFixtures.Apply(Rule, "network --device=eth0 --ip=10.0.0.5\n", OsRelease.El6, dhcp: true);
        Assert.That(result.Messages(), Is.EqualTo(new[] { "ks.cfg:1: network (eth0) is static (10.0.0.5), but the recipe gives the guest DHCP (no domu.network.address)" }));
        Assert.That(KickstartFixtures.Apply(Rule, "network --device=eth0 --bootproto=dhcp\n", OsRelease.El6, dhcp: true).Warnings, Is.Empty);
    }
}
