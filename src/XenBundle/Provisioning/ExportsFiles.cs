namespace XenBundle.Provisioning;

/// <summary>
/// setup.sh's part in the exports(5) files: it adds this bundle's export once (a file of its
/// own in /etc/exports.d, else marked lines in /etc/exports), and refuses before anything
/// changes when another export of the same directory, or a read-write one above or below
/// it, would widen what the guests get. The lines are taken out again by
/// <c>remove_marked_lines</c> in <see cref="Dom0ScriptParts"/>, which teardown.sh shares.
/// </summary>
internal static class ExportsFiles
{
    /// <summary>nested, list_exports, other_exports, refuse_wider_exports, append_marked_lines and write_drop_in.</summary>
    public const string Functions = """
        # Whether one of two canonical directories holds the other, or they are one.
        nested() {
            [ "$1" != / ] && [ "$2" != / ] || return 0
            case "$2/" in "$1/"*) return 0 ;; esac
            case "$1/" in "$2/"*) return 0 ;; esac
            return 1
        }

        # Prints "START<tab>RW<tab>PATH<tab>LINE" for each export in an exports file that
        # is not this bundle's: lines continued with a backslash are read as one, comments
        # are skipped. PATH is the first word, ended by any white space as exportfs ends it
        # (a vertical tab, a carriage return of a CRLF file), its double quotes taken out, in printf %b
        # spelling: exports(5) octal escapes (\040) become \0040, other backslashes \\.
        list_exports() {
            LC_ALL=C awk -v begin="$BEGIN_MARK" -v end="$END_MARK" '
                function path_of(text,   i, c, quoted, word) {
                    sub(/^[ \t\r\v\f]+/, "", text)
                    word = ""; quoted = 0
                    for (i = 1; i <= length(text); i++) {
                        c = substr(text, i, 1)
                        if (c == "\"") { quoted = !quoted; continue }
                        if (!quoted && c ~ /[ \t\r\v\f]/) break
                        word = word c
                    }
                    return word
                }
                function printf_b(text,   out, c) {
                    out = ""
                    while (text != "") {
                        if (text ~ /^\\[0-7][0-7][0-7]/) { out = out "\\0" substr(text, 2, 3); text = substr(text, 5); continue }
                        c = substr(text, 1, 1); text = substr(text, 2)
                        if (c == "\\") out = out "\\\\"
                        else if (c == "\t") out = out "\\0011"
                        else out = out c
                    }
                    return out
                }
                $0 == begin { ours = 1; next }
                ours { if ($0 == end) ours = 0; next }
                {
                    text = $0; sub(/#.*/, "", text)
                    if (logical == "") start = FNR
                    if (text ~ /\\[ \t\r\v\f]*$/) { sub(/\\[ \t\r\v\f]*$/, " ", text); logical = logical text; next }
                    line = logical text; logical = ""
                    path = path_of(line)
                    if (path == "") next
                    rw = (line ~ /[(,]rw[,)]/ || line ~ /(^|[ \t\r\v\f])-([^ \t\r\v\f]*,)?rw(,|[ \t\r\v\f]|$)/)
                    printf "%d\t%d\t%s\t%s\n", start, rw, printf_b(path), line
                }' "$1"
        }

        # Prints "KIND FILE:LINE: EXPORT" for each export not written by this bundle whose
        # directory is EXPORT_DIR (KIND "same"), or above or below it and read-write
        # ("rw"). Both sides are compared canonically: escapes decoded, then '.', '..',
        # '//' and symbolic links resolved, so no other spelling of a directory slips by.
        other_exports() {
            local file start rw path line exported kind
            for file in "$EXPORTS_FILE" "$EXPORTS_D"/*.exports; do
                if [ ! -f "$file" ] || [ "$file" = "$EXPORTS_D_FILE" ]; then
                    continue
                fi
                while IFS=$'\t' read -r start rw path line; do
                    path=$(printf '%b' "$path")
                    case $path in
                        /*) ;;
                        *) continue ;;
                    esac
                    exported=$(canonical "$path")
                    if [ "$exported" = "$CANONICAL_EXPORT_DIR" ]; then
                        kind=same
                    elif [ "$rw" = 1 ] && nested "$exported" "$CANONICAL_EXPORT_DIR"; then
                        kind=rw
                    else
                        continue
                    fi
                    echo "$kind $file:$start: $line"
                done < <(list_exports "$file")
            done
        }

        # Stops before anything changes when adding this bundle's export would widen
        # someone else's, or the tree would be writable through another export.
        refuse_wider_exports() {
            local found kind where
            found=$(other_exports)
            [ -n "$found" ] || return 0
            kind=${found%% *}
            where=${found#* }
            where=${where%%$'\n'*}
            if [ "$kind" = same ]; then
                die "$where: $EXPORT_DIR is exported there already, and not by this bundle: adding this bundle's export would widen it (more clients, no_root_squash). Remove that export, or set EXPORT_DIR to another directory."
            fi
            die "$where: that export is read-write and holds $EXPORT_DIR or lies inside it: the install tree would be writable through it. Make it read-only, or set EXPORT_DIR elsewhere."
        }

        # Appends this bundle's lines to the exports file, on a line of their own.
        append_marked_lines() {
            local file=$1 line=$2
            if [ "$DRY_RUN" = 1 ]; then
                echo "would add to $file: $line"
                return 0
            fi
            if [ -s "$file" ] && [ -n "$(tail -c 1 "$file")" ]; then
                echo >>"$file"
            fi
            printf '%s\n' "$BEGIN_MARK" "$line" "$END_MARK" >>"$file"
        }

        write_drop_in() {
            local line=$1
            if [ "$DRY_RUN" = 1 ]; then
                echo "would write $EXPORTS_D_FILE: $line"
                return 0
            fi
            printf '%s\n' "$BEGIN_MARK" "$line" >"$EXPORTS_D_FILE"
        }
        """;
}
