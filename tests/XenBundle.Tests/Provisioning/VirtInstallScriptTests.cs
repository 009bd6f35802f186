using XenBundle.Tests.Support;

namespace XenBundle.Tests.Provisioning;

/// <summary>
/// dom0/virt-install.sh with stand-in virt-installs: the version picks the command line,
/// its own arguments are passed on, and an existing disk image stops it.
/// </summary>
public sealed class VirtInstallScriptTests
{
    private const string KernelLine = "ks=nfs:192.168.50.1:/var/xen/install/ks/kickstart.cfg ksdevice=eth0 ip=192.168.50.20 netmask=255.255.255.0 gateway=192.168.50.1 dns=192.168.50.2 console=xvc0";

    [Category(TestCategories.Tool)]
    [Test]
    public void Virt_install_0_x_gets_the_legacy_command_with_an_nfs_location()
    {
        using var scratch = new Scratch();
        var virtInstall = scratch.StandIns.VirtInstall("0.400.3", knowsOsInfo: false);

        var result = scratch.Run(virtInstall, "--connect", "xen:///");

        result.EnsureSuccess("virt-install.sh");
        Assert.That(scratch.StandIns.VirtInstallArguments(), Is.EqualTo(new[]
        {
            "--name", "web01", "--ram", "512", "--vcpus", "1", "--paravirt",
            "--location", "nfs:192.168.50.1:/var/xen/install",
            "--file", scratch.Disk, "--file-size", "8",
            "--network", "bridge:xenbr0", "--mac", "00:16:3e:12:34:56",
            "--nographics", "--extra-args", KernelLine,
            "--connect", "xen:///",
        }));
    }

    [Category(TestCategories.Tool)]
    [TestCase("2.2.1", false, TestName = "{m}(2.2.1, no --osinfo)")]
    [TestCase("4.1.0", true, TestName = "{m}(4.1.0, --osinfo detect)")]
    public void Virt_install_2_and_later_gets_the_local_tree(string version, bool knowsOsInfo)
    {
        using var scratch = new Scratch();
        var virtInstall = scratch.StandIns.VirtInstall(version, knowsOsInfo);

        var result = scratch.Run(virtInstall, "--noautoconsole");

        result.EnsureSuccess("virt-install.sh");
        string[] osInfo = knowsOsInfo ? ["--osinfo", "detect=on,require=off"] : [];
        string[] expected =
        [
            "--name", "web01", "--memory", "512", "--vcpus", "1", "--paravirt",
            "--location", scratch.Tree,
            "--disk", $"path={scratch.Disk},size=8,sparse=yes",
            "--network", "bridge=xenbr0,mac=00:16:3e:12:34:56",
            "--graphics", "none", "--extra-args", KernelLine,
            .. osInfo,
            "--noautoconsole",
        ];
        Assert.That(scratch.StandIns.VirtInstallArguments(), Is.EqualTo(expected));
    }

    [Category(TestCategories.Tool)]
    [TestCase("0.400.3", "--accelerate", TestName = "{m}(0.x: --accelerate)")]
    [TestCase("4.1.0", "--virt-type kvm", TestName = "{m}(4.x: --virt-type kvm)")]
    public void A_kvm_guest_asks_for_kvm_on_the_default_bridge(string version, string kvm)
    {
        using var scratch = new Scratch(GuestRecipes.Yaml("el9", "kvm", network: "    bridge: virbr0", dom0: "  clients: 192.168.50.0/24"));

        scratch.Run(scratch.StandIns.VirtInstall(version, knowsOsInfo: true)).EnsureSuccess("virt-install.sh");

        var arguments = scratch.StandIns.VirtInstallArguments();
        Assert.That(string.Join(' ', arguments), Does.Contain($" {kvm} ").And.Contain("virbr0").And.Not.Contain("--paravirt").And.Not.Contain("mac"));
        Assert.That(arguments[arguments.ToList().IndexOf("--extra-args") + 1], Is.EqualTo(
            "inst.ks=nfs:192.168.50.1:/var/xen/install/ks/kickstart.cfg inst.repo=nfs:192.168.50.1:/var/xen/install console=ttyS0"));
    }

    // RHEL6's python-virtinst 0.600.0 answers --version, so it takes the 0.x line; with --file
    // it would make the disk IDE (sda) while the kvm kickstart names vda.
    [Category(TestCategories.Tool)]
    [TestCase("0.600.0", true, TestName = "{m}(0.600.0, EL6: a virtio NIC too)")]
    [TestCase(null, false, TestName = "{m}(no --version, EL5: 0.400.3 would take ,model= for the bridge's name)")]
    public void A_kvm_guest_on_virt_install_0_x_gets_a_virtio_disk(string? version, bool virtioNic)
    {
        using var scratch = new Scratch(GuestRecipes.Yaml("el6", "kvm", network: "    bridge: virbr0", dom0: "  clients: 192.168.50.0/24"));
        var virtInstall = version is null
            ? scratch.StandIns.OptparseVirtInstall("Options:\n  -s DISKSIZE, --file-size=DISKSIZE")
            : scratch.StandIns.VirtInstall(version, knowsOsInfo: false);

        scratch.Run(virtInstall).EnsureSuccess("virt-install.sh");

        var arguments = scratch.StandIns.VirtInstallArguments().ToList();
        Assert.That(arguments, Does.Contain("--accelerate").And.Contain("nfs:192.168.50.1:/var/xen/install")
            .And.Not.Contain("--file").And.Not.Contain("--file-size"));
        Assert.That(arguments[arguments.IndexOf("--disk") + 1], Is.EqualTo($"path={scratch.Disk},size=8,sparse=true,bus=virtio"));
        Assert.That(arguments[arguments.IndexOf("--network") + 1], Is.EqualTo(virtioNic ? "bridge:virbr0,model=virtio" : "bridge:virbr0"));
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void An_existing_disk_image_stops_it_unless_FORCE_is_1()
    {
        using var scratch = new Scratch();
        var virtInstall = scratch.StandIns.VirtInstall("4.1.0", knowsOsInfo: true);
        File.WriteAllText(scratch.Disk, "an installed guest\n");

        var refused = scratch.Run(virtInstall);
        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.Error, Does.Contain("already exists").And.Contain(scratch.Disk).And.Contain("FORCE=1"));
        Assert.That(scratch.StandIns.Calls(), Is.Empty, "virt-install must not run");

        scratch.Run(virtInstall, new Dictionary<string, string> { ["FORCE"] = "1" }).EnsureSuccess("virt-install.sh with FORCE=1");
        Assert.That(scratch.StandIns.Calls(), Has.Count.EqualTo(1));
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void A_virt_install_whose_version_cannot_be_read_is_refused()
    {
        using var scratch = new Scratch();
        var virtInstall = scratch.StandIns.VirtInstall("virt-install: Python traceback", knowsOsInfo: false);

        var result = scratch.Run(virtInstall);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("cannot tell the version"));
        Assert.That(scratch.StandIns.Calls(), Is.Empty);
    }

    [Category(TestCategories.Tool)]
    [Test]
    public void A_virt_install_without_version_that_lists_file_size_is_taken_for_0_300()
    {
        using var scratch = new Scratch();
        var virtInstall = scratch.StandIns.VirtInstall("usage: virt-install [options]", knowsOsInfo: false, listsFileSize: true);

        scratch.Run(virtInstall).EnsureSuccess("virt-install.sh");

        Assert.That(scratch.StandIns.VirtInstallArguments(), Does.Contain("nfs:192.168.50.1:/var/xen/install").And.Contain("--file-size"));
    }

    // python-virtinst's virt-install: usage = "%prog --name NAME --ram RAM STORAGE INSTALL [options]"
    // (virt-install:329 at 17f4c68, release 0.400.3; :493 at c05cefa, 0.500.0); --version came
    // with commit aff8fb9 "Add --version commands for CLI utils" (2009-11-11), first released in
    // 0.500.1 (virtinst/version.py at cff74a5); --file-size left --help in 5c4c845 (2009-05-21,
    // help=optparse.SUPPRESS_HELP), first released in 0.500.0. Repository: python-virtinst.git.
    [Category(TestCategories.Tool)]
    [TestCase("Options:\n  -s DISKSIZE, --file-size=DISKSIZE\n                        Size of the disk image (if it does not exist) in gigabytes",
        TestName = "{m}(0.400.3: --help lists --file-size)")]
    [TestCase("Options:\n  -r MEMORY, --ram=MEMORY\n                        Memory to allocate for guest instance in megabytes",
        TestName = "{m}(0.500.0: --file-size hidden from --help)")]
    public void A_virt_install_that_rejects_version_is_taken_for_0_x_by_its_help(string help)
    {
        using var scratch = new Scratch();
        var virtInstall = scratch.StandIns.OptparseVirtInstall(help);

        var result = scratch.Run(virtInstall, "--connect", "xen:///");

        result.EnsureSuccess("virt-install.sh");
        var arguments = scratch.StandIns.VirtInstallArguments();
        Assert.That(arguments, Does.Contain("--ram").And.Contain("nfs:192.168.50.1:/var/xen/install").And.Contain("--file-size").And.Not.Contain("--disk"));
        Assert.That(scratch.StandIns.Calls(), Has.Count.EqualTo(1), "one install, after --version and --help");
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void The_scripts_say_that_help_decides_where_there_is_no_version()
    {
        var provisioning = GuestRecipes.Provision(GuestRecipes.Load(_temp, GuestRecipes.Yaml()));
        var script = provisioning.Files.Single(f => f.Path == "dom0/virt-install.sh").Text;
        var readme = provisioning.Files.Single(f => f.Path == "README.txt").Text;

        Assert.That(script, Does.Contain("No EL5 virt-install has --version").And.Not.Contain("(0.300) has no --version"));
        Assert.That(readme.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), Does.Contain("no EL5").And.Contain("--help decides"));
    }

    private readonly TempDirectory _temp = new("virt-install-words");

    [OneTimeTearDown]
    public void TearDown() => _temp.Dispose();

    [Category(TestCategories.Tool)]
    [Test]
    public void Current_virt_install_needs_the_tree_on_this_host()
    {
        using var scratch = new Scratch();
        var virtInstall = scratch.StandIns.VirtInstall("4.1.0", knowsOsInfo: true);
        File.Delete(Path.Combine(scratch.Tree, ".treeinfo"));

        var result = scratch.Run(virtInstall);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain(".treeinfo not found"));
        Assert.That(scratch.StandIns.Calls(), Is.Empty);
    }

    /// <summary>The demo's guest with its disk image in a temporary directory, and its generated scripts.</summary>
    private sealed class Scratch : IDisposable
    {
        private readonly TempDirectory _directory = new("virt-install");

        public Scratch(string? yaml = null)
        {
            Disk = _directory["images/web01.img"];
            Directory.CreateDirectory(Path.GetDirectoryName(Disk)!);
            var recipe = GuestRecipes.Load(_directory, (yaml ?? GuestRecipes.Yaml()).Replace("/var/lib/xen/images/web01.img", Disk, StringComparison.Ordinal));
            GuestRecipes.WriteFiles(GuestRecipes.Provision(recipe), _directory["bundle"]);
            Tree = InstallTrees.El5Xen(_directory["bundle/install"]);
            StandIns = new StandIns(_directory["bin"]);
        }

        public string Disk { get; }

        public string Tree { get; }

        public StandIns StandIns { get; }

        public ToolResult Run(string virtInstall, params string[] arguments) => Run(virtInstall, new Dictionary<string, string>(), arguments);

        public ToolResult Run(string virtInstall, Dictionary<string, string> environment, params string[] arguments)
        {
            environment["VIRT_INSTALL"] = virtInstall;
            environment["INSTALL_DIR"] = Tree;
            return Tool.Run(_directory["bundle/dom0/virt-install.sh"], arguments, _directory.Path, environment);
        }

        public void Dispose() => _directory.Dispose();
    }
}
