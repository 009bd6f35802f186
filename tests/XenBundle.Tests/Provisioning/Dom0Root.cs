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

    /// <summary>The part of EL5's /etc/sysconfig/nfs about mountd: its port commented out.</summary>
    public const string SysconfigNfs = "# Port rpc.mountd should listen on.\n#MOUNTD_PORT=892\n";

    private readonly TempDirectory _directory = new("dom0-root");
    private readonly Dictionary<string, string> _environment;

    /// <param name="withExportsD">whether /etc/exports.d exists</param>
    /// <param name="network">the body of the recipe's domu.network (default: static 192.168.50.20 on xenbr0)</param>
    /// <param name="dom0">extra dom0 keys of the recipe</param>
    /// <param name="virt">the recipe's virt</param>
    public Dom0Root(bool withExportsD, string network = GuestRecipes.StaticNetwork, string dom0 = "", string virt = "xen-pv")
    {
        var recipe = GuestRecipes.Load(_directory, GuestRecipes.Yaml(virt: virt, network: network, dom0: dom0, disk: Path("var/lib/xen/images/web01.img")));
        GuestRecipes.WriteFiles(GuestRecipes.Provision(recipe), Bundle);
        var tree = InstallTrees.El5Xen(System.IO.Path.Combine(Bundle, "install"));
        _directory.Write("bundle/install/ks/kickstart.cfg", "nfs --server=192.168.50.1 --dir=/var/xen/install\n");
        var keys = _directory.Write("bundle/install/postinstall/root/authorized_keys", "ssh-ed25519 AAAA test\n");
        File.SetUnixFileMode(keys, (UnixFileMode)0x180);
        Assert.That(tree, Is.EqualTo(System.IO.Path.Combine(Bundle, "install")));

        _directory.Write("etc/exports", OtherExport); // no newline at the end: setup.sh must add one
        _directory.Write("etc/sysconfig/nfs", SysconfigNfs);
        _directory.Write("etc/init.d/portmap", "#!/bin/sh\n");
        _directory.Write("etc/init.d/nfs", "#!/bin/sh\n");
        Directory.CreateDirectory(Path("sys/class/net/xenbr0/bridge"));
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
            ["SYSTEMCTL"] = StandIns.Systemctl("rpcbind nfs-server"),
            ["SERVICE"] = StandIns.Recorder("service"),
            ["EXPORTFS"] = StandIns.Recorder("exportfs"),
            ["VIRT_INSTALL"] = StandIns.VirtInstall("4.1.0", knowsOsInfo: true),
            ["IPTABLES"] = StandIns.Iptables(filtering: false),
            ["FIREWALL_CMD"] = Path("no/such/firewall-cmd"),
            ["VIRSH"] = StandIns.Virsh("xen"),
            ["XM"] = Path("no/such/xm"),
            ["DF"] = StandIns.Df(100L * 1024 * 1024),
            ["SYS_NET"] = Path("sys/class/net"),
            ["DEV_KVM"] = Path("dev/kvm"),
            ["INIT_D"] = Path("etc/init.d"),
            ["NFS_SYSCONFIG"] = Path("etc/sysconfig/nfs"),
            ["STATE_DIR"] = Path("var/lib/xenbundle"),
            ["RPCINFO"] = StandIns.Rpcinfo(Path("etc/sysconfig/nfs")),
            ["NFT"] = Path("no/such/nft"),
        };
        WriteSums();
    }

    public string Bundle => Path("bundle");

    public string ExportDir => Path("var/xen/install");

    public string ExportsFile => Path("etc/exports");

    public string ExportsD => Path("etc/exports.d");

    public string SysconfigFile => Path("etc/sysconfig/nfs");

    public string StateFile => Path("var/lib/xenbundle/web01.firewall");

    /// <summary>
    /// Whether SHA256SUMS is written afresh for the bundle as it is before each run (as an
    /// unpacked bundle has it); false keeps the last one, to see a changed file caught.
    /// </summary>
    public bool RefreshSums { get; set; } = true;

    public StandIns StandIns { get; }

    public string ExpectedExportLine => $"{ExportDir} 192.168.50.20(ro,sync,no_subtree_check,no_root_squash) 192.168.50.1(ro,sync,no_subtree_check,no_root_squash)";

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

    private void WriteSums()
    {
        var sums = System.IO.Path.Combine(Bundle, "SHA256SUMS");
        var lines = Directory.EnumerateFiles(Bundle, "*", SearchOption.AllDirectories)
            .Where(f => f != sums)
            .Select(f => System.IO.Path.GetRelativePath(Bundle, f))
            .Order(StringComparer.Ordinal)
            .Select(f => $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(System.IO.Path.Combine(Bundle, f))))}  {f}\n");
        File.WriteAllText(sums, string.Concat(lines));
    }

    private ToolResult Run(string script, string[] arguments, Dictionary<string, string>? extra)
    {
        if (RefreshSums)
        {
            WriteSums();
        }

        var environment = new Dictionary<string, string>(_environment);
        foreach (var (key, value) in extra ?? [])
        {
            environment[key] = value;
        }

        return Tool.Run(System.IO.Path.Combine(Bundle, "dom0", script), arguments, _directory.Path, environment);
    }
}
