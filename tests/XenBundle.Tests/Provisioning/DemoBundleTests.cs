using XenBundle.Tests.Support;

namespace XenBundle.Tests.Provisioning;

/// <summary>
/// ./build.sh on the demo, as a user runs it: the bundle carries the Dom0 files with
/// their modes, the scripts pass shellcheck, the bundle's own virt-install.sh is accepted
/// by virt-install against libvirt's test driver, and the report shows the commands.
/// </summary>
[Category(TestCategories.EndToEnd)]
public sealed class DemoBundleTests
{
    [Test]
    public void The_demo_bundle_carries_working_dom0_scripts()
    {
        using var directory = new TempDirectory("demo-bundle");
        var artifacts = directory["artifacts"];
        BuildScript.Run("--artifacts=" + artifacts).EnsureSuccess("./build.sh");
        var tarball = Path.Combine(artifacts, "demo-1.0.0.tar.gz");

        var listing = Tool.Run("tar", "-tvzf", tarball).EnsureSuccess("tar -t").Output.Split('\n');
        Assert.Multiple(() =>
        {
            foreach (var script in new[] { "setup.sh", "teardown.sh", "virt-install.sh" })
            {
                Assert.That(listing, Has.One.Match(@"^-rwxr-xr-x .* demo-1\.0\.0/dom0/" + script.Replace(".", @"\.", StringComparison.Ordinal) + "$"), script + " is 0755");
            }

            Assert.That(listing, Has.One.Match(@"^-rw-r--r-- .* demo-1\.0\.0/dom0/exports$"));
            Assert.That(listing, Has.One.Match(@"^-rw-r--r-- .* demo-1\.0\.0/README\.txt$"));
        });

        var unpacked = directory["unpacked"];
        Directory.CreateDirectory(unpacked);
        Tool.Run("tar", "-xzf", tarball, "-C", unpacked).EnsureSuccess("tar -x");
        var bundle = Path.Combine(unpacked, "demo-1.0.0");
        var scripts = Directory.GetFiles(Path.Combine(bundle, "dom0"), "*.sh").Order(StringComparer.Ordinal).ToArray();
        Assert.That(scripts, Has.Length.EqualTo(3));
        var shellcheck = Tool.Run("shellcheck", ["-S", "warning", "--format=gcc", .. scripts]);
        Assert.That(shellcheck.ExitCode, Is.Zero, shellcheck.Output + shellcheck.Error);

        // The merged tree's .treeinfo (from disc 1) names images/xen: virt-install accepts it.
        var dryRun = Tool.Run(Path.Combine(bundle, "dom0/virt-install.sh"), ["--connect", "test:///default", "--dry-run"], bundle, new Dictionary<string, string>
        {
            ["INSTALL_DIR"] = Path.Combine(bundle, "install"),
            ["HOME"] = directory["home"],
            ["XDG_CACHE_HOME"] = directory["cache"],
        });
        dryRun.EnsureSuccess("the bundle's virt-install.sh --dry-run");

        var report = File.ReadAllText(Path.Combine(artifacts, "demo-1.0.0.report.md"));
        Assert.That(report, Does.Contain("## Dom0 provisioning")
            .And.Contain("--location 'nfs:192.168.50.1:/var/xen/install'")
            .And.Contain("--location '/var/xen/install'")
            .And.Contain("/var/xen/install 192.168.50.20(ro,sync,no_subtree_check,no_root_squash)"));
        Assert.That(File.ReadAllText(Path.Combine(bundle, "README.txt")), Does.Contain("dom0/setup.sh --dry-run").And.Contain("web01"));
    }
}
