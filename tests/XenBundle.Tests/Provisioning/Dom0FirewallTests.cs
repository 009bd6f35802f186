namespace XenBundle.Tests.Provisioning;

/// <summary>
/// setup.sh opens the Dom0's firewall for the guest's NFS install and nothing more, records
/// what it opened, and teardown.sh closes exactly that: iptables on EL5/EL6 Dom0s (mountd's
/// port pinned first), firewalld on EL7 and later (runtime rules), nothing without a firewall.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class Dom0FirewallTests
{
    private static readonly string[] IptablesRules =
    [
        .. new[] { "111", "2049", "892" }.SelectMany(port => new[] { "tcp", "udp" }.Select(proto => $"-s 192.168.50.20 -p {proto} --dport {port} -j ACCEPT")),
    ];

    private static readonly string[] RichRules =
    [
        .. new[] { "rpc-bind", "mountd", "nfs" }.Select(service => $"rule family=\"ipv4\" source address=\"192.168.50.20\" service name=\"{service}\" accept"),
    ];

    [Test]
    public void With_iptables_setup_pins_mountd_and_opens_rpcbind_nfs_and_mountd_to_the_guest_only_and_teardown_closes_them()
    {
        using var root = new Dom0Root(withExportsD: false);
        var environment = new Dictionary<string, string> { ["IPTABLES"] = root.StandIns.Iptables(filtering: true) };

        root.Setup(environment).EnsureSuccess("setup.sh");

        var calls = root.StandIns.Calls();
        Assert.That(calls.Where(c => c.StartsWith("iptables ", StringComparison.Ordinal)), Is.EqualTo(IptablesRules.Select(r => "iptables -I INPUT " + r)),
            "tcp and udp 111, 2049 and the pinned mountd port, from the guest's address only");
        Assert.That(File.ReadAllText(root.SysconfigFile), Is.EqualTo(Dom0Root.SysconfigNfs
            + "# BEGIN xenbundle web01: added by setup.sh, removed by teardown.sh\nMOUNTD_PORT=892\n# END xenbundle web01\n"));
        Assert.That(IndexOf(calls, "systemctl start nfs-server"), Is.LessThan(IndexOf(calls, "iptables -I INPUT " + IptablesRules[0])), "NFS runs before the firewall lets the guest in");
        Assert.That(File.ReadAllLines(root.StateFile), Is.EqualTo(IptablesRules.Select(r => r.Split(' ')).Select(p => $"iptables {p[1]} {p[3]} {p[5]}")));
        Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(root.StateFile)!), Is.EqualTo((UnixFileMode)0x1C0), "the state directory is root's alone (0700)");

        root.Teardown(environment).EnsureSuccess("teardown.sh");

        Assert.That(root.StandIns.Calls().Skip(calls.Count).Where(c => c.StartsWith("iptables ", StringComparison.Ordinal)),
            Is.EqualTo(IptablesRules.Reverse().Select(r => "iptables -D INPUT " + r)), "exactly the rules setup.sh inserted, last first");
        Assert.That(File.Exists(root.StateFile), Is.False);
        Assert.That(File.ReadAllText(root.SysconfigFile), Is.EqualTo(Dom0Root.SysconfigNfs), "the MOUNTD_PORT line setup.sh added is gone");
    }

    [Test]
    public void A_mountd_port_the_admin_set_is_kept_and_opened()
    {
        using var root = new Dom0Root(withExportsD: false);
        File.WriteAllText(root.SysconfigFile, "MOUNTD_PORT=\"20048\"\n");
        var environment = new Dictionary<string, string> { ["IPTABLES"] = root.StandIns.Iptables(filtering: true) };

        root.Setup(environment).EnsureSuccess("setup.sh");
        root.Teardown(environment).EnsureSuccess("teardown.sh");

        Assert.That(root.StandIns.Calls(), Does.Contain("iptables -I INPUT -s 192.168.50.20 -p udp --dport 20048 -j ACCEPT")
            .And.Contain("iptables -D INPUT -s 192.168.50.20 -p udp --dport 20048 -j ACCEPT")
            .And.No.Contain("iptables -I INPUT -s 192.168.50.20 -p udp --dport 892 -j ACCEPT"));
        Assert.That(File.ReadAllText(root.SysconfigFile), Is.EqualTo("MOUNTD_PORT=\"20048\"\n"), "not touched");
    }

    [Test]
    public void A_running_NFS_server_is_restarted_when_mountd_gets_its_port()
    {
        using var root = new Dom0Root(withExportsD: false);
        var environment = new Dictionary<string, string>
        {
            ["IPTABLES"] = root.StandIns.Iptables(filtering: true),
            ["SYSTEMCTL"] = root.StandIns.Systemctl("rpcbind nfs-server", active: "rpcbind nfs-server"),
        };

        root.Setup(environment).EnsureSuccess("first setup.sh");
        root.Setup(environment).EnsureSuccess("second setup.sh");

        var nfs = root.StandIns.Calls().Where(c => c.StartsWith("systemctl ", StringComparison.Ordinal) && !c.Contains("is-active", StringComparison.Ordinal)).ToList();
        Assert.That(nfs, Is.EqualTo(new[] { "systemctl restart nfs-server" }), "once, when the port was pinned; rpcbind runs and is left alone");
    }

    [Test]
    public void A_rerun_leaves_each_rule_once()
    {
        using var root = new Dom0Root(withExportsD: false);
        var environment = new Dictionary<string, string> { ["IPTABLES"] = root.StandIns.Iptables(filtering: true) };

        root.Setup(environment).EnsureSuccess("first setup.sh");
        root.Setup(environment).EnsureSuccess("second setup.sh");

        var calls = root.StandIns.Calls();
        foreach (var rule in IptablesRules)
        {
            Assert.That(calls.Count(c => c == "iptables -I INPUT " + rule) - calls.Count(c => c == "iptables -D INPUT " + rule), Is.EqualTo(1), rule);
        }

        Assert.That(File.ReadAllLines(root.StateFile), Has.Length.EqualTo(IptablesRules.Length));
        Assert.That(File.ReadAllText(root.SysconfigFile).Split('\n').Count(l => l == "MOUNTD_PORT=892"), Is.EqualTo(1));
    }

    [Test]
    public void With_firewalld_setup_adds_runtime_rich_rules_in_the_bridge_zone_and_teardown_removes_them()
    {
        using var root = new Dom0Root(withExportsD: false);
        var environment = new Dictionary<string, string>
        {
            ["FIREWALL_CMD"] = root.StandIns.FirewallCmd("libvirt"),
            ["IPTABLES"] = root.StandIns.Iptables(filtering: true),
        };

        root.Setup(environment).EnsureSuccess("setup.sh");

        var calls = root.StandIns.Calls();
        Assert.That(calls.Where(c => c.StartsWith("firewall-cmd ", StringComparison.Ordinal)), Is.EqualTo(RichRules.Select(r => $"firewall-cmd --zone=libvirt --add-rich-rule={r}")));
        Assert.That(calls, Has.None.Contains("--permanent").And.None.StartWith("iptables "), "runtime only; firewalld owns the rules");
        Assert.That(File.ReadAllText(root.SysconfigFile), Is.EqualTo(Dom0Root.SysconfigNfs), "firewalld's mountd service knows mountd's port: nothing pinned");

        root.Teardown(environment).EnsureSuccess("teardown.sh");

        Assert.That(root.StandIns.Calls().Skip(calls.Count).Where(c => c.StartsWith("firewall-cmd ", StringComparison.Ordinal)),
            Is.EqualTo(RichRules.Reverse().Select(r => $"firewall-cmd --zone=libvirt --remove-rich-rule={r}")));
        Assert.That(File.Exists(root.StateFile), Is.False);
    }

    [Test]
    public void Without_a_firewall_nothing_is_opened_and_setup_says_so()
    {
        using var root = new Dom0Root(withExportsD: false);

        var result = root.Setup();

        result.EnsureSuccess("setup.sh");
        Assert.That(result.Output, Does.Contain("no firewall is active").And.Contain("nothing to open"));
        Assert.That(root.StandIns.Calls(), Has.None.StartWith("iptables ").And.None.StartWith("firewall-cmd "));
        Assert.That(File.Exists(root.StateFile), Is.False);
        Assert.That(File.ReadAllText(root.SysconfigFile), Is.EqualTo(Dom0Root.SysconfigNfs));
        Assert.That(root.Teardown().EnsureSuccess("teardown.sh").Output, Does.Contain("nothing to close"));
    }

    [Test]
    public void A_DHCP_guest_is_let_through_as_the_export_is_to_its_clients()
    {
        using var root = new Dom0Root(withExportsD: false, network: GuestRecipes.DhcpNetwork, dom0: "  clients: 192.168.50.0/24");
        var environment = new Dictionary<string, string> { ["FIREWALL_CMD"] = root.StandIns.FirewallCmd("libvirt") };

        root.Setup(environment).EnsureSuccess("setup.sh");

        var rules = root.StandIns.Calls().Where(c => c.StartsWith("firewall-cmd ", StringComparison.Ordinal)).ToList();
        Assert.That(rules, Has.Count.EqualTo(3));
        Assert.That(rules, Has.All.Contains("source address=\"192.168.50.0/24\""));
    }

    [Test]
    public void Dry_runs_print_the_firewall_commands_and_change_nothing()
    {
        using var root = new Dom0Root(withExportsD: false);
        var iptables = root.StandIns.Iptables(filtering: true);
        var environment = new Dictionary<string, string> { ["IPTABLES"] = iptables };
        var before = root.Snapshot();

        var setup = root.Setup(environment, "--dry-run");

        setup.EnsureSuccess("setup.sh --dry-run");
        Assert.That(root.Snapshot(), Is.EqualTo(before));
        Assert.That(root.StandIns.Calls(), Is.Empty);
        Assert.That(setup.Output, Does.Contain($"would add to {root.SysconfigFile}: MOUNTD_PORT=892")
            .And.Contain($"would run: {iptables} -I INPUT -s 192.168.50.20 -p tcp --dport 2049 -j ACCEPT")
            .And.Contain($"would run: {iptables} -I INPUT -s 192.168.50.20 -p udp --dport 892 -j ACCEPT"));

        root.Setup(environment).EnsureSuccess("setup.sh");
        var afterSetup = root.Snapshot();
        var calls = root.StandIns.Calls().Count;

        var teardown = root.Teardown(environment, "--dry-run");

        teardown.EnsureSuccess("teardown.sh --dry-run");
        Assert.That(root.Snapshot(), Is.EqualTo(afterSetup));
        Assert.That(root.StandIns.Calls(), Has.Count.EqualTo(calls), "no program was run");
        Assert.That(teardown.Output, Does.Contain($"would run: {iptables} -D INPUT -s 192.168.50.20 -p tcp --dport 111 -j ACCEPT")
            .And.Contain($"would run: rm -f -- {root.StateFile}")
            .And.Contain($"would remove the lines of web01 from {root.SysconfigFile}"));
    }

    [Test]
    public void A_state_directory_that_is_a_link_stops_setup_before_anything_changes()
    {
        using var root = new Dom0Root(withExportsD: false);
        Directory.CreateDirectory(root.Path("elsewhere"));
        Directory.CreateDirectory(root.Path("var/lib"));
        File.CreateSymbolicLink(root.Path("var/lib/xenbundle"), root.Path("elsewhere"));
        var environment = new Dictionary<string, string> { ["IPTABLES"] = root.StandIns.Iptables(filtering: true) };
        var before = root.Snapshot();

        var result = root.Setup(environment);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain($"{root.Path("var/lib/xenbundle")} is a symbolic link: not following it as root"));
        Assert.That(root.Snapshot(), Is.EqualTo(before));
        Assert.That(root.StandIns.Calls(), Is.Empty);
    }

    [Test]
    public void A_mountd_that_does_not_take_the_pinned_port_stops_setup_before_the_firewall_opens()
    {
        using var root = new Dom0Root(withExportsD: false);
        // An nfs-utils that does not read /etc/sysconfig/nfs (EL8 and later): mountd keeps 20048.
        var environment = new Dictionary<string, string>
        {
            ["IPTABLES"] = root.StandIns.Iptables(filtering: true),
            ["RPCINFO"] = root.StandIns.Rpcinfo(sysconfig: null, port: 20048),
        };

        var result = root.Setup(environment);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("mountd listens on 20048, not on the port 892 pinned in " + root.SysconfigFile)
            .And.Contain("port=892 under [mountd] in /etc/nfs.conf"));
        Assert.That(root.StandIns.Calls(), Has.None.StartWith("iptables "), "no rule for a port mountd does not listen on");
    }

    [Test]
    public void Without_a_file_to_pin_mountd_in_forced_setup_opens_the_port_mountd_took()
    {
        using var root = new Dom0Root(withExportsD: false);
        File.Delete(root.SysconfigFile);
        var environment = new Dictionary<string, string> { ["IPTABLES"] = root.StandIns.Iptables(filtering: true) };

        var result = root.Setup(environment, "--force");

        result.EnsureSuccess("setup.sh --force");
        Assert.That(result.Output, Does.Contain("FAIL: iptables filters INPUT, but mountd's port cannot be pinned"));
        Assert.That(root.StandIns.Calls(), Does.Contain("iptables -I INPUT -s 192.168.50.20 -p udp --dport 37445 -j ACCEPT")
            .And.Contain("iptables -I INPUT -s 192.168.50.20 -p tcp --dport 37445 -j ACCEPT")
            .And.No.Contain("iptables -I INPUT -s 192.168.50.20 -p udp --dport 892 -j ACCEPT"));
    }

    [Test]
    public void An_nftables_firewall_is_not_called_no_firewall_by_a_forced_setup()
    {
        using var root = new Dom0Root(withExportsD: false);
        var environment = new Dictionary<string, string>
        {
            ["NFT"] = root.StandIns.Nft("table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t}\n}"),
        };

        var result = root.Setup(environment, "--force");

        result.EnsureSuccess("setup.sh --force");
        Assert.That(result.Output, Does.Not.Contain("no firewall is active"));
        Assert.That(result.Error, Does.Contain("nftables filters INPUT (inet filter), which setup.sh cannot open: open tcp/udp 111, 2049 and mountd's port for 192.168.50.20 by hand"));
        Assert.That(File.Exists(root.StateFile), Is.False);
    }

    [TestCase("var/lib/xenbundle", TestName = "{m}(the directory)")]
    [TestCase("var/lib/xenbundle/web01.firewall", TestName = "{m}(the state file)")]
    public void A_state_path_others_may_write_stops_setup_and_teardown_before_anything_changes(string writable)
    {
        using var root = new Dom0Root(withExportsD: false);
        var environment = new Dictionary<string, string> { ["IPTABLES"] = root.StandIns.Iptables(filtering: true) };
        root.Setup(environment).EnsureSuccess("setup.sh");
        File.SetUnixFileMode(root.Path(writable), (UnixFileMode)0x1FF); // 0777
        var before = root.Snapshot();
        var calls = root.StandIns.Calls().Count;

        var setup = root.Setup(environment);
        var teardown = root.Teardown(environment);

        foreach (var result in new[] { setup, teardown })
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Does.Contain($"{root.Path(writable)} is writable by group or others (mode 777): not trusting it as root"));
        }

        Assert.That(root.Snapshot(), Is.EqualTo(before));
        Assert.That(root.StandIns.Calls(), Has.Count.EqualTo(calls));
    }

    [Test]
    public void Teardown_closes_only_what_setup_records_and_skips_other_lines()
    {
        using var root = new Dom0Root(withExportsD: false);
        var environment = new Dictionary<string, string> { ["IPTABLES"] = root.StandIns.Iptables(filtering: true) };
        root.Setup(environment).EnsureSuccess("setup.sh");
        File.AppendAllText(root.StateFile, "iptables 192.168.50.20 tcp 22;reboot\niptables -F x 1\nfirewalld public 0.0.0.0/0 ssh\n");
        var calls = root.StandIns.Calls().Count;

        var result = root.Teardown(environment);

        result.EnsureSuccess("teardown.sh");
        Assert.That(root.StandIns.Calls().Skip(calls).Where(c => !c.StartsWith("exportfs", StringComparison.Ordinal)), Is.EqualTo(IptablesRules.Reverse().Select(r => "iptables -D INPUT " + r)));
        Assert.That(result.Output, Does.Contain("skipping 'firewalld public 0.0.0.0/0 ssh'").And.Contain("skipping 'iptables 192.168.50.20 tcp 22;reboot'"));
    }

    private static int IndexOf(IReadOnlyList<string> calls, string call) => calls.ToList().IndexOf(call) is var i and >= 0 ? i : throw new AssertionException($"'{call}' was not called:\n{string.Join('\n', calls)}");
}
