using System.Xml.Linq;
using XenBundle.Kickstart.Syntax;
using XenBundle.Model;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Guests;

/// <summary>
/// Every guest target of issue 8 built end to end from generated ISO media (EL6 Xen PV,
/// EL7 Xen HVM, EL7, EL8 and EL9 under KVM), and its bundle checked by the tools that
/// will use it: dnf reads every repository of the tree, virt-install 4.1 accepts the
/// command against libvirt's test driver and defines the guest intended, shellcheck passes
/// the scripts, and the kickstart reads back in the target's syntax with what the guest needs.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Tool)]
public sealed class GuestTargetTests
{
    private const string Dracut = "inst.ks=nfs:192.168.50.1:/var/xen/install/ks/kickstart.cfg inst.repo=nfs:192.168.50.1:/var/xen/install "
        + "ip=192.168.50.20::192.168.50.1:255.255.255.0:web01:eth0:none nameserver=192.168.50.2 net.ifnames=0 console=ttyS0";

    public static IEnumerable<TestCaseData> Targets()
    {
        foreach (var (os, virt) in new[] { ("el6", "xen-pv"), ("el7", "xen-hvm"), ("el7", "kvm"), ("el8", "kvm"), ("el9", "kvm") })
        {
            yield return new TestCaseData(new GuestTarget(os, virt)).SetArgDisplayNames($"{os} {virt}");
        }
    }

    [TestCaseSource(nameof(Targets))]
    public void Dnf_reads_every_repository_of_the_tree(GuestTarget target)
    {
        var bundle = GuestBundle.For(target);
        var release = target.Os[2..];
        var repositories = Splits(target)
            ? new Dictionary<string, string> { ["BaseOS"] = Path.Combine(bundle.Install, "BaseOS"), ["AppStream"] = Path.Combine(bundle.Install, "AppStream"), ["xenbundle"] = Path.Combine(bundle.Install, "xenbundle") }
            : new Dictionary<string, string> { ["tree"] = bundle.Install };

        var packages = Dnf.Query(repositories, release, "x86_64", "repoquery", "--qf", "%{name}.%{arch}");

        string[] expected = Splits(target)
            ? ["acme-stack-server.x86_64", "acme-tools.noarch", "bash.x86_64", "centos-stream-release.noarch", "kernel.x86_64"]
            : ["acme-tools.noarch", "bash.x86_64", "centos-release.x86_64", "kernel.x86_64"];
        Assert.That(packages, Is.EqualTo(expected));
        if (Splits(target))
        {
            // The module's metadata came through: dnf lists it, with its default stream.
            Assert.That(string.Join('\n', Dnf.Query(repositories, release, "x86_64", "module", "list")), Does.Match(@"acme-stack\s+1\.0 \[d\]"));
        }
        else
        {
            Assert.That(Dnf.Query(repositories, release, "x86_64", "group", "list", "--hidden"), Does.Contain("core"));
        }
    }

    [TestCaseSource(nameof(Targets))]
    public void The_distribution_repositories_of_an_el8_or_el9_dvd_are_kept_byte_for_byte(GuestTarget target)
    {
        if (!Splits(target))
        {
            // EL6 and EL7: one repository at the root, made anew; .treeinfo's checksum of it follows.
            var bundle = GuestBundle.For(target);
            var treeinfo = File.ReadAllText(Path.Combine(bundle.Install, ".treeinfo"));
            Assert.That(Directory.Exists(Path.Combine(bundle.Install, "xenbundle")), Is.False, "no separate repository");
            Assert.That(File.Exists(Path.Combine(bundle.Install, "repodata", "repomd.xml")), Is.True);
            if (target.Os == "el6")
            {
                // The EL6 DVD's .treeinfo lists the checksum of its repomd.xml.
                var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(bundle.Install, "repodata", "repomd.xml"))));
                Assert.That(treeinfo, Does.Contain($"repodata/repomd.xml = sha256:{sha}"));
            }

            return;
        }

        var built = GuestBundle.For(target);
        using var medium = new TempDirectory("dvd");
        Tool.Run("xorriso", "-osirrox", "on", "-indev", GuestMedia.Dvd(target.Os), "-extract", "/", medium.Path).EnsureSuccess("xorriso -extract");
        foreach (var file in new[] { ".treeinfo" }.Concat(Directory.GetFiles(medium["BaseOS/repodata"]).Concat(Directory.GetFiles(medium["AppStream/repodata"])).Select(f => Path.GetRelativePath(medium.Path, f))))
        {
            Assert.That(File.ReadAllBytes(Path.Combine(built.Install, file)), Is.EqualTo(File.ReadAllBytes(medium[file])), file);
        }

        Assert.That(File.ReadAllText(Path.Combine(built.Install, "AppStream", "repodata", "repomd.xml")), Does.Contain("<data type=\"modules\">"));
        Assert.That(File.Exists(Path.Combine(built.Install, "repodata", "repomd.xml")), Is.False, "no repository at the root: anaconda reads .treeinfo's variants");
        Assert.That(File.ReadAllText(Path.Combine(built.Install, "xenbundle", "repodata", "repomd.xml")), Does.Contain("<checksum type=\"sha256\">"));
        Assert.That(File.ReadAllBytes(Path.Combine(built.Install, "xenbundle", "RPMS", "acme-tools-1.2-1.noarch.rpm")),
            Is.EqualTo(File.ReadAllBytes(Path.Combine(built.Install, "RPMS", "acme-tools-1.2-1.noarch.rpm"))), "the kickstart CD's own copy stays for its %post");
        Assert.That(built.Report, Does.Contain("## Repositories").And.Contain("| AppStream | AppStream/ | primary, filelists, other, group, group_gz, modules |"));
    }

    [TestCaseSource(nameof(Targets))]
    public void Virt_install_accepts_the_command_and_defines_the_intended_guest(GuestTarget target)
    {
        var bundle = GuestBundle.For(target);
        using var home = new TempDirectory("virt-home");
        var kvm = target.Virt == "kvm";

        // libvirt's test driver has no KVM domain type; virt-install's own test hook lets it
        // report the capabilities of a KVM host, so --virt-type kvm is checked as it stands.
        var connect = kvm ? $"__virtinst_test__test:///default,caps={home.Write("kvm-caps.xml", KvmCapabilities)}" : "test:///default";
        var dryRun = RunVirtInstall(bundle, home, "--connect", connect, "--dry-run");
        dryRun.EnsureSuccess("virt-install.sh --dry-run");
        Assert.That(dryRun.Output + dryRun.Error, Does.Contain("Dry run completed successfully"));

        var printed = RunVirtInstall(bundle, home, "--connect", connect, "--print-xml", "--debug");
        printed.EnsureSuccess("virt-install.sh --print-xml");
        var domain = FirstDomain(printed.Output);
        var os = domain.Element("os")!;
        var disk = domain.Element("devices")!.Elements("disk").Single(d => (string?)d.Attribute("device") == "disk");
        var nic = domain.Element("devices")!.Elements("interface").Single();
        Assert.Multiple(() =>
        {
            Assert.That((string?)os.Element("type"), Is.EqualTo(target.Virt == "xen-pv" ? "xen" : "hvm"), "os type");
            Assert.That((string?)domain.Attribute("type"), Is.EqualTo(kvm ? "kvm" : "test"), "domain type");
            Assert.That((string?)os.Element("cmdline"), Is.EqualTo(KernelLine(target)), "the boot arguments");
            Assert.That((string?)disk.Element("target")?.Attribute("dev"), Is.EqualTo(target.Virt switch { "xen-pv" => "xvda", "kvm" => "vda", _ => "hda" }), "the host's disk");
            Assert.That((string?)nic.Element("model")?.Attribute("type"), kvm ? Is.EqualTo("virtio") : Is.Not.EqualTo("virtio"));
            Assert.That((string?)nic.Element("mac")?.Attribute("address"), Is.EqualTo("00:16:3e:12:34:56"));
            Assert.That(domain.Element("devices")!.Elements("console"), Is.Not.Empty, "a text console");
            Assert.That(domain.Element("devices")!.Elements("graphics"), Is.Empty);
            // No domu.disk.path and no domu.memory in the recipe: libvirt's image directory
            // for KVM, and the memory libosinfo gives the release's network install (rhel7.0:
            // 1.5 GiB, rhel8.0 and rhel9.0: 3 GiB; rhel6.0 has none: 512 MiB), which
            // virt-install 4.x would raise a lower --memory to for a directory location.
            Assert.That((string?)disk.Element("source")?.Attribute("file"), Is.EqualTo(kvm ? "/var/lib/libvirt/images/web01.img" : "/var/lib/xen/images/web01.img"), "the disk image");
            Assert.That((string?)domain.Element("memory"), Is.EqualTo((target.Os switch { "el6" => 512, "el7" => 1536, _ => 3072 } * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)), "memory in KiB");
        });

        // The installer kernel is the one .treeinfo names for the guest type, and virt-install
        // detected the OS from the tree's .treeinfo.
        Assert.That(printed.Error, Does.Contain($"Fetching URI: {bundle.Install}/images/pxeboot/vmlinuz"));
        Assert.That(printed.Output, Does.Contain($"<libosinfo:os id=\"{OsInfoId(target)}\"/>"));
    }

    [TestCaseSource(nameof(Targets))]
    public void The_scripts_pass_shellcheck(GuestTarget target)
    {
        var bundle = GuestBundle.For(target);
        var scripts = Directory.GetFiles(Path.Combine(bundle.Directory, "dom0"), "*.sh");
        Assert.That(scripts, Has.Length.EqualTo(3));

        var result = Tool.Run("shellcheck", ["-S", "warning", "--format=gcc", .. scripts]);

        Assert.That(result.ExitCode, Is.Zero, $"shellcheck found problems:\n{result.Output}{result.Error}");
    }

    [TestCaseSource(nameof(Targets))]
    public void The_kickstart_reads_back_in_the_target_syntax_with_what_the_guest_needs(GuestTarget target)
    {
        var bundle = GuestBundle.For(target);
        RecipeNames.TryParseOs(target.Os, out var os);
        var text = bundle.Kickstart;

        // The installer's syntax: %end after every section from EL7 (the EL7 source's
        // %packages had none), and the source itself round-trips byte for byte.
        var document = KickstartParser.Parse(text, "kickstart.cfg", KickstartDialect.For(os));
        var source = SourceKickstart(target);
        Assert.That(KickstartParser.Parse(source, "source.cfg", KickstartDialect.ForSource(os)).Print(), Is.EqualTo(source));
        var sections = document.Nodes.OfType<SectionNode>().ToList();
        if (os >= OsRelease.El7)
        {
            Assert.That(sections.Where(s => s.Terminator is null).Select(s => s.Keyword), Is.Empty, "every section ends with %end");
        }

        var disk = target.Virt == "kvm" ? "vda" : "xvda";
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("nfs --server=192.168.50.1 --dir=/var/xen/install\n").And.Not.Contain("\ncdrom"));
            Assert.That(text, Does.Contain($"clearpart --all --drives={disk}").And.Contain($"--ondisk={disk}").And.Not.Contain("=sda"));
            Assert.That(text, Does.Contain(target.Virt == "xen-pv" ? "--append=\"console=hvc0" : "--append=\"console=ttyS0,115200n8"), "the serial console goes on Xen PV only");
            Assert.That(text, Does.Contain("\n%packages\n@core\n"));
            Assert.That(text, Does.Not.Contain("kernel-xen"), "no kernel-xen after EL5");
        });

        var repo = $"repo --name=xenbundle --baseurl=nfs://192.168.50.1:/var/xen/install/xenbundle\n";
        Assert.That(text.Contains(repo, StringComparison.Ordinal), Is.EqualTo(Splits(target)), "a repo line exactly when the kickstart CD's packages are a repository of their own");
        Assert.That(File.ReadAllText(bundle.VirtInstallScript), Does.Contain($"KERNEL_ARGS='{KernelLine(target)}'"));
        if (target.Os == "el7")
        {
            Assert.That(bundle.Report, Does.Contain("%packages: el7 requires %end after every section"), "the added %end is a reported change");
        }
    }

    private static bool Splits(GuestTarget target) => target.Os is "el8" or "el9";

    private static string KernelLine(GuestTarget target) => target.Os == "el6"
        ? $"ks=nfs:192.168.50.1:/var/xen/install/ks/kickstart.cfg ksdevice=eth0 ip=192.168.50.20 netmask=255.255.255.0 gateway=192.168.50.1 dns=192.168.50.2 console={(target.Virt == "xen-pv" ? "hvc0" : "ttyS0")}"
        : Dracut;

    private static string OsInfoId(GuestTarget target) => target.Os switch
    {
        "el6" => "http://centos.org/centos/6.10",
        "el7" => "http://centos.org/centos/7.0",
        _ => $"http://centos.org/centos-stream/{target.Os[2..]}",
    };

    private static string SourceKickstart(GuestTarget target)
    {
        using var cd = new TempDirectory("ks-cd");
        Tool.Run("xorriso", "-osirrox", "on", "-indev", GuestMedia.KickstartCd, "-extract", "/" + GuestMedia.KickstartFile(target.Os), cd["ks.cfg"]).EnsureSuccess("xorriso -extract");
        return File.ReadAllText(cd["ks.cfg"]);
    }

    private static ToolResult RunVirtInstall(GuestBundle bundle, TempDirectory home, params string[] arguments)
    {
        Tool.Require("virt-install");
        return Tool.Run(bundle.VirtInstallScript, arguments, home.Path, new Dictionary<string, string>
        {
            ["INSTALL_DIR"] = bundle.Install,
            ["HOME"] = home.Path,
            ["XDG_CACHE_HOME"] = home["cache"],
        });
    }

    /// <summary>--print-xml prints the install-time domain, then the one it reboots into.</summary>
    private static XElement FirstDomain(string output)
    {
        var end = output.IndexOf("</domain>", StringComparison.Ordinal);
        Assert.That(end, Is.GreaterThan(0), $"no domain XML in:\n{output}");
        return XElement.Parse(output[..(end + "</domain>".Length)]);
    }

    private const string KvmCapabilities = """
        <capabilities>
          <host>
            <uuid>00000000-0000-0000-0000-000000000001</uuid>
            <cpu><arch>x86_64</arch></cpu>
          </host>
          <guest>
            <os_type>hvm</os_type>
            <arch name="x86_64">
              <wordsize>64</wordsize>
              <emulator>/usr/bin/qemu-system-x86_64</emulator>
              <machine>pc</machine>
              <domain type="qemu"/>
              <domain type="kvm"/>
            </arch>
          </guest>
        </capabilities>
        """;
}
