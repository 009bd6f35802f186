namespace XenBundle.Tests.Provisioning;

/// <summary>
/// <c>setup.sh --check</c>: a preflight that changes nothing, one "ok:" or "FAIL:" line per
/// item, exit 0, 1 or 2; setup.sh runs it first and stops on a failure unless --force.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class SetupCheckTests
{
    private static IEnumerable<TestCaseData> Failures()
    {
        yield return Case("a file of the bundle changed", "files of the bundle do not match SHA256SUMS", (root, _) =>
        {
            root.RefreshSums = false;
            File.AppendAllText(Path.Combine(root.Bundle, "install/ks/kickstart.cfg"), "# changed\n");
        });
        yield return Case("little space", "MiB free, the tree needs", (root, env) =>
        {
            Directory.CreateDirectory(root.ExportDir);
            env["DF"] = root.StandIns.Df(10, under: root.ExportDir);
        });
        yield return Case("a disk bigger than the free space", "GiB free, less than the 8 GiB disk", (root, env) =>
        {
            Directory.CreateDirectory(root.Path("var/lib/xen/images"));
            env["DF"] = root.StandIns.Df(5L * 1024 * 1024, under: root.Path("var/lib/xen/images"));
        });
        yield return Case("the disk image exists", "virt-install.sh will not install over it", (root, _) =>
        {
            Directory.CreateDirectory(root.Path("var/lib/xen/images"));
            File.WriteAllText(root.Path("var/lib/xen/images/web01.img"), "an installed guest");
        });
        yield return Case("no virt-install", "(install virt-install; python-virtinst on EL5)", (root, env) => env["VIRT_INSTALL"] = root.Path("no/such/virt-install"));
        yield return Case("no bridge", "no bridge xenbr0 on this host", (root, _) => Directory.Delete(root.Path("sys/class/net/xenbr0"), recursive: true));
        yield return Case("no exportfs", "(install nfs-utils)", (root, env) => env["EXPORTFS"] = root.Path("no/such/exportfs"));
        yield return Case("no rpcbind unit", "no rpcbind.service (install rpcbind)", (root, env) => env["SYSTEMCTL"] = root.StandIns.Systemctl("nfs-server"));
        yield return Case("no nfs-server unit", "no nfs-server.service (install nfs-utils)", (root, env) => env["SYSTEMCTL"] = root.StandIns.Systemctl("rpcbind"));
        yield return Case("SysV without portmap or rpcbind", "(install portmap on EL5, rpcbind on EL6)", (root, env) =>
        {
            env["SYSTEMCTL"] = root.Path("no/such/systemctl");
            File.Delete(root.Path("etc/init.d/portmap"));
        });
        yield return Case("iptables cannot list its chain (not root)", "iptables -n -L INPUT failed, so the firewall cannot be read (run setup.sh as root)",
            (root, env) => env["IPTABLES"] = root.StandIns.Iptables(filtering: true, root: false));
        yield return Case("not a Xen Dom0", "this host does not run Xen", (root, env) => env["VIRSH"] = root.StandIns.Virsh("kvm"));
        yield return Case("iptables, but no /etc/sysconfig/nfs to pin mountd's port in (EL8 and later)", "iptables filters INPUT, but mountd's port cannot be pinned: no writable", (root, env) =>
        {
            env["IPTABLES"] = root.StandIns.Iptables(filtering: true);
            File.Delete(root.SysconfigFile);
        });
        yield return Case("iptables, but no rpcinfo to read mountd's port", "which tells the port mountd listens on", (root, env) =>
        {
            env["IPTABLES"] = root.StandIns.Iptables(filtering: true);
            env["RPCINFO"] = root.Path("no/such/rpcinfo");
        });
        yield return Case("an nftables table of its own filters INPUT", "FAIL: a firewall setup.sh cannot handle: nftables filters INPUT (inet filter): open tcp/udp 111, 2049 and mountd's port for 192.168.50.20 by hand",
            (root, env) => env["NFT"] = root.StandIns.Nft(NativeNftRuleset));
        yield return Case("firewalld puts the bridge in a zone of an odd name", "firewalld names the zone 'odd zone!', which setup.sh does not use",
            (root, env) => env["FIREWALL_CMD"] = root.StandIns.FirewallCmd("odd zone!"));
    }

    /// <summary>
    /// An EL8-and-later host without firewalld that filters in its own nftables table, beside
    /// the empty tables iptables-nft made when someone ran iptables -L.
    /// </summary>
    private const string NativeNftRuleset = """
        table ip filter {
        	chain INPUT {
        		type filter hook input priority filter; policy accept;
        	}
        }
        table inet filter {
        	chain input {
        		type filter hook input priority filter; policy drop;
        		ct state established,related accept
        		tcp dport 22 accept
        	}
        	chain forward {
        		type filter hook forward priority filter; policy drop;
        	}
        }
        """;

    [Test]
    public void Check_says_ok_for_every_item_changes_nothing_and_exits_0()
    {
        using var root = new Dom0Root(withExportsD: false);
        var before = root.Snapshot();

        var result = root.Setup("--check");

        Assert.That(result.ExitCode, Is.Zero, result.Output + result.Error);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.That(lines, Has.All.StartWith("ok: "));
        Assert.That(result.Output, Does.Contain("ok: every file of the bundle matches SHA256SUMS")
            .And.Contain("ok: virt-install 4.1.0: the 2.0-and-later command line")
            .And.Contain("ok: the bridge xenbr0 exists")
            .And.Contain("ok: exportfs is there")
            .And.Contain("ok: the service rpcbind is installed")
            .And.Contain("ok: the service nfs-server is installed")
            .And.Contain("ok: no firewall is active")
            .And.Contain("ok: a Xen Dom0 (virsh capabilities offers xen guests)")
            .And.Contain($"ok: {root.ExportDir}: ")
            .And.Contain($"GiB free for the 8 GiB disk {root.Path("var/lib/xen/images/web01.img")}"));
        Assert.That(root.Snapshot(), Is.EqualTo(before));
        Assert.That(root.StandIns.Calls(), Is.Empty);
    }

    [TestCaseSource(nameof(Failures))]
    public void Check_fails_with_what_to_do_and_exits_1(object arrange, string expected)
    {
        using var root = new Dom0Root(withExportsD: false);
        var environment = new Dictionary<string, string>();
        ((Action<Dom0Root, Dictionary<string, string>>)arrange)(root, environment);

        var result = root.Setup(environment, "--check");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output + result.Error);
        var failures = result.Output.Split('\n').Where(l => l.StartsWith("FAIL: ", StringComparison.Ordinal)).ToList();
        Assert.That(failures, Has.Count.EqualTo(1).And.One.Contains(expected), result.Output);
        Assert.That(result.Output, Does.Not.Contain("zone ,"), "no ok: line with an empty zone");
        Assert.That(root.StandIns.Calls(), Is.Empty);
    }

    [Test]
    public void Setup_stops_on_a_failed_check_before_changing_anything_unless_forced()
    {
        using var root = new Dom0Root(withExportsD: false);
        var environment = new Dictionary<string, string> { ["VIRSH"] = root.StandIns.Virsh("kvm") };
        var before = root.Snapshot();

        var stopped = root.Setup(environment);

        Assert.That(stopped.ExitCode, Is.EqualTo(1));
        Assert.That(stopped.Output, Does.Contain("FAIL: this host does not run Xen"));
        Assert.That(stopped.Error, Does.Contain("a check failed (FAIL above): nothing was changed").And.Contain("--force"));
        Assert.That(root.Snapshot(), Is.EqualTo(before));
        Assert.That(root.StandIns.Calls(), Is.Empty);

        root.Setup(environment, "--force").EnsureSuccess("setup.sh --force");

        Assert.That(root.StandIns.Calls(), Does.Contain("exportfs -ra"));
        Assert.That(Directory.Exists(root.ExportDir), Is.True);
    }

    [Test]
    public void Check_knows_xm_info_the_0x_virt_install_and_KVM()
    {
        using var root = new Dom0Root(withExportsD: false);
        var xm = root.StandIns.Recorder("xm");
        var el5 = new Dictionary<string, string>
        {
            ["VIRSH"] = root.Path("no/such/virsh"),
            ["XM"] = xm,
            ["VIRT_INSTALL"] = root.StandIns.VirtInstall("", knowsOsInfo: false, listsFileSize: true),
        };

        var result = root.Setup(el5, "--check");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Output, Does.Contain("ok: a Xen Dom0 (xm info answers)")
            .And.Contain("ok: virt-install without --version (an EL5 python-virtinst, by its --help): the 0.x command line (--location nfs:192.168.50.1:/var/xen/install, --file)"));

        using var kvm = new Dom0Root(withExportsD: false, virt: "kvm");
        var noKvm = kvm.Setup(new Dictionary<string, string> { ["VIRSH"] = kvm.StandIns.Virsh("xen") }, "--check");
        Assert.That(noKvm.ExitCode, Is.EqualTo(1));
        Assert.That(noKvm.Output, Does.Contain("FAIL: no " + kvm.Path("dev/kvm")));
        Directory.CreateDirectory(kvm.Path("dev"));
        File.WriteAllText(kvm.Path("dev/kvm"), string.Empty);
        Assert.That(kvm.Setup("--check").Output, Does.Contain("ok: KVM is available"));
    }

    [Test]
    public void Check_and_virt_install_sh_both_take_a_0_500_0_for_0_x()
    {
        using var root = new Dom0Root(withExportsD: false);
        // 0.500.0: optparse rejects --version (exit 2); --help shows only the usage line with
        // --ram RAM, as --file-size is hidden from it.
        var environment = new Dictionary<string, string> { ["VIRT_INSTALL"] = root.StandIns.OptparseVirtInstall(string.Empty) };

        var check = root.Setup(environment, "--check");

        Assert.That(check.ExitCode, Is.Zero, check.Output);
        Assert.That(check.Output, Does.Contain("ok: virt-install without --version (an EL5 python-virtinst, by its --help): the 0.x command line"));

        root.Setup(environment).EnsureSuccess("setup.sh");

        Assert.That(root.StandIns.VirtInstallArguments(), Does.Contain("--ram").And.Contain("nfs:192.168.50.1:/var/xen/install"));
    }

    [Test]
    public void Check_announces_the_virtio_disk_of_a_kvm_guest_on_RHEL6s_virt_install_0_600_0()
    {
        using var root = new Dom0Root(withExportsD: false, virt: "kvm");
        var environment = new Dictionary<string, string> { ["VIRT_INSTALL"] = root.StandIns.VirtInstall("0.600.0", knowsOsInfo: false) };

        var result = root.Setup(environment, "--check");

        Assert.That(result.Output, Does.Contain($"ok: virt-install 0.600.0: the 0.x command line (--location nfs:192.168.50.1:/var/xen/install, --disk path={root.Path("var/lib/xen/images/web01.img")},...,bus=virtio)"));
    }

    [Test]
    public void Check_knows_the_tables_iptables_nft_makes_are_no_firewall_of_their_own()
    {
        using var root = new Dom0Root(withExportsD: false);
        var compat = NativeNftRuleset[..(NativeNftRuleset.IndexOf("table inet filter", StringComparison.Ordinal))];
        var environment = new Dictionary<string, string> { ["NFT"] = root.StandIns.Nft(compat) };

        var result = root.Setup(environment, "--check");

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Output, Does.Contain("ok: no firewall is active"));
    }

    [Test]
    public void A_host_name_as_the_firewall_source_fails_the_check_where_a_firewall_needs_an_address()
    {
        using var root = new Dom0Root(withExportsD: false, network: GuestRecipes.DhcpNetwork, dom0: "  clients: guests.example.com");
        var firewalld = new Dictionary<string, string> { ["FIREWALL_CMD"] = root.StandIns.FirewallCmd("libvirt") };
        var before = root.Snapshot();

        var check = root.Setup(firewalld, "--check");
        var setup = root.Setup(firewalld);

        Assert.That(check.ExitCode, Is.EqualTo(1));
        Assert.That(check.Output, Does.Contain("FAIL: the export's clients 'guests.example.com' are no address or network, and firewalld takes only those"));
        Assert.That(setup.ExitCode, Is.EqualTo(1));
        Assert.That(setup.Error, Does.Contain("nothing was changed"));
        Assert.That(root.Snapshot(), Is.EqualTo(before));
        Assert.That(root.StandIns.Calls(), Is.Empty);
        Assert.That(root.Setup("--check").ExitCode, Is.Zero, "without a firewall a host name is fine");
    }

    [TestCase("--check", "--dry-run")]
    [TestCase("--check", "--force")]
    [TestCase("--check", "--", "--noautoconsole")]
    [TestCase("--checks")]
    public void Bad_usage_exits_2(params string[] arguments)
    {
        using var root = new Dom0Root(withExportsD: false);

        var result = root.Setup(arguments);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output + result.Error);
        Assert.That(result.Error, Does.Contain("usage: setup.sh [--check | --dry-run] [--force]"));
        Assert.That(result.Output, Is.Empty, "no check was run");
    }

    private static TestCaseData Case(string name, string expected, Action<Dom0Root, Dictionary<string, string>> arrange) =>
        new TestCaseData(arrange, expected).SetName($"{{m}}({name})");
}
