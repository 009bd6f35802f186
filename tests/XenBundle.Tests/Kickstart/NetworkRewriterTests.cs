using XenBundle.Kickstart.Rewriters;
using XenBundle.Kickstart.Transform;
using XenBundle.Model;
using XenBundle.Recipes;

namespace XenBundle.Tests.Kickstart;

/// <summary>
/// Rule 7: the install interface's network line says what the recipe says (the boot
/// arguments give the installer the same address), so the installed system comes up as
/// the install ran; options the recipe does not decide and other interfaces stay.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class NetworkRewriterTests
{
    private static readonly NetworkRewriter Rule = new();

    [Test]
    public void The_demos_dhcp_line_becomes_the_recipes_static_address_in_the_lines_own_spelling()
    {
        // recipes/demo: network --device eth0 --bootproto dhcp, while the recipe gives 192.168.50.20.
        var result = KickstartFixtures.Apply(Rule, "network --device eth0 --bootproto dhcp\n", OsRelease.El5);

        Assert.That(result.Text(), Is.EqualTo("network --device eth0 --bootproto static --ip 192.168.50.20 --netmask 255.255.255.0 --gateway 192.168.50.1 --hostname web01\n"));
        Assert.That(result.Changes.Single().Why, Does.Contain("static 192.168.50.20/24 via 192.168.50.1"));
        Assert.That(result.Warnings, Is.Empty);
    }

    [Test]
    public void A_static_line_gets_the_recipes_address_and_keeps_what_the_recipe_does_not_decide()
    {
        var target = KickstartFixtures.Target(OsRelease.El7) with
        {
            Network = KickstartFixtures.Target(OsRelease.El7).Network! with { Nameservers = [Ipv4.Parse("192.168.50.2"), Ipv4.Parse("192.168.50.3")] },
        };
        var result = KickstartFixtures.Apply(Rule, "network --bootproto=static --device=eth0 --onboot=yes --ip=10.0.0.5 --netmask=255.0.0.0 --gateway=10.0.0.1 --nameserver=10.0.0.2 --noipv6 --mtu=9000 --hostname=www.acme.example\n", OsRelease.El7, target: target);

        Assert.That(result.Text(), Is.EqualTo("network --bootproto=static --device=eth0 --onboot=yes --ip=192.168.50.20 --netmask=255.255.255.0 --gateway=192.168.50.1 --nameserver=192.168.50.2,192.168.50.3 --noipv6 --mtu=9000 --hostname=www.acme.example\n"));
    }

    [Test]
    public void A_line_that_already_says_what_the_recipe_says_is_left_as_it_is()
    {
        var text = "network --device eth0 --bootproto static --ip 192.168.50.20 --netmask 255.255.255.0 --gateway 192.168.50.1\nnetwork --hostname=web01\n";
        var result = KickstartFixtures.Apply(Rule, text, OsRelease.El5);

        Assert.That(result.Text(), Is.EqualTo(text));
        Assert.That(result.Changes, Is.Empty);
        Assert.That(result.Warnings, Is.Empty);
    }

    [Test]
    public void Without_an_address_the_line_becomes_dhcp_and_loses_the_static_settings()
    {
        var result = KickstartFixtures.Apply(Rule, "network --device=eth0 --bootproto=static --ip=10.0.0.5 --netmask=255.0.0.0 --gateway=10.0.0.1 --nameserver=10.0.0.2 --onboot=yes\n", OsRelease.El6, dhcp: true);

        // The kickstart's name server stays: the recipe gives none, and DHCP may be told to keep it.
        Assert.That(result.Text(), Is.EqualTo("network --device=eth0 --bootproto=dhcp --nameserver=10.0.0.2 --onboot=yes\n"));
        Assert.That(result.Changes.Single().Why, Does.Contain("DHCP"));
    }

    [TestCase(OsRelease.El5, "network --device=eth0 --bootproto=static --ip=192.168.50.20 --netmask=255.255.255.0 --gateway=192.168.50.1 --hostname=web01\n")]
    [TestCase(OsRelease.El9, "network --device=eth0 --bootproto=static --ip=192.168.50.20 --netmask=255.255.255.0 --gateway=192.168.50.1 --hostname=web01\n")]
    public void A_kickstart_without_a_network_line_gets_one(OsRelease os, string added)
    {
        var result = KickstartFixtures.Apply(Rule, "install\nrootpw x\n", os);

        Assert.That(result.Text(), Is.EqualTo("install\nrootpw x\n" + added));
        Assert.That(result.Changes.Single().Line.Number, Is.EqualTo(2), "after the last command");
    }

    [Test]
    public void A_line_without_device_is_the_install_interfaces_and_a_host_name_only_line_stays()
    {
        var result = KickstartFixtures.Apply(Rule, "network --bootproto=dhcp\nnetwork --hostname=db01\n", OsRelease.El6);

        Assert.That(result.Text(), Is.EqualTo("network --bootproto=static --device=eth0 --ip=192.168.50.20 --netmask=255.255.255.0 --gateway=192.168.50.1\nnetwork --hostname=db01\n"));
    }

    [Test]
    public void The_servers_own_interface_name_becomes_the_guests_and_a_second_interface_is_kept_and_reported()
    {
        var result = KickstartFixtures.Apply(Rule, "network --device=em1 --bootproto=dhcp\nnetwork --device=em2 --bootproto=static --ip=10.0.0.1 --netmask=255.0.0.0\n", OsRelease.El6);

        Assert.That(result.Text(), Is.EqualTo("network --device=eth0 --bootproto=static --ip=192.168.50.20 --netmask=255.255.255.0 --gateway=192.168.50.1 --hostname=web01\nnetwork --device=em2 --bootproto=static --ip=10.0.0.1 --netmask=255.0.0.0\n"));
        Assert.That(result.Messages(), Is.EqualTo(new[] { "ks.cfg:2: network (em2) configures a second interface; the guest has one (domu.network)" }));
    }

    [Test]
    public void A_second_line_for_the_guests_interface_stays_and_is_reported()
    {
        var result = KickstartFixtures.Apply(Rule, "network --device=eth0 --bootproto=dhcp\nnetwork --device=eth0 --bootproto=dhcp --mtu=9000\n", OsRelease.El6);

        Assert.That(result.Text(), Does.EndWith("\nnetwork --device=eth0 --bootproto=dhcp --mtu=9000\n"));
        Assert.That(result.Messages(), Is.EqualTo(new[] { "ks.cfg:2: network configures the guest's interface a second time; ks.cfg:1 is the line set from the recipe" }));
    }

    // An emulated NIC of an EL7+ DHCP guest is named by its slot (no net.ifnames=0 on the
    // boot line): eth0 would name nothing; the MAC or 'link' names it (network.py:1241-1279@anaconda-21.48.22.159-1).
    [TestCase(null, "network --device=link --bootproto=dhcp\n")]
    [TestCase("52:54:00:12:34:56", "network --device=52:54:00:12:34:56 --bootproto=dhcp\n")]
    public void An_el7_kvm_dhcp_guests_interface_is_named_by_its_mac_or_as_link(string? mac, string expected)
    {
        var target = KickstartFixtures.Target(OsRelease.El8, VirtType.Kvm, dhcp: true);
        target = target with { Network = target.Network! with { Mac = mac } };

        var result = KickstartFixtures.Apply(Rule, "network --device=eth0 --bootproto=dhcp\n", OsRelease.El8, target: target);

        Assert.That(result.Text(), Is.EqualTo(expected));
    }

    [Test]
    public void A_guest_name_that_is_no_host_name_is_not_written_and_is_reported()
    {
        var target = KickstartFixtures.Target(OsRelease.El5) with { GuestName = "web_01" };

        var result = KickstartFixtures.Apply(Rule, "network --device=eth0 --bootproto=dhcp\n", OsRelease.El5, target: target);

        Assert.That(result.Text(), Does.Not.Contain("--hostname"));
        Assert.That(result.Messages().Single(), Does.StartWith("ks.cfg: domu.name 'web_01' is not a host name"));
    }

    [TestCase(OsRelease.El5)]
    [TestCase(OsRelease.El6)]
    [TestCase(OsRelease.El7)]
    [TestCase(OsRelease.El8)]
    [TestCase(OsRelease.El9)]
    public void Every_release_reads_the_rewritten_line_without_a_complaint(OsRelease os)
    {
        var target = KickstartFixtures.Target(os);
        target = target with { Network = target.Network! with { Nameservers = [Ipv4.Parse("192.168.50.2"), Ipv4.Parse("192.168.50.3")] } };

        var result = KickstartFixtures.Apply(Rule, "network --device=eth0 --bootproto=dhcp --noipv4\n", os, target: target);

        Assert.That(KickstartValidator.Check(KickstartFixtures.Parse(result.Text(), os)), Is.Empty);
        Assert.That(result.Text(), Does.Contain("--nameserver=192.168.50.2,192.168.50.3").And.Not.Contain("--noipv4"));
    }
}
