using XenBundle.Tests.Support;

namespace XenBundle.Tests.Provisioning;

/// <summary>
/// setup.sh copies into, and teardown.sh --remove-tree deletes, only a directory that
/// carries this bundle's marker file .xenbundle-export (or an empty or missing one, which
/// setup.sh marks before copying): a recipe or an EXPORT_DIR that names a directory with
/// other content (root's home, a system directory) changes nothing. A rerun replaces the
/// tree exactly, with its hard links, and keeps the marker.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class ExportMarkerTests
{
    private const string Marker = ".xenbundle-export";

    private const string MarkerLine = "xenbundle-export recipe=demo guest=web01";

    /// <summary>With rsync (rsync -aH --delete), and without it (find, rm, cp -a).</summary>
    private static readonly object[] CopyModes = [new object[] { "rsync" }, new object[] { "no rsync" }];

    [TestCase(null, TestName = "{m}(no marker: someone's home with .ssh)")]
    [TestCase("xenbundle-export recipe=other guest=web01", TestName = "{m}(the marker of another recipe)")]
    [TestCase("xenbundle-export recipe=demo guest=web02", TestName = "{m}(the marker of another guest)")]
    public void Setup_refuses_a_non_empty_directory_without_its_marker_and_changes_nothing(string? marker)
    {
        using var root = new Dom0Root(withExportsD: false);
        Directory.CreateDirectory(Path.Combine(root.ExportDir, ".ssh"));
        File.WriteAllText(Path.Combine(root.ExportDir, ".ssh/authorized_keys"), "ssh-ed25519 AAAA admin\n");
        if (marker is not null)
        {
            File.WriteAllText(Path.Combine(root.ExportDir, Marker), marker + "\n");
        }

        var before = root.Snapshot();

        var result = root.Setup();

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain($"setup.sh: {root.ExportDir} is not empty and has no {Marker} naming this bundle ('{MarkerLine}')"));
        Assert.That(root.Snapshot(), Is.EqualTo(before), "no key replaced, no line added");
        Assert.That(root.StandIns.Calls(), Is.Empty);
    }

    [Test]
    public void A_marker_that_is_a_link_does_not_count()
    {
        using var root = new Dom0Root(withExportsD: false);
        Directory.CreateDirectory(root.ExportDir);
        File.WriteAllText(Path.Combine(root.ExportDir, "data"), "someone's\n");
        File.WriteAllText(root.Path("elsewhere"), MarkerLine + "\n");
        File.CreateSymbolicLink(Path.Combine(root.ExportDir, Marker), root.Path("elsewhere"));

        Assert.That(root.Setup().ExitCode, Is.EqualTo(1));
        Assert.That(File.ReadAllText(Path.Combine(root.ExportDir, "data")), Is.EqualTo("someone's\n"));
    }

    [TestCaseSource(nameof(CopyModes))]
    public void Setup_marks_the_directory_and_a_rerun_replaces_the_tree_exactly(string mode)
    {
        using var root = new Dom0Root(withExportsD: false);
        var environment = Environment(root, mode);
        root.Setup(environment).EnsureSuccess("first setup.sh");
        Assert.That(File.ReadAllText(Path.Combine(root.ExportDir, Marker)), Is.EqualTo(MarkerLine + "\n"));

        File.WriteAllText(Path.Combine(root.ExportDir, "ks/stale.cfg"), "left by hand\n");
        File.WriteAllText(Path.Combine(root.ExportDir, "ks/kickstart.cfg"), "changed by hand\n");
        File.Delete(Path.Combine(root.Bundle, "install/images/stage2.img"));
        root.Setup(environment).EnsureSuccess("second setup.sh");

        Assert.That(Listing(root.ExportDir), Is.EqualTo(Listing(Path.Combine(root.Bundle, "install")).Append(Marker).Order(StringComparer.Ordinal)));
        Assert.That(File.ReadAllText(Path.Combine(root.ExportDir, "ks/kickstart.cfg")), Is.EqualTo("nfs --server=192.168.50.1 --dir=/var/xen/install\n"));
        Assert.That(File.ReadAllText(Path.Combine(root.ExportDir, Marker)), Is.EqualTo(MarkerLine + "\n"), "the marker stays");
    }

    [TestCaseSource(nameof(CopyModes))]
    public void A_marker_inside_the_install_tree_is_not_copied_over_the_real_one(string mode)
    {
        using var root = new Dom0Root(withExportsD: false);
        File.WriteAllText(Path.Combine(root.Bundle, "install", Marker), "xenbundle-export recipe=demo guest=web01 planted by the media\n");

        root.Setup(Environment(root, mode)).EnsureSuccess("setup.sh");

        Assert.That(File.ReadAllText(Path.Combine(root.ExportDir, Marker)), Is.EqualTo(MarkerLine + "\n"));
    }

    [TestCaseSource(nameof(CopyModes))]
    public void Hard_links_of_the_tree_stay_hard_links_in_the_export(string mode)
    {
        using var root = new Dom0Root(withExportsD: false);
        var original = Path.Combine(root.Bundle, "install/images/xen/vmlinuz");
        Tool.Run("ln", [original, Path.Combine(root.Bundle, "install/images/vmlinuz-link")]).EnsureSuccess("ln");

        root.Setup(Environment(root, mode)).EnsureSuccess("setup.sh");

        var result = Tool.Run("stat", ["-c", "%i %h", Path.Combine(root.ExportDir, "images/xen/vmlinuz"), Path.Combine(root.ExportDir, "images/vmlinuz-link")]);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.That(lines[0], Is.EqualTo(lines[1]).And.EndWith(" 2"), "one inode, two names");
    }

    [Test]
    public void Setup_copies_into_an_empty_directory_that_exists()
    {
        using var root = new Dom0Root(withExportsD: false);
        Directory.CreateDirectory(root.ExportDir);

        root.Setup().EnsureSuccess("setup.sh");

        Assert.That(File.Exists(Path.Combine(root.ExportDir, ".treeinfo")), Is.True);
    }

    [TestCase(null, TestName = "{m}(no marker, but a .treeinfo)")]
    [TestCase("xenbundle-export recipe=other guest=web01", TestName = "{m}(the marker of another recipe)")]
    public void Teardown_remove_tree_refuses_a_directory_without_its_marker_and_changes_nothing(string? marker)
    {
        using var root = new Dom0Root(withExportsD: false);
        root.Setup().EnsureSuccess("setup.sh");
        File.Delete(Path.Combine(root.ExportDir, Marker));
        if (marker is not null)
        {
            File.WriteAllText(Path.Combine(root.ExportDir, Marker), marker + "\n");
        }

        var before = root.Snapshot();
        var calls = root.StandIns.Calls().Count;

        var result = root.Teardown("--remove-tree");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain($"teardown.sh: {root.ExportDir} has no {Marker} naming this bundle ('{MarkerLine}'): not removing a directory setup.sh did not make"));
        Assert.That(root.Snapshot(), Is.EqualTo(before), "the tree and the export stay");
        Assert.That(root.StandIns.Calls(), Has.Count.EqualTo(calls), "exportfs was not run");
    }

    [TestCase("/etc/xenbundle-test", "is in the system directory /etc", TestName = "{m}(inside /etc)")]
    [TestCase("/root/tree", "is in the system directory /root", TestName = "{m}(inside /root)")]
    [TestCase("/var/lib", "holds the system directory /var/lib/containers", TestName = "{m}(holding system directories)")]
    [TestCase("/var/lib/mysql", "is the system directory /var/lib/mysql", TestName = "{m}(a system directory itself)")]
    [TestCase("/srv/../usr/share/tree", null, TestName = "{m}(a path with '..')")]
    [TestCase("/srv", null, TestName = "{m}(one level deep)")]
    public void An_EXPORT_DIR_that_is_not_a_directory_of_its_own_is_refused(string exportDir, string? why)
    {
        using var root = new Dom0Root(withExportsD: false);
        var environment = new Dictionary<string, string> { ["EXPORT_DIR"] = exportDir };

        var setup = root.Setup(environment, "--dry-run");
        var teardown = root.Teardown(environment, "--dry-run", "--remove-tree");

        foreach (var result in new[] { setup, teardown })
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Output, Does.Not.Contain("would"), "it stops before the first step");
            if (why is not null)
            {
                Assert.That(result.Error, Does.Contain($"EXPORT_DIR {exportDir} {why}: "));
            }
        }
    }

    [Test]
    public void An_EXPORT_DIR_whose_parent_links_into_a_system_directory_is_refused()
    {
        using var root = new Dom0Root(withExportsD: false);
        Directory.CreateDirectory(root.Path("var"));
        File.CreateSymbolicLink(root.Path("var/xen"), "/usr/share");

        var result = root.Setup("--dry-run");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain($"EXPORT_DIR {root.ExportDir} (really /usr/share/install) is in the system directory /usr"));
        Assert.That(Directory.Exists("/usr/share/install"), Is.False);
    }

    private static Dictionary<string, string> Environment(Dom0Root root, string mode)
    {
        if (mode == "rsync")
        {
            Tool.Require("rsync");
            return [];
        }

        return new Dictionary<string, string> { ["RSYNC"] = root.Path("no/such/rsync") };
    }

    /// <summary>Every path under the directory, relative, in order.</summary>
    private static IEnumerable<string> Listing(string directory) =>
        Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(directory, p)).Order(StringComparer.Ordinal);
}
