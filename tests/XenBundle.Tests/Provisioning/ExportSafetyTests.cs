using XenBundle.Tests.Support;

namespace XenBundle.Tests.Provisioning;

/// <summary>
/// The NFS export stays read-only and scoped: setup.sh refuses, before it changes
/// anything, to add its export where someone else exports the same directory (that would
/// widen their export) or exports one above or below it read-write (the tree would be
/// writable through it); the line it writes is read-only whatever the environment says;
/// teardown.sh leaves no trace of it.
/// </summary>
[Category(TestCategories.Tool)]
public sealed class ExportSafetyTests
{
    [TestCase("{0} *(rw,no_root_squash)", 2)]
    [TestCase("{0}/ 10.0.0.5(ro)", 2)]
    [TestCase("\"{0}\" 10.0.0.5(ro)", 2)]
    [TestCase("# BEGIN xenbundle web02: added by setup.sh, removed by teardown.sh\n{0} 10.0.0.9(ro,sync,no_subtree_check,no_root_squash)\n# END xenbundle web02", 3)]
    public void Setup_refuses_to_widen_an_export_of_the_same_directory_it_did_not_write(string line, int number)
    {
        using var root = new Dom0Root(withExportsD: false);
        var existing = string.Format(System.Globalization.CultureInfo.InvariantCulture, line, root.ExportDir);
        File.WriteAllText(root.ExportsFile, $"{Dom0Root.OtherExport}\n{existing}\n");
        var before = root.Snapshot();

        var result = root.Setup();

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(Refusal(result), Does.StartWith($"setup.sh: {root.ExportsFile}:{number}: ").And.Contain($"{root.ExportDir} is exported there already, and not by this bundle: adding this bundle's export would widen it"));
        Assert.That(root.Snapshot(), Is.EqualTo(before), "nothing changed: no tree copied, no line added");
        Assert.That(root.StandIns.Calls(), Is.Empty, "no exportfs, no NFS server, no virt-install");
    }

    [Test]
    public void Setup_refuses_an_export_of_the_same_directory_in_another_exports_d_file()
    {
        using var root = new Dom0Root(withExportsD: true);
        File.WriteAllText(Path.Combine(root.ExportsD, "site.exports"), $"{root.ExportDir} 10.0.0.0/8(ro)\n");

        var result = root.Setup("--dry-run");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(Refusal(result), Does.StartWith($"setup.sh: {root.ExportsD}/site.exports:1: "));
        Assert.That(result.Output, Does.Not.Contain("would run"), "it stops before the first step");
    }

    [TestCase("{1} 10.0.0.5(rw)", "above it")]
    [TestCase("{1} 10.0.0.5(ro) \\\n    10.0.0.6(sync,rw)", "above it, read-write on a continued line")]
    [TestCase("{1} -rw 10.0.0.5", "above it, with a default option")]
    [TestCase("{0}/ks 10.0.0.5(no_root_squash,rw)", "below it")]
    public void Setup_refuses_a_read_write_export_above_or_below_the_directory(string line, string why)
    {
        using var root = new Dom0Root(withExportsD: false);
        var parent = Path.GetDirectoryName(root.ExportDir)!;
        File.WriteAllText(root.ExportsFile, string.Format(System.Globalization.CultureInfo.InvariantCulture, line, root.ExportDir, parent) + "\n");

        var result = root.Setup();

        Assert.That(result.ExitCode, Is.EqualTo(1), why);
        Assert.That(Refusal(result), Does.Contain("that export is read-write and holds").And.Contain("the install tree would be writable through it"), why);
        Assert.That(root.StandIns.Calls(), Is.Empty);
    }

    [TestCase("{r}/var//xen/install *(rw)", "same", TestName = "{m}(a double slash)")]
    [TestCase("{r}/var/xen/./install 10.0.0.5(ro)", "same", TestName = "{m}(a dot)")]
    [TestCase("{r}/var/xen/ks/../install 10.0.0.5(ro)", "same", TestName = "{m}(a dot-dot)")]
    [TestCase("{r}/var/xen/\\151nstall 10.0.0.5(ro)", "same", TestName = "{m}(an octal escape)")]
    [TestCase("\"{r}/var/xen/\"inst\"all\" 10.0.0.5(ro)", "same", TestName = "{m}(quotes inside the path)")]
    [TestCase("{r}/srv/tree/install 10.0.0.5(ro)", "same", TestName = "{m}(a link to the directory's parent)")]
    [TestCase("{r}/var/./xen *(rw)", "rw", TestName = "{m}(read-write above, with a dot)")]
    [TestCase("{r}/var/\\170en 10.0.0.5(rw)", "rw", TestName = "{m}(read-write above, octal)")]
    [TestCase("{r}/srv/tree 10.0.0.5(rw)", "rw", TestName = "{m}(read-write above, through a link)")]
    [TestCase("{r}/var/xen/install//ks/ 10.0.0.5(rw)", "rw", TestName = "{m}(read-write below, with slashes)")]
    [TestCase("{r}/srv/kslink 10.0.0.5(rw)", "rw", TestName = "{m}(read-write below, through a link)")]
    [TestCase("{r}/var/xen\v*(rw)", "rw", TestName = "{m}(read-write above, a vertical tab before the clients, as exportfs splits)")]
    [TestCase("{r}/var/xen/install\r", "same", TestName = "{m}(a CRLF line with no clients)")]
    public void Setup_compares_exported_directories_canonically(string line, string kind)
    {
        using var root = new Dom0Root(withExportsD: true);
        Directory.CreateDirectory(root.Path("srv"));
        File.CreateSymbolicLink(root.Path("srv/tree"), root.Path("var/xen"));
        File.CreateSymbolicLink(root.Path("srv/kslink"), root.Path("var/xen/install/ks"));
        var site = Path.Combine(root.ExportsD, "site.exports");
        File.WriteAllText(site, "# another spelling of the same directory\n" + line.Replace("{r}", root.Path(string.Empty).TrimEnd('/'), StringComparison.Ordinal) + "\n");
        var before = root.Snapshot();

        var result = root.Setup();

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(Refusal(result), Does.StartWith($"setup.sh: {site}:2: ").And.Contain(kind == "same" ? "is exported there already, and not by this bundle" : "that export is read-write"));
        Assert.That(root.Snapshot(), Is.EqualTo(before));
        Assert.That(root.StandIns.Calls(), Is.Empty);
    }

    [TestCase("{r}/var/xen/install\\040old *(rw)", TestName = "{m}(an escaped space makes another directory)")]
    [TestCase("\"{r}/var/xen/install old\" *(rw)", TestName = "{m}(a quoted space makes another directory)")]
    [TestCase("{r}/var/xen/installer *(rw)", TestName = "{m}(a longer name)")]
    [TestCase("{r}/var/./xen 10.0.0.5(ro)", TestName = "{m}(read-only above)")]
    public void Other_directories_in_other_spellings_are_left_alone(string line)
    {
        using var root = new Dom0Root(withExportsD: false);
        var existing = line.Replace("{r}", root.Path(string.Empty).TrimEnd('/'), StringComparison.Ordinal);
        File.WriteAllText(root.ExportsFile, existing + "\n");

        root.Setup().EnsureSuccess("setup.sh");

        Assert.That(File.ReadAllLines(root.ExportsFile), Has.One.EqualTo(existing).And.One.EqualTo(root.ExpectedExportLine));
    }

    [TestCase("{1} 10.0.0.5(ro)")]
    [TestCase("{0}er 10.0.0.5(rw)")]
    [TestCase("# {0} *(rw)")]
    [TestCase("/srv/trees 10.0.0.5(rw)")]
    public void Exports_that_do_not_reach_the_tree_read_write_are_left_alone(string line)
    {
        using var root = new Dom0Root(withExportsD: false);
        var existing = string.Format(System.Globalization.CultureInfo.InvariantCulture, line, root.ExportDir, Path.GetDirectoryName(root.ExportDir));
        File.WriteAllText(root.ExportsFile, existing + "\n");

        root.Setup().EnsureSuccess("setup.sh");

        Assert.That(File.ReadAllLines(root.ExportsFile), Has.One.EqualTo(existing).And.One.EqualTo(root.ExpectedExportLine));
    }

    [Test]
    public void The_export_written_is_read_only_and_scoped_whatever_the_environment_says()
    {
        using var root = new Dom0Root(withExportsD: false);

        root.Setup(new Dictionary<string, string> { ["EXPORT_CLIENTS"] = "*(rw,no_root_squash)", ["OPTIONS"] = "rw" }).EnsureSuccess("setup.sh");

        var ours = File.ReadAllLines(root.ExportsFile).Where(l => l.StartsWith(root.ExportDir, StringComparison.Ordinal)).ToList();
        Assert.That(ours, Is.EqualTo(new[] { root.ExpectedExportLine }));
        Assert.That(ours.Single().Split(' ').Skip(1), Has.All.EndWith("(ro,sync,no_subtree_check,no_root_squash)").And.None.StartWith("*"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Teardown_leaves_no_export_of_the_directory_anywhere(bool withExportsD)
    {
        using var root = new Dom0Root(withExportsD);
        root.Setup().EnsureSuccess("setup.sh");

        root.Teardown().EnsureSuccess("teardown.sh");

        var files = new[] { root.ExportsFile }.Concat(withExportsD ? Directory.GetFiles(root.ExportsD) : []);
        Assert.That(files.SelectMany(File.ReadAllLines), Has.None.Contain(root.ExportDir));
        Assert.That(root.StandIns.Calls()[^1], Is.EqualTo("exportfs -ra"), "the NFS server is told last");
        root.Setup().EnsureSuccess("setup.sh again after teardown");
    }

    /// <summary>The last line on stderr: the refusal (a note about EXPORT_DIR may come before it).</summary>
    private static string Refusal(ToolResult result) => result.Error.TrimEnd('\n').Split('\n')[^1];
}
