using XenBundle.Recipes;

namespace XenBundle.Provisioning;

/// <summary>
/// The shell text setup.sh and teardown.sh share: the overridable paths, the markers
/// that find this bundle's export again, and the helpers for --dry-run, root and the
/// exports files, with the firewall's closing part from <see cref="Dom0Firewall"/>. Both
/// scripts stand alone on the Dom0, so each carries its own copy.
/// </summary>
internal static class Dom0ScriptParts
{
    /// <summary>The environment variables both scripts honour, for their headers and the README.</summary>
    public static string EnvironmentHelp(GuestInstall guest) => $"""
        #   EXPORT_DIR    where the tree is copied and what is exported (default {guest.Export})
        #   EXPORTS_FILE  the exports(5) file (default /etc/exports)
        #   EXPORTS_D     the exports drop-in directory, used when it exists (default /etc/exports.d)
        #   EXPORTFS      the exportfs program (default exportfs)
        #   IPTABLES, FIREWALL_CMD  the firewall programs (default iptables, firewall-cmd)
        #   NFS_SYSCONFIG the NFS service settings, where mountd's port is pinned (default /etc/sysconfig/nfs)
        #   STATE_DIR     where setup.sh records what it opened in the firewall (default /var/lib/xenbundle)
        """;

    /// <summary>The file setup.sh writes into the export directory to know it again.</summary>
    public const string MarkerName = ".xenbundle-export";

    /// <summary>
    /// The marker's one line: it names the recipe and the guest, not the version, so that
    /// the next version of the same bundle refreshes the tree the last one copied.
    /// </summary>
    public static string MarkerText(GuestInstall guest) => $"xenbundle-export recipe={guest.Recipe.Name} guest={guest.Name}";

    /// <summary>The name of this bundle's file in exports.d.</summary>
    public static string DropInName(GuestInstall guest) => $"xenbundle-{guest.Name}.exports";

    public static string Settings(GuestInstall guest) => $$"""
        # sudo and su on EL5 and EL6 often leave /sbin and /usr/sbin off PATH, where iptables,
        # exportfs, service and rpcinfo are: add them before any program is looked up.
        PATH=${PATH:-/usr/bin:/bin}:/sbin:/usr/sbin
        export PATH
        GUEST={{ShellQuote.Quote(guest.Name)}}
        # The export the guest's kickstart mounts (nfs --server=DOM0 --dir=RECIPE_EXPORT).
        DOM0={{ShellQuote.Quote(guest.Dom0Address.ToString())}}
        RECIPE_EXPORT={{ShellQuote.Quote(guest.Export)}}
        EXPORT_DIR=${EXPORT_DIR:-$RECIPE_EXPORT}
        EXPORTS_FILE=${EXPORTS_FILE:-/etc/exports}
        EXPORTS_D=${EXPORTS_D:-/etc/exports.d}
        EXPORTFS=${EXPORTFS:-exportfs}
        # This bundle's export: a file of its own in exports.d, or its lines in the
        # exports file between these two markers.
        EXPORTS_D_FILE="$EXPORTS_D"/{{ShellQuote.Quote(DropInName(guest))}}
        BEGIN_MARK={{ShellQuote.Quote($"# BEGIN xenbundle {guest.Name}: added by setup.sh, removed by teardown.sh")}}
        END_MARK={{ShellQuote.Quote($"# END xenbundle {guest.Name}")}}
        # setup.sh writes this file into the export directory; it refreshes, and teardown.sh
        # --remove-tree removes, only a directory that carries it with this line.
        MARKER={{ShellQuote.Quote(MarkerName)}}
        MARKER_TEXT={{ShellQuote.Quote(MarkerText(guest))}}
        IPTABLES=${IPTABLES:-iptables}
        FIREWALL_CMD=${FIREWALL_CMD:-firewall-cmd}
        NFS_SYSCONFIG=${NFS_SYSCONFIG:-/etc/sysconfig/nfs}
        # What setup.sh opened in the firewall, one opening a line, for teardown.sh to close:
        # "iptables SOURCE PROTO PORT" or "firewalld ZONE SOURCE SERVICE".
        STATE_DIR=${STATE_DIR:-/var/lib/xenbundle}
        STATE_FILE="$STATE_DIR"/{{ShellQuote.Quote($"{guest.Name}.firewall")}}
        DRY_RUN=0
        """;

    /// <summary>Helpers; <paramref name="script"/> names the script in messages.</summary>
    public static string Functions(string script) => $$"""
        die() {
            echo "{{script}}: $*" >&2
            exit 1
        }

        usage_error() {
            echo "{{script}}: $*" >&2
            usage >&2
            exit 2
        }

        step() {
            echo "==> $*"
        }

        # Runs a command; with --dry-run, prints it instead.
        run() {
            if [ "$DRY_RUN" = 1 ]; then
                printf 'would run:'
                printf ' %q' "$@"
                printf '\n'
            else
                "$@"
            fi
        }

        # Prints the path with symbolic links, '.', '..' and '//' resolved; the parts that do
        # not exist yet are taken as written (realpath -m; readlink -m where realpath is missing, EL5 and EL6).
        canonical() {
            realpath -m -- "$1" 2>/dev/null || readlink -m -- "$1"
        }

        # Prints the system directory that is the path, holds it or lies inside it (/var/lib
        # holds /var/lib/nfs: --remove-tree would delete it). The recipe's dom0.export is checked
        # against the same list when the bundle is built.
        system_directory_of() {
            local dir
            for dir in {{string.Join(' ', ExportDirectory.SystemDirectories)}}; do
                case $dir/ in
                    "$1"/*) echo "$dir"; return 0 ;;
                esac
                case $1 in
                    "$dir" | "$dir"/*) echo "$dir"; return 0 ;;
                esac
            done
            return 1
        }

        # The system directory that EXPORT_DIR is, lies in, or holds, in words.
        system_directory_words() {
            if [ "$1" = "$2" ]; then
                echo "is the system directory $2"
            else
                case $1 in
                    "$2"/*) echo "is in the system directory $2" ;;
                    *) echo "holds the system directory $2" ;;
                esac
            fi
        }

        # EXPORT_DIR goes into exports(5) and, with teardown.sh --remove-tree, to rm -rf:
        # only a plain absolute path of a directory of its own will do, as written and once
        # symbolic links are resolved (CANONICAL_EXPORT_DIR).
        check_export_dir() {
            local path shown system
            case $EXPORT_DIR in
                /*) ;;
                *) die "EXPORT_DIR must be an absolute path, not '$EXPORT_DIR'" ;;
            esac
            case $EXPORT_DIR in
                / | *//* | */./* | */. | */../* | */.. | */ | *[!A-Za-z0-9._+/-]*)
                    die "EXPORT_DIR must be a plain directory path (letters, digits, ._+-/), not '$EXPORT_DIR'" ;;
            esac
            CANONICAL_EXPORT_DIR=$(canonical "$EXPORT_DIR")
            for path in "$EXPORT_DIR" "$CANONICAL_EXPORT_DIR"; do
                shown=$EXPORT_DIR
                [ "$path" = "$EXPORT_DIR" ] || shown="$EXPORT_DIR (really $path)"
                if system=$(system_directory_of "$path"); then
                    die "EXPORT_DIR $shown $(system_directory_words "$path" "$system"): the install tree must have a directory of its own"
                fi
                case $path in
                    /*/*) ;;
                    *) die "EXPORT_DIR $shown must be at least two levels deep, like /var/xen/install" ;;
                esac
            done
            if [ "$EXPORT_DIR" != "$RECIPE_EXPORT" ]; then
                echo "{{script}}: note: the guest's kickstart installs from $DOM0:$RECIPE_EXPORT, not from $EXPORT_DIR" >&2
            fi
        }

        # Whether something is at the path: a file, a directory, or a link (even a dangling one).
        present() {
            [ -e "$1" ] || [ -L "$1" ]
        }

        # Whether EXPORT_DIR carries this bundle's marker: a plain file whose line is MARKER_TEXT.
        has_marker() {
            local file="$EXPORT_DIR/$MARKER" line
            [ -f "$file" ] && [ ! -L "$file" ] && IFS= read -r line <"$file" && [ "$line" = "$MARKER_TEXT" ]
        }

        # Fails before anything changes when a path cannot be written (most likely: not
        # root). A path that does not exist yet counts by its nearest existing parent.
        check_writable() {
            local path
            [ "$DRY_RUN" = 0 ] || return 0
            for path in "$@"; do
                while [ ! -e "$path" ]; do
                    path=$(dirname "$path")
                done
                [ -w "$path" ] || die "cannot write $path: run me as root"
            done
        }

        # Removes this bundle's lines (from BEGIN_MARK to END_MARK) from an exports
        # file, keeping every other line and the file itself (owner, mode, SELinux label).
        remove_marked_lines() {
            local file=$1 kept
            if [ ! -f "$file" ] || ! grep -q -x -F -e "$BEGIN_MARK" "$file"; then
                return 0
            fi
            if [ "$DRY_RUN" = 1 ]; then
                echo "would remove the lines of $GUEST from $file"
                return 0
            fi
            kept=$(mktemp)
            awk -v begin="$BEGIN_MARK" -v end="$END_MARK" \
                '$0 == begin { skip = 1; next } skip && $0 == end { skip = 0; next } !skip' "$file" >"$kept"
            cat "$kept" >"$file"
            rm -f "$kept"
        }

        {{Dom0Firewall.Closing}}
        """;
}
