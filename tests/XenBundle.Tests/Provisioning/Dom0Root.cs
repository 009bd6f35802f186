using XenBundle.Tests.Support;

namespace XenBundle.Tests.Provisioning;

/// <summary>
/// A Dom0 in a temporary directory: an unpacked bundle (generated scripts, a small
/// install tree), an exports file with someone else's line, stand-in programs.
/// </summary>
internal sealed class Dom0Root : IDisposable
{
    /// <summary>Someone else's export, in the exports file before any setup.</summary>
    public const string OtherExport = "/srv/other 10.0.0.0/8(ro)";

    private readonly TempDirectory _directory = new("dom0-root");
    private readonly Dictionary<string, string> _environment;

    public Dom0Root(bool withExportsD)
    {
        var recipe = GuestRecipes.Load(_directory, GuestRecipes.Yaml(disk: Path("var/lib/xen/images/web01.img")));
        GuestRecipes.WriteFiles(GuestRecipes.Provision(recipe), Bundle);
        var tree = InstallTrees.El5Xen(System.IO.Path.Combine(Bundle, "install"));
        _directory.Write("bundle/install/ks/kickstart.cfg", "nfs --server=192.168.50.1 --dir=/var/xen/install\n");
        var keys = _directory.Write("bundle/install/postinstall/root/authorized_keys", "ssh-ed25519 AAAA test\n");
        File.SetUnixFileMode(keys, (UnixFileMode)0x180);
        Assert.That(tree, Is.EqualTo(System.IO.Path.Combine(Bundle, "install")));

        _directory.Write("etc/exports", OtherExport); // no newline at the end: setup.sh must add one
        if (withExportsD)
        {
            Directory.CreateDirectory(ExportsD);
        }

        StandIns = new StandIns(Path("bin"));
        _environment = new Dictionary<string, string>
        {
            ["EXPORT_DIR"] = ExportDir,
            ["EXPORTS_FILE"] = ExportsFile,
            ["EXPORTS_D"] = ExportsD,
            ["SYSTEMCTL"] = StandIns.Recorder("systemctl"),
            ["SERVICE"] = StandIns.Recorder("service"),
            ["EXPORTFS"] = StandIns.Recorder("exportfs"),
            ["VIRT_INSTALL"] = StandIns.VirtInstall("4.1.0", knowsOsInfo: true),
        };
    }

    public string Bundle => Path("bundle");

    public string ExportDir => Path("var/xen/install");

    public string ExportsFile => Path("etc/exports");

    public string ExportsD => Path("etc/exports.d");

    public StandIns StandIns { get; }

    public string ExpectedExportLine => $"{ExportDir} 192.168.50.20(ro,sync,no_root_squash) 192.168.50.1(ro,sync,no_root_squash)";

    public string Path(string relative) => _directory[relative];

    public ToolResult Setup(params string[] arguments) => Run("setup.sh", arguments, null);

    public ToolResult Setup(Dictionary<string, string> environment, params string[] arguments) => Run("setup.sh", arguments, environment);

    public ToolResult Teardown(params string[] arguments) => Run("teardown.sh", arguments, null);

    public ToolResult Teardown(Dictionary<string, string> environment, params string[] arguments) => Run("teardown.sh", arguments, environment);

    /// <summary>Every file and directory under the root, with mode and content; links with their targets.</summary>
    public List<string> Snapshot() =>
        Directory.EnumerateFileSystemEntries(_directory.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => new FileInfo(p).LinkTarget is { } target
                ? $"{p} -> {target}"
                : $"{p} {File.GetUnixFileMode(p)} {(File.Exists(p) ? File.ReadAllText(p) : "dir")}")
            .ToList();

    public void Dispose() => _directory.Dispose();

    private ToolResult Run(string script, string[] arguments, Dictionary<string, string>? extra)
    {
        var environment = new Dictionary<string, string>(_environment);
        foreach (var (key, value) in extra ?? [])
        {
            environment[key] = value;
        }

        return Tool.Run(System.IO.Path.Combine(Bundle, "dom0", script), arguments, _directory.Path, environment);
    }
}
