namespace XenBundle.Provisioning;

/// <summary>
/// mountd's port, which an iptables firewall needs fixed: setup.sh pins it in
/// /etc/sysconfig/nfs unless a port is set there (teardown.sh takes the line out again with
/// the other marked lines), and once NFS runs opens only the port rpcinfo shows mountd took.
/// </summary>
internal static class MountdPort
{
    /// <summary>
    /// The port setup.sh pins mountd to: the value Red Hat's /etc/sysconfig/nfs suggests in its
    /// "#MOUNTD_PORT=892" line.
    /// </summary>
    public const int Pinned = 892;

    /// <summary>configured_mountd_port, pin_mountd_port and read_mountd_port.</summary>
    public const string Functions = """
        # The port /etc/sysconfig/nfs pins mountd to (MOUNTD_PORT=N), if any. The nfs init
        # script (EL5, EL6) and, on EL7, nfs-utils' /usr/lib/systemd/scripts/nfs-utils_env.sh
        # ('if [ -n "$MOUNTD_PORT" ]; then RPCMOUNTDOPTS="$RPCMOUNTDOPTS -p $MOUNTD_PORT"')
        # turn it into rpc.mountd -p N.
        configured_mountd_port() {
            [ -f "$NFS_SYSCONFIG" ] || return 0
            sed -n 's/^[[:space:]]*MOUNTD_PORT=["'\'']\{0,1\}\([0-9][0-9]*\)["'\'']\{0,1\}[[:space:]]*$/\1/p' "$NFS_SYSCONFIG" | tail -n 1
        }

        # With an iptables firewall mountd needs a fixed port: keeps one that is set, else adds
        # MOUNTD_PORT=MOUNTD_PIN between this bundle's marker lines (teardown.sh takes them out
        # again). Sets MOUNTD_PORT_NOW, and NFS_RESTART=1 when the port changed.
        pin_mountd_port() {
            MOUNTD_PORT_NOW=$(configured_mountd_port)
            if [ -n "$MOUNTD_PORT_NOW" ]; then
                echo "mountd's port is $MOUNTD_PORT_NOW ($NFS_SYSCONFIG)"
                return 0
            fi
            if [ ! -f "$NFS_SYSCONFIG" ]; then
                echo "note: no $NFS_SYSCONFIG, so mountd's port cannot be pinned: setup.sh opens the port mountd takes now (rpcinfo -p), which changes when NFS restarts" >&2
                return 0
            fi
            append_marked_lines "$NFS_SYSCONFIG" "MOUNTD_PORT=$MOUNTD_PIN"
            MOUNTD_PORT_NOW=$MOUNTD_PIN
            NFS_RESTART=1
        }

        # mountd has its port once NFS runs: opens that, and stops when it is not the one pinned
        # (the NFS server was not restarted, or its nfs-utils does not read NFS_SYSCONFIG).
        read_mountd_port() {
            local listening
            if [ "$DRY_RUN" = 1 ]; then
                [ -n "$MOUNTD_PORT_NOW" ] || echo "would open the ports rpcinfo -p shows for mountd once NFS runs"
                return 0
            fi
            listening=$(mountd_ports) || listening=""
            if [ -z "$listening" ]; then
                die "$RPCINFO -p shows no mountd: the NFS server did not start (see its log); nothing was opened in the firewall. Start it, then run setup.sh again"
            fi
            if [ -n "$MOUNTD_PORT_NOW" ] && [ "$listening" != "$MOUNTD_PORT_NOW" ]; then
                die "mountd listens on $listening, not on the port $MOUNTD_PORT_NOW pinned in $NFS_SYSCONFIG; nothing was opened in the firewall. Restart the NFS server (mountd reads its port when it starts); if the port stays, this nfs-utils does not read $NFS_SYSCONFIG (EL8 and later: set port=$MOUNTD_PORT_NOW under [mountd] in /etc/nfs.conf and restart nfs-server). Then run setup.sh again"
            fi
            MOUNTD_PORT_NOW=$listening
        }
        """;
}
