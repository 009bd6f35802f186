using XenBundle.Model;

namespace XenBundle.Provisioning;

/// <summary>
/// setup.sh's check of the Dom0 (<c>--check</c> runs it alone, and every run starts with
/// it): one "ok:" or "FAIL:" line per item, the bundle's checksums, space, virt-install, the
/// bridge, NFS and rpcbind, the firewall and the hypervisor, with what to do when it fails.
/// It changes nothing, so that a failure leaves the Dom0 as it was.
/// </summary>
internal static class Dom0Check
{
    /// <summary>ok, fail, free_kib, the check_* functions and preflight, which runs them all.</summary>
    public static string Functions(GuestInstall guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        return $$"""
            ok() {
                echo "ok: $*"
            }

            fail() {
                echo "FAIL: $*"
                CHECK_FAILED=1
            }

            # Kilobytes free for root's files in the file system of a path (its nearest existing parent).
            free_kib() {
                local path=$1
                while ! present "$path"; do
                    path=$(dirname "$path")
                done
                "$DF" -P -k "$path" | awk 'NR == 2 { print $4 }'
            }

            check_sums() {
                local bundle
                bundle=$(dirname "$HERE")
                if [ ! -f "$bundle/SHA256SUMS" ]; then
                    fail "no SHA256SUMS in $bundle (unpack the whole bundle again)"
                elif (cd "$bundle" && sha256sum -c --status SHA256SUMS) >/dev/null 2>&1; then
                    ok "every file of the bundle matches SHA256SUMS"
                else
                    fail "files of the bundle do not match SHA256SUMS (cd $bundle && sha256sum -c SHA256SUMS names them; unpack the bundle again)"
                fi
            }

            check_space() {
                local need have free
                need=$(du -s -k "$TREE" | awk '{ print $1 }')
                if has_marker; then
                    have=$(du -s -k "$EXPORT_DIR" | awk '{ print $1 }')
                    need=$((need > have ? need - have : 0))
                fi
                free=$(free_kib "$EXPORT_DIR")
                if [ "$free" -ge "$need" ]; then
                    ok "$EXPORT_DIR: $((free / 1024)) MiB free, the tree needs $((need / 1024)) MiB"
                else
                    fail "$EXPORT_DIR: $((free / 1024)) MiB free, the tree needs $((need / 1024)) MiB (free space there, or set EXPORT_DIR)"
                fi
                free=$(free_kib "$(dirname "$DISK")")
                need=$((DISK_SIZE_GIB * 1024 * 1024))
                if [ "$free" -ge "$need" ]; then
                    ok "$(dirname "$DISK"): $((free / 1024 / 1024)) GiB free for the $DISK_SIZE_GIB GiB disk $DISK"
                else
                    fail "$(dirname "$DISK"): $((free / 1024 / 1024)) GiB free, less than the $DISK_SIZE_GIB GiB disk $DISK can grow to (it is sparse: free space, or go on with --force)"
                fi
                if present "$DISK" && [ "${FORCE:-0}" != 1 ]; then
                    fail "the disk image $DISK exists: virt-install.sh will not install over it (remove it, or set FORCE=1)"
                fi
            }

            # The command line virt-install.sh will pick: it asks the same function.
            check_virt_install() {
                local version
                if ! command -v "$VIRT_INSTALL" >/dev/null 2>&1; then
                    fail "no $VIRT_INSTALL (install virt-install; python-virtinst on EL5)"
                    return 0
                fi
                if ! virt_install_generation; then
                    fail "cannot tell the version of $VIRT_INSTALL from '$VIRT_INSTALL_ANSWER' (virt-install.sh will stop; set VIRT_INSTALL)"
                    return 0
                fi
                version=${VIRT_INSTALL_VERSION:-"without --version (an EL5 python-virtinst, by its --help)"}
                if [ "$VIRT_INSTALL_MAJOR" -lt 2 ]; then
                    ok "virt-install $version: the 0.x command line (--location nfs:$DOM0:$RECIPE_EXPORT, {{(guest.Virt == Model.VirtType.Kvm ? "--disk path=$DISK,...,bus=virtio" : "--file")}})"
                else
                    ok "virt-install $version: the 2.0-and-later command line (--location $EXPORT_DIR, --disk path=$DISK)"
                fi
            }

            check_bridge() {
                if [ -d "$SYS_NET/$BRIDGE/bridge" ]; then
                    ok "the bridge $BRIDGE exists"
                else
                    fail "no bridge $BRIDGE on this host (create it, or set domu.network.bridge in the recipe)"
                fi
            }

            check_nfs() {
                local unit name
                if command -v "$EXPORTFS" >/dev/null 2>&1; then
                    ok "exportfs is there"
                else
                    fail "no $EXPORTFS (install nfs-utils)"
                fi
                if command -v "$SYSTEMCTL" >/dev/null 2>&1; then
                    for unit in rpcbind:rpcbind nfs-server:nfs-utils; do
                        if "$SYSTEMCTL" list-unit-files "${unit%%:*}.service" 2>/dev/null | grep -q "^${unit%%:*}\.service"; then
                            ok "the service ${unit%%:*} is installed"
                        else
                            fail "no ${unit%%:*}.service (install ${unit#*:})"
                        fi
                    done
                    return 0
                fi
                if name=$(rpc_service); then
                    ok "the service $name is installed"
                else
                    fail "neither $INIT_D/rpcbind nor $INIT_D/portmap (install portmap on EL5, rpcbind on EL6)"
                fi
                if [ -e "$INIT_D/nfs" ]; then
                    ok "the service nfs is installed"
                else
                    fail "no $INIT_D/nfs (install nfs-utils)"
                fi
            }

            check_firewall() {
                local kind zone
                kind=$(firewall_kind)
                if { [ "$kind" = firewalld ] || [ "$kind" = iptables ]; } && ! address_word "$FIREWALL_SOURCE"; then
                    fail "the export's clients '$FIREWALL_SOURCE' are no address or network, and $kind takes only those: set domu.network.address, or dom0.clients to a network (like 192.168.50.0/24); or open NFS for the guest by hand and run setup.sh --force"
                    return 0
                fi
                case $kind in
                    firewalld)
                        # The zone first: firewalld_zone stops on a name setup.sh will not use.
                        if zone=$(firewalld_zone 2>&1); then
                            ok "firewalld runs: setup.sh lets $FIREWALL_SOURCE reach rpc-bind, mountd and nfs in the zone $zone, until teardown.sh (runtime rules only)"
                        else
                            fail "${zone#setup.sh: }"
                        fi
                        ;;
                    unknown) fail "$IPTABLES -n -L INPUT failed, so the firewall cannot be read (run setup.sh as root)" ;;
                    iptables) check_mountd_pin ;;
                    nftables) fail "a firewall setup.sh cannot handle: nftables filters INPUT ($(nft_input_tables)): open tcp/udp 111, 2049 and mountd's port for $FIREWALL_SOURCE by hand (rpcinfo -p shows mountd's port), then run setup.sh --force" ;;
                    *) ok "no firewall is active (firewalld is not running, iptables' INPUT chain accepts everything): nothing to open" ;;
                esac
            }

            # An iptables rule needs mountd on a fixed port, pinned in NFS_SYSCONFIG, and rpcinfo
            # to see the port mountd really took.
            check_mountd_pin() {
                local port
                port=$(configured_mountd_port)
                if ! command -v "$RPCINFO" >/dev/null 2>&1; then
                    fail "no $RPCINFO, which tells the port mountd listens on (install rpcbind; portmap on EL5)"
                elif [ -n "$port" ]; then
                    ok "iptables filters INPUT: mountd's port is $port ($NFS_SYSCONFIG); setup.sh lets $FIREWALL_SOURCE reach tcp and udp 111, 2049 and $port, until teardown.sh"
                elif [ -f "$NFS_SYSCONFIG" ] && [ -w "$NFS_SYSCONFIG" ]; then
                    ok "iptables filters INPUT: setup.sh pins mountd's port to $MOUNTD_PIN in $NFS_SYSCONFIG and lets $FIREWALL_SOURCE reach tcp and udp 111, 2049 and that port, until teardown.sh"
                else
                    fail "iptables filters INPUT, but mountd's port cannot be pinned: no writable $NFS_SYSCONFIG (EL8 and later: set port=$MOUNTD_PIN under [mountd] in /etc/nfs.conf and restart nfs-server; setup.sh --force then opens the port rpcinfo -p shows)"
                fi
            }

            check_hypervisor() {
                local capabilities=""
                if command -v "$VIRSH" >/dev/null 2>&1; then
                    capabilities=$("$VIRSH" capabilities 2>/dev/null) || capabilities=""
                fi
                if [ "$HYPERVISOR" = xen ]; then
                    if printf '%s\n' "$capabilities" | grep -q "<domain type=.xen."; then
                        ok "a Xen Dom0 (virsh capabilities offers xen guests)"
                    elif command -v "$XM" >/dev/null 2>&1 && "$XM" info >/dev/null 2>&1; then
                        ok "a Xen Dom0 (xm info answers)"
                    else
                        fail "this host does not run Xen, or libvirtd/xend is not running (boot the Xen kernel, start libvirtd or xend)"
                    fi
                elif [ -e "$DEV_KVM" ] || printf '%s\n' "$capabilities" | grep -q "<domain type=.kvm."; then
                    ok "KVM is available"
                else
                    fail "no $DEV_KVM (enable virtualisation in the firmware, load kvm-intel or kvm-amd)"
                fi
            }

            # Everything the install needs of the Dom0, checked without changing anything.
            preflight() {
                CHECK_FAILED=0
                check_sums
                check_space
                check_virt_install
                check_bridge
                check_nfs
                check_firewall
                check_hypervisor
                return "$CHECK_FAILED"
            }
            """;
    }
}
