namespace XenBundle.Provisioning;

/// <summary>
/// setup.sh's copy of install/ into the export directory. The copy deletes what the tree
/// lacks, so it goes only into a directory that carries this bundle's marker (or is empty),
/// and never into one that holds the guest's disk image.
/// </summary>
internal static class TreeCopy
{
    /// <summary>refuse_foreign_directory, write_marker and copy_tree: the marker goes in before the tree.</summary>
    public const string Functions = """
        # Stops before anything changes when EXPORT_DIR holds files that an earlier setup.sh of
        # this bundle did not put there: the copy replaces the directory's content exactly
        # (what the tree lacks is deleted), and the export gives it to the guests as root.
        refuse_foreign_directory() {
            local content
            if ! present "$EXPORT_DIR"; then
                return 0
            fi
            [ -d "$EXPORT_DIR" ] || die "$EXPORT_DIR is not a directory: set EXPORT_DIR to another one"
            has_marker && return 0
            content=$(ls -A "$EXPORT_DIR")
            if [ -n "$content" ]; then
                die "$EXPORT_DIR is not empty and has no $MARKER naming this bundle ('$MARKER_TEXT'): setup.sh copies only into a directory it made. Empty or remove it, or set EXPORT_DIR to another directory."
            fi
        }

        # The marker goes in before the tree, so that a copy cut short can be run again.
        write_marker() {
            if has_marker; then
                return 0
            fi
            if [ "$DRY_RUN" = 1 ]; then
                echo "would write $EXPORT_DIR/$MARKER: $MARKER_TEXT"
                return 0
            fi
            printf '%s\n' "$MARKER_TEXT" >"$EXPORT_DIR/$MARKER"
        }

        # Makes EXPORT_DIR hold exactly the tree, with its modes and hard links, and the
        # marker: what an earlier copy left and this tree lacks goes. A marker in the tree
        # itself is not copied. Without rsync: empty the directory but for the marker, then cp -a.
        copy_tree() {
            if command -v "$RSYNC" >/dev/null 2>&1; then
                run "$RSYNC" -aH --delete --exclude="/$MARKER" "$TREE/" "$EXPORT_DIR/"
            else
                run find "$EXPORT_DIR" -mindepth 1 -maxdepth 1 ! -name "$MARKER" -exec rm -rf -- {} +
                run find "$TREE" -mindepth 1 -maxdepth 1 ! -name "$MARKER" -exec cp -a -t "$EXPORT_DIR" -- {} +
            fi
        }
        """;

    /// <summary>
    /// refuse_disk_in_export: run before the check too (even with --check), since a disk inside
    /// the export is lost on the first copy whatever else the Dom0 offers.
    /// </summary>
    public const string DiskGuard = """
        # The disk image inside the export would be deleted by the next copy and exported to the guest.
        refuse_disk_in_export() {
            local disk
            disk=$(canonical "$DISK")
            case $disk/ in
                "$CANONICAL_EXPORT_DIR"/*)
                    die "the guest's disk $DISK lies inside EXPORT_DIR $EXPORT_DIR: the copy replaces the export's content on every run, deleting the disk, and exports it to the guest. Set EXPORT_DIR elsewhere." ;;
            esac
        }
        """;
}
