namespace XenBundle.Provisioning;

/// <summary>
/// How setup.sh starts rpcbind (portmap on EL5) and the NFS server: through systemctl where
/// the Dom0 has it, else through SysV's service, and only when they are not running already.
/// The Dom0's own init system decides, not the guest's release.
/// </summary>
internal static class NfsServices
{
    /// <summary>start_service and rpc_service.</summary>
    public const string Functions = """
        # Starts a service unless it runs: UNIT under systemd (EL7 and later), NAME under SysV
        # init (EL5, EL6). With a third argument 1 a running one is restarted (mountd reads its
        # port only when it starts).
        start_service() {
            local unit=$1 name=$2 restart=${3:-0} running=0
            if command -v "$SYSTEMCTL" >/dev/null 2>&1; then
                if [ "$DRY_RUN" = 0 ] && "$SYSTEMCTL" is-active --quiet "$unit"; then
                    running=1
                fi
                set -- "$SYSTEMCTL" "$unit"
            else
                if [ "$DRY_RUN" = 0 ] && "$SERVICE" "$name" status >/dev/null 2>&1; then
                    running=1
                fi
                set -- "$SERVICE" "$name"
            fi
            if [ "$running" = 0 ]; then
                # systemctl takes the verb first, service after the name.
                if [ "$1" = "$SYSTEMCTL" ]; then run "$1" start "$2"; else run "$1" "$2" start; fi
            elif [ "$restart" = 1 ]; then
                if [ "$1" = "$SYSTEMCTL" ]; then run "$1" restart "$2"; else run "$1" "$2" restart; fi
            else
                echo "$2 is running"
            fi
        }

        # The SysV service that registers NFS's RPC programs: rpcbind (EL6), portmap (EL5).
        rpc_service() {
            if [ -e "$INIT_D/rpcbind" ]; then
                echo rpcbind
            elif [ -e "$INIT_D/portmap" ]; then
                echo portmap
            else
                return 1
            fi
        }
        """;
}
