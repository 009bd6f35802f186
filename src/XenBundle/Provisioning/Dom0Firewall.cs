namespace XenBundle.Provisioning;

/// <summary>
/// The firewall on the Dom0: setup.sh tells which one filters (firewalld, iptables, an
/// nftables table of the host's own, or none), opens NFS for the guest alone and records
/// each opening in a state file; teardown.sh closes exactly what that file records. Both
/// carry the closing part, since a rerun of setup.sh first closes what the last run opened.
/// </summary>
internal static class Dom0Firewall
{
    /// <summary>
    /// firewall_kind, nft_input_tables, address_word, mountd_ports (which read_mountd_port in
    /// <see cref="MountdPort"/> asks) and firewalld_zone: what filters, and what to open where.
    /// </summary>
    public const string Detection = """
        # Which firewall filters what the guest sends the Dom0: "firewalld" when it runs,
        # "iptables" when the INPUT chain holds a rule or drops by default (EL5's
        # RH-Firewall-1-INPUT, EL6's REJECT), "unknown" when iptables cannot list the chain
        # (not root), "nftables" when an nftables table of someone else's filters INPUT
        # (see nft_input_tables), else "none".
        firewall_kind() {
            local listing
            if command -v "$FIREWALL_CMD" >/dev/null 2>&1 && "$FIREWALL_CMD" --state >/dev/null 2>&1; then
                echo firewalld
                return 0
            fi
            if command -v "$IPTABLES" >/dev/null 2>&1; then
                if ! listing=$("$IPTABLES" -n -L INPUT 2>/dev/null); then
                    echo unknown
                    return 0
                fi
                # "Chain INPUT (policy ACCEPT)", the column titles, then one line a rule.
                if [ "$(printf '%s\n' "$listing" | sed -n '3,$p' | grep -c .)" -gt 0 ] ||
                    ! printf '%s\n' "$listing" | head -n 1 | grep -q 'policy ACCEPT'; then
                    echo iptables
                    return 0
                fi
            fi
            if [ -n "$(nft_input_tables)" ]; then
                echo nftables
                return 0
            fi
            echo none
        }

        # The nftables tables ("FAMILY NAME, ...") with a chain hooked into input, but for the
        # tables iptables-nft makes for iptables' own (ip filter, ip6 filter...), whose rules
        # iptables -L shows. An EL8-and-later host without firewalld may filter in a table of
        # its own (inet filter, say), which iptables cannot see and setup.sh cannot open.
        nft_input_tables() {
            command -v "$NFT" >/dev/null 2>&1 || return 0
            "$NFT" list ruleset 2>/dev/null | awk '
                $1 == "table" { table = $2 " " $3 }
                / hook input / && !(table ~ /^(ip|ip6|arp|bridge) (filter|mangle|nat|raw|security)$/) && !(table in seen) {
                    seen[table] = 1
                    printf "%s%s", (n++ ? ", " : ""), table
                }' || true
        }

        # Whether the firewall source is an IPv4 address or network: all that iptables -s (without
        # a name lookup) and a firewalld rich rule's source address take.
        address_word() { case $1 in '' | *[!0-9./]*) return 1 ;; esac; }

        # The ports mountd listens on, one line, from rpcinfo -p ("program vers proto port
        # service"; 100005 is mountd's program number, for a portmap that names it not).
        mountd_ports() {
            "$RPCINFO" -p 2>/dev/null | awk '$1 == 100005 || $5 == "mountd" { print $4 }' | sort -n -u | paste -s -d ' ' -
        }

        # The firewalld zone the guest's traffic arrives in: its bridge's (libvirt's virbr0 is
        # in the zone "libvirt"), else the default zone.
        firewalld_zone() {
            local zone
            zone=$("$FIREWALL_CMD" --get-zone-of-interface="$BRIDGE" 2>/dev/null) || zone=""
            if [ -z "$zone" ] || [ "$zone" = "no zone" ]; then
                zone=$("$FIREWALL_CMD" --get-default-zone)
            fi
            zone_word "$zone" || die "firewalld names the zone '$zone', which setup.sh does not use: open NFS by hand"
            echo "$zone"
        }
        """;

    /// <summary>record_opening and open_firewall: runtime rules for firewalld, inserted rules for iptables.</summary>
    public const string Opening = """
        # Notes one opening in the state file, once it is made.
        record_opening() {
            [ "$DRY_RUN" = 0 ] || return 0
            printf '%s\n' "$*" >>"$STATE_FILE"
        }

        # Lets FIREWALL_SOURCE reach rpcbind, mountd and nfsd, and nothing else; records each rule.
        # A rerun closes what the last run opened first, so that each rule is there once.
        open_firewall() {
            local kind zone service proto port
            close_firewall
            kind=$(firewall_kind)
            if [ "$kind" = unknown ]; then
                [ "$DRY_RUN" = 1 ] || die "$IPTABLES -n -L INPUT failed: cannot tell what the firewall lets through; run me as root"
                echo "cannot tell the firewall as this user ($IPTABLES -n -L INPUT failed): as root, setup.sh opens what it filters"
                return 0
            fi
            if [ "$kind" = none ]; then
                echo "no firewall is active (firewalld is not running, iptables' INPUT chain accepts everything): nothing to open"
                return 0
            fi
            # Only with --force (the check fails on these): say what is left to do by hand.
            if [ "$kind" = nftables ]; then
                echo "setup.sh: nftables filters INPUT ($(nft_input_tables)), which setup.sh cannot open: open tcp/udp 111, 2049 and mountd's port for $FIREWALL_SOURCE by hand" >&2
                return 0
            fi
            if ! address_word "$FIREWALL_SOURCE"; then
                echo "setup.sh: $FIREWALL_SOURCE is no address, which $kind cannot take: open NFS for the guest by hand" >&2
                return 0
            fi
            if ! present "$STATE_DIR"; then
                run mkdir -p -m 0700 -- "$STATE_DIR"
            fi
            if [ "$kind" = firewalld ]; then
                zone=$(firewalld_zone)
                # Runtime rules only (no --permanent): they end with the install, or at the latest
                # with the next firewalld reload or reboot.
                for service in rpc-bind mountd nfs; do
                    run "$FIREWALL_CMD" --zone="$zone" --add-rich-rule="$(rich_rule "$FIREWALL_SOURCE" "$service")"
                    record_opening firewalld "$zone" "$FIREWALL_SOURCE" "$service"
                done
                return 0
            fi
            # Inserted at the top of INPUT, ahead of EL5's RH-Firewall-1-INPUT jump and EL6's REJECT.
            # No statd/lockd ports: every installer mounts the tree without locks (anaconda
            # isys/nfsmount.c:485 NFS_MOUNT_NONLM @anaconda-11.1.2.263-1; isys/imount.c:91-98
            # "nolock" @anaconda-13.21.263-1; pyanaconda/packaging/__init__.py:535-537
            # @anaconda-19.31.123-1; pyanaconda/modules/payloads/source/nfs/initialization.py:103
            # @anaconda-34.25.7.19).
            read_mountd_port
            for port in 111 2049 $MOUNTD_PORT_NOW; do
                for proto in tcp udp; do
                    run "$IPTABLES" -I INPUT -s "$FIREWALL_SOURCE" -p "$proto" --dport "$port" -j ACCEPT
                    record_opening iptables "$FIREWALL_SOURCE" "$proto" "$port"
                done
            done
        }
        """;

    /// <summary>
    /// check_state_path, rich_rule, the word checks and close_firewall, which setup.sh and
    /// teardown.sh share: the state file is read as root, so every line is checked before it
    /// becomes a command.
    /// </summary>
    public const string Closing = """
        # The state file is written and read as root: never through a symbolic link, and only in
        # a directory (made 0700 by setup.sh) that is no link either.
        check_state_path() {
            local path owner mode
            for path in "$STATE_DIR" "$STATE_FILE"; do
                if [ -L "$path" ]; then
                    die "$path is a symbolic link: not following it as root; remove it"
                fi
            done
            if present "$STATE_DIR" && [ ! -d "$STATE_DIR" ]; then
                die "$STATE_DIR is not a directory: remove it, or set STATE_DIR"
            fi
            if present "$STATE_FILE" && [ ! -f "$STATE_FILE" ]; then
                die "$STATE_FILE is not a plain file: remove it"
            fi
            # Whoever else may write them could make teardown.sh close, or setup.sh record,
            # what they like: root's alone, as setup.sh makes them.
            for path in "$STATE_DIR" "$STATE_FILE"; do
                present "$path" || continue
                read -r owner mode < <(stat -c '%u %a' -- "$path")
                if [ "$(id -u)" = 0 ] && [ "$owner" != 0 ]; then
                    die "$path belongs to uid $owner, not root: not trusting it as root; remove it (or chown root it)"
                fi
                case $mode in
                    *[2367]? | *[2367])
                        die "$path is writable by group or others (mode $mode): not trusting it as root; remove it (or chmod go-w it)" ;;
                esac
            done
        }

        # A firewalld rule that lets one source reach one service (firewall-cmd --add-rich-rule).
        rich_rule() {
            printf 'rule family="ipv4" source address="%s" service name="%s" accept' "$1" "$2"
        }

        # The words a line of the state file may hold: an address or network, tcp or udp, a
        # port, a firewalld zone, a firewalld service.
        source_word() { case $1 in '' | *[!0-9A-Za-z./-]*) return 1 ;; esac; }
        protocol_word() { [ "$1" = tcp ] || [ "$1" = udp ]; }
        port_word() { case $1 in '' | *[!0-9]*) return 1 ;; esac; }
        zone_word() { case $1 in '' | *[!A-Za-z0-9_-]*) return 1 ;; esac; }
        service_word() { [ "$1" = nfs ] || [ "$1" = mountd ] || [ "$1" = rpc-bind ]; }

        # Closes every opening the state file records, last first, and removes the file: exactly
        # what setup.sh opened, nothing else. A line that is not one setup.sh writes is skipped.
        close_firewall() {
            local kind a b c
            [ -f "$STATE_FILE" ] || return 0
            while read -r kind a b c; do
                if [ "$kind" = iptables ] && source_word "$a" && protocol_word "$b" && port_word "$c"; then
                    run "$IPTABLES" -D INPUT -s "$a" -p "$b" --dport "$c" -j ACCEPT || echo "the iptables rule for $a $b/$c was gone already"
                elif [ "$kind" = firewalld ] && zone_word "$a" && source_word "$b" && service_word "$c"; then
                    run "$FIREWALL_CMD" --zone="$a" --remove-rich-rule="$(rich_rule "$b" "$c")" || echo "the firewalld rule for $b $c in zone $a was gone already"
                elif [ -n "$kind" ]; then
                    echo "skipping '$kind $a $b $c' in $STATE_FILE: not an opening setup.sh records"
                fi
            done < <(tac -- "$STATE_FILE")
            run rm -f -- "$STATE_FILE"
        }
        """;
}
