using System.Globalization;
using XenBundle.Model;
using XenBundle.Recipes;

namespace XenBundle.Provisioning;

/// <summary><c>README.txt</c>: what the bundle is and the steps on the Dom0, with this bundle's values.</summary>
public sealed class ReadmeText
{
    public const string Path = "README.txt";

    public ReadmeText(GuestInstall guest, ExportsLine exports, VirtInstallCommand command)
    {
        ArgumentNullException.ThrowIfNull(guest);
        ArgumentNullException.ThrowIfNull(exports);
        ArgumentNullException.ThrowIfNull(command);
        var recipe = guest.Recipe;
        var domu = recipe.DomU;
        var title = $"{recipe.BundleName}: the {guest.GuestKind} bundle of {guest.Name}";
        var dom0Note = exports.Clients.Contains(guest.Dom0Address.ToString())
            ? "\n   (the Dom0 too: an EL5-era virt-install mounts the export itself)"
            : string.Empty;
        var warnings = string.Concat(exports.Warnings.Select(w => $"\n\nWarning: {w}."));
        Text = $$"""
            {{title}}
            {{new string('=', title.Length)}}

            This bundle installs {{guest.Name}}, a {{guest.VirtDescription}} running {{guest.Os.ToName()}}, from an NFS
            export on the Dom0 {{guest.Dom0Address}}. XenBundle made it from the recipe {{recipe.Name}}, version {{recipe.Version}}.{{warnings}}

            What is inside
            --------------
            install/                  the install tree: the distribution media and the kickstart
                                      CD merged into one; setup.sh copies it to {{guest.Export}}
            install/ks/kickstart.cfg  the kickstart the guest installs with
            dom0/setup.sh             does every step below on the Dom0
            dom0/virt-install.sh      the virt-install command alone
            dom0/exports              the exports(5) line of the install tree
            dom0/teardown.sh          withdraws the export after the install
            manifest.json, SHA256SUMS every file with its checksum (check with: sha256sum -c SHA256SUMS)

            The guest
            ---------
            name        {{guest.Name}}
            memory      {{guest.MemoryMiB.ToString(CultureInfo.InvariantCulture)}} MiB
            vCPUs       {{domu.Vcpus.ToString(CultureInfo.InvariantCulture)}}
            disk        {{domu.DiskPath}} ({{domu.DiskSizeGiB.ToString(CultureInfo.InvariantCulture)}} GiB, sparse: it takes only the space the guest uses)
            network     {{NetworkDescription(guest)}}
            console     text, on {{KernelArguments.Console(guest.Os, guest.Virt)}}; the install runs unattended

            The steps (on the Dom0, as root)
            --------------------------------
            1. Unpack the bundle anywhere on the Dom0 and change into it:
                 tar -xzf {{recipe.BundleName}}.tar.gz && cd {{recipe.BundleName}}

            2. Check the Dom0, changing nothing (the bundle's checksums, free space for the
               tree and the disk, virt-install, the bridge {{guest.Network.Bridge}}, nfs-utils and
               rpcbind/portmap, the firewall, the hypervisor); one "ok:" or "FAIL:" line each:
                 dom0/setup.sh --check
               and see what setup.sh will do:
                 dom0/setup.sh --dry-run

            3. Run it:
                 dom0/setup.sh
               It copies install/ to {{guest.Export}} (rsync -aH --delete: the directory then
               holds exactly the tree) and exports that directory read-only
               to {{string.Join(" and ", exports.Clients)}}{{dom0Note}}.
               It marks the directory with the file {{Dom0ScriptParts.MarkerName}}, one line:
                 {{Dom0ScriptParts.MarkerText(guest)}}
               and copies only into a directory that is new, empty or marked so.
               The export is the line in dom0/exports; it is added once: to
               /etc/exports.d/{{Dom0ScriptParts.DropInName(guest)}} where /etc/exports.d exists, else to
               /etc/exports between marker lines. It stops before changing anything when
               the directory holds other files without that marker, is exported already
               by something else (adding this export would widen that one), or a
               directory above or below it is exported read-write, however the exports
               files spell it (escapes, '.', '..', '//', symbolic links). It runs the
               check of step 2 first and stops when an item fails (--force goes on anyway).
               Then it starts rpcbind (portmap on EL5) and the NFS server, unless they run,
               and opens the firewall for {{exports.FirewallSource}} only: with firewalld,
               runtime rich rules for rpc-bind, mountd and nfs in the zone of {{guest.Network.Bridge}};
               with iptables, tcp and udp 111, 2049 and mountd's port, which it pins to
               {{MountdPort.Pinned}} in /etc/sysconfig/nfs unless a MOUNTD_PORT is set there
               (it opens the port rpcinfo -p shows, and stops when that is not the pinned one);
               without a firewall, nothing. A firewall it cannot handle (an nftables table of
               the host's own) fails the check: open tcp/udp 111, 2049 and mountd's port by hand. It records what it opened in
               /var/lib/xenbundle/{{guest.Name}}.firewall. Then it runs exportfs -ra and
               dom0/virt-install.sh. That creates the guest,
               boots the installer with the kickstart
               nfs:{{guest.NfsKickstart}}, and attaches to its text console
               (leave it with Ctrl+]). Arguments after -- go to virt-install, for example:
                 dom0/setup.sh -- --noautoconsole

            4. When the install has finished and the guest has rebooted into its new system,
               withdraw the export and close what setup.sh opened in the firewall (and the
               MOUNTD_PORT line it added; the NFS services keep running):
                 dom0/teardown.sh
               and, to free the space, also remove the copied tree:
                 dom0/teardown.sh --remove-tree
               (it removes {{guest.Export}} only while it carries the marker of this bundle)

            virt-install.sh refuses to install over an existing disk image ({{domu.DiskPath}}).
            To install again, remove the guest (virsh undefine {{guest.Name}}) and its image, or
            run it with FORCE=1 to install over the image.

            virt-install.sh works with the virt-install of EL5-era Dom0s (0.x) and with current
            ones (2.0 and later). It asks virt-install --version for the version; no EL5
            virt-install has --version (it came with python-virtinst 0.500.1), so there the
            answer is an error, and --help decides: a usage line with --ram RAM, or a
            --file-size option, is virt-install 0.x.
            {{CheckCommand(guest)}}

            The installer boots with:
                 {{command.KernelLine}}

            Environment variables
            ---------------------
            virt-install.sh: INSTALL_DIR (the tree on this host, default {{guest.Export}}),
              VIRT_INSTALL (the virt-install program), FORCE=1 (install over an existing image).
            setup.sh and teardown.sh: EXPORT_DIR (default {{guest.Export}}), EXPORTS_FILE
              (default /etc/exports), EXPORTS_D (default /etc/exports.d), EXPORTFS, IPTABLES,
              FIREWALL_CMD, NFS_SYSCONFIG (default /etc/sysconfig/nfs), STATE_DIR (default
              /var/lib/xenbundle), and for setup.sh SYSTEMCTL and SERVICE (the programs that start
              rpcbind and the NFS server), INIT_D, RSYNC, and for its check VIRT_INSTALL, VIRSH,
              XM, DF, SYS_NET and DEV_KVM. They let the
              scripts run against a scratch directory; on a Dom0, keep the defaults: the
              kickstart installs from {{guest.NfsTree}}.

            """.ReplaceLineEndings("\n");
    }

    public string Text { get; }

    public GeneratedFile File => new(Path, Text, Tree.UnixMode.File);

    /// <summary>
    /// How to check the command without creating the guest. libvirt's test driver stands in
    /// for a Xen host but has no KVM domain type ("Host does not support domain type kvm"),
    /// so a KVM bundle is checked against the host's own libvirt, which --dry-run leaves alone.
    /// </summary>
    private static string CheckCommand(GuestInstall guest) => guest.Virt == VirtType.Kvm
        ? """
          Check the command without creating the guest (needs virt-install 2.0 or later and
          libvirtd running; --dry-run creates nothing, not even the disk image):
               INSTALL_DIR=$PWD/install dom0/virt-install.sh --dry-run
          """
        : """
          Check the command without a hypervisor (needs virt-install 2.0 or later):
               INSTALL_DIR=$PWD/install dom0/virt-install.sh --connect test:///default --dry-run
          """;

    /// <summary>"static 192.168.50.20/24, gateway 192.168.50.1, DNS 192.168.50.2; bridge xenbr0, MAC ..." or "DHCP; ...".</summary>
    public static string NetworkDescription(GuestInstall guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        var network = guest.Network;
        var parts = new List<string>();
        if (network is { Address: { } address, Netmask: { } netmask })
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"static {address}/{netmask.PrefixLength} (netmask {netmask})"));
            if (network.Gateway is { } gateway)
            {
                parts.Add($"gateway {gateway}");
            }

            if (network.Nameservers.Count > 0)
            {
                parts.Add("DNS " + string.Join(' ', network.Nameservers));
            }
        }
        else
        {
            parts.Add("DHCP");
        }

        parts.Add($"bridge {network.Bridge}");
        parts.Add(network.Mac is { } mac ? $"MAC {mac}" : "MAC chosen by virt-install");
        return string.Join(", ", parts);
    }
}
