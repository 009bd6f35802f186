using XenBundle.Tests.Support;

namespace XenBundle.Tests.Provisioning;

/// <summary>
/// dom0/setup.sh and dom0/teardown.sh against a temporary root: every system path and
/// program they use is pointed into it through their environment variables, so they run
/// without root, without NFS and without a hypervisor.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class SetupTeardownTests
{
    [Test]
    public void The_export_is_in_the_exports_file_once_after_two_setups_and_gone_after_teardown()
    {
        using var root = new Dom0Root(withExportsD: false);

        root.Setup().EnsureSuccess("first setup.sh");
        root.Setup().EnsureSuccess("second setup.sh");

        var exports = File.ReadAllLines(root.ExportsFile);
        Assert.That(exports.Count(l => l == root.ExpectedExportLine), Is.EqualTo(1), string.Join('\n', exports));
        Assert.That(exports[0], Is.EqualTo(Dom0Root.OtherExport), "the line that was there stays, and keeps its own line");
        Assert.That(exports.Count(l => l.StartsWith("# BEGIN xenbundle web01", StringComparison.Ordinal)), Is.EqualTo(1));

        root.Teardown().EnsureSuccess("teardown.sh");

        Assert.That(File.ReadAllText(root.ExportsFile), Is.EqualTo(Dom0Root.OtherExport + "\n"));
        Assert.That(root.StandIns.Calls().Count(c => c == "exportfs -ra"), Is.EqualTo(3), "two setups and a teardown");
        Assert.That(Directory.Exists(root.ExportDir), Is.True, "the tree stays without --remove-tree");
    }

    [Test]
    public void Setup_and_teardown_add_sbin_to_the_PATH_their_programs_are_looked_up_in()
    {
        using var root = new Dom0Root(withExportsD: false);
        var seen = root.Path("bin/exportfs.path");
        var exportfs = root.Path("bin/path-exportfs");
        File.WriteAllText(exportfs, $"#!/bin/bash\necho \"$PATH\" >>'{seen}'\n");
        File.SetUnixFileMode(exportfs, (UnixFileMode)0x1ED);
        // As sudo or su leave it on EL5 and EL6: no /sbin, no /usr/sbin.
        var environment = new Dictionary<string, string> { ["EXPORTFS"] = exportfs, ["PATH"] = "/usr/bin:/bin" };

        root.Setup(environment).EnsureSuccess("setup.sh");
        root.Teardown(environment).EnsureSuccess("teardown.sh");

        Assert.That(File.ReadAllLines(seen), Is.EqualTo(new[] { "/usr/bin:/bin:/sbin:/usr/sbin", "/usr/bin:/bin:/sbin:/usr/sbin" }));
    }

    [Test]
    public void With_an_exports_d_directory_the_export_is_a_file_of_its_own()
    {
        using var root = new Dom0Root(withExportsD: true);

        root.Setup().EnsureSuccess("first setup.sh");
        root.Setup().EnsureSuccess("second setup.sh");

        var dropIn = Path.Combine(root.ExportsD, "xenbundle-web01.exports");
        Assert.That(File.ReadAllLines(dropIn).Where(l => !l.StartsWith('#')), Is.EqualTo(new[] { root.ExpectedExportLine }));
        Assert.That(File.ReadAllText(root.ExportsFile), Is.EqualTo(Dom0Root.OtherExport), "the exports file is not touched");

        root.Teardown().EnsureSuccess("teardown.sh");

        Assert.That(File.Exists(dropIn), Is.False);
        Assert.That(File.ReadAllText(root.ExportsFile), Is.EqualTo(Dom0Root.OtherExport));
    }

    [Test]
    public void Setup_copies_the_tree_with_its_modes_starts_NFS_and_runs_virt_install_on_it()
    {
        using var root = new Dom0Root(withExportsD: false);

        root.Setup("--", "--noautoconsole").EnsureSuccess("setup.sh");

        Assert.That(File.ReadAllText(Path.Combine(root.ExportDir, "ks/kickstart.cfg")), Is.EqualTo("nfs --server=192.168.50.1 --dir=/var/xen/install\n"));
        Assert.That(File.GetUnixFileMode(Path.Combine(root.ExportDir, "postinstall/root/authorized_keys")), Is.EqualTo((UnixFileMode)0x180), "0600 stays 0600");
        Assert.That(root.StandIns.Calls(), Is.EqualTo(new[]
        {
            "systemctl is-active --quiet rpcbind",
            "systemctl start rpcbind",
            "systemctl is-active --quiet nfs-server",
            "systemctl start nfs-server",
            "exportfs -ra",
            $"virt-install {string.Join(' ', root.StandIns.VirtInstallArguments())}",
        }));
        var arguments = root.StandIns.VirtInstallArguments();
        Assert.That(arguments[arguments.ToList().IndexOf("--location") + 1], Is.EqualTo(root.ExportDir), "virt-install reads the copied tree");
        Assert.That(arguments[^1], Is.EqualTo("--noautoconsole"), "arguments after -- reach virt-install");
    }

    [Test]
    public void Without_systemctl_the_SysV_service_starts_NFS()
    {
        using var root = new Dom0Root(withExportsD: false);

        root.Setup(environment: new() { ["SYSTEMCTL"] = root.Path("no/such/systemctl") }).EnsureSuccess("setup.sh");

        Assert.That(root.StandIns.Calls().Take(4), Is.EqualTo(new[] { "service portmap status", "service portmap start", "service nfs status", "service nfs start" }));
    }

    [Test]
    public void On_an_EL6_Dom0_without_systemctl_rpcbind_starts_before_NFS()
    {
        using var root = new Dom0Root(withExportsD: false);
        File.Move(root.Path("etc/init.d/portmap"), root.Path("etc/init.d/rpcbind"));

        root.Setup(environment: new() { ["SYSTEMCTL"] = root.Path("no/such/systemctl") }).EnsureSuccess("setup.sh");

        Assert.That(root.StandIns.Calls().Take(4), Is.EqualTo(new[] { "service rpcbind status", "service rpcbind start", "service nfs status", "service nfs start" }));
    }

    [TestCase("var/lib/xen", TestName = "{m}(the disk's grandparent)")]
    [TestCase("xen-link", TestName = "{m}(a link to the disk's grandparent)")]
    public void A_guest_disk_inside_EXPORT_DIR_is_refused_before_anything_changes(string exportDir)
    {
        using var root = new Dom0Root(withExportsD: false);
        Directory.CreateDirectory(root.Path("var/lib/xen"));
        File.CreateSymbolicLink(root.Path("xen-link"), root.Path("var/lib/xen"));
        var before = root.Snapshot();

        var result = root.Setup(new Dictionary<string, string> { ["EXPORT_DIR"] = root.Path(exportDir) }, "--force");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain($"the guest's disk {root.Path("var/lib/xen/images/web01.img")} lies inside EXPORT_DIR {root.Path(exportDir)}"));
        Assert.That(root.Snapshot(), Is.EqualTo(before));
        Assert.That(root.StandIns.Calls(), Is.Empty);
    }

    [Test]
    public void Setup_dry_run_changes_nothing_and_says_every_step()
    {
        using var root = new Dom0Root(withExportsD: false);
        var before = root.Snapshot();

        var result = root.Setup("--dry-run");

        result.EnsureSuccess("setup.sh --dry-run");
        Assert.That(root.Snapshot(), Is.EqualTo(before));
        Assert.That(root.StandIns.Calls(), Is.Empty, "no program was run");
        Assert.That(result.Output, Does.Contain($"would run: mkdir -p {root.ExportDir}")
            .And.Contain($"would write {root.ExportDir}/.xenbundle-export: xenbundle-export recipe=demo guest=web01")
            .And.Contain(Tool.Which("rsync") is null
                ? $"would run: find {root.Bundle}/install -mindepth 1 -maxdepth 1 ! -name .xenbundle-export -exec cp -a -t {root.ExportDir}"
                : $"would run: rsync -aH --delete --exclude=/.xenbundle-export {root.Bundle}/install/ {root.ExportDir}/")
            .And.Contain($"would add to {root.ExportsFile}: {root.ExpectedExportLine}")
            .And.Contain("start nfs-server")
            .And.Contain("exportfs -ra")
            .And.Contain($"would run: INSTALL_DIR={root.ExportDir} {root.Bundle}/dom0/virt-install.sh"));
    }

    [Test]
    public void Teardown_remove_tree_removes_the_copied_tree()
    {
        using var root = new Dom0Root(withExportsD: false);
        root.Setup().EnsureSuccess("setup.sh");

        root.Teardown("--remove-tree").EnsureSuccess("teardown.sh --remove-tree");

        Assert.That(Directory.Exists(root.ExportDir), Is.False);
        Assert.That(File.Exists(Path.Combine(root.Bundle, "install/.treeinfo")), Is.True, "the bundle itself stays");
    }

    [Test]
    public void Unknown_arguments_are_refused()
    {
        using var root = new Dom0Root(withExportsD: false);

        var result = root.Setup("--noautoconsole");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("unknown argument '--noautoconsole'").And.Contain("usage: setup.sh"));
        Assert.That(root.StandIns.Calls(), Is.Empty);
    }
}
