#!/bin/sh
# The layers of src/, lowest first. A file may include headers of its own folder and of the
# folders before it in LAYERS, never of a folder after it, so the dependency graph points one
# way (README, "Source layout"). Also: a folder's *_int.h is private to it, and curses is
# included only by src/ui (through src/ui/curses.h).
# Usage: check_layers.sh [SRC_DIR]   (default src). Prints one line per violation, file:line
# first, and exits 1 if there is any.
set -u
LAYERS="util jmespath aws model evidence store report sync ui cli"
src=${1:-src}

rank() {
	r=0
	for l in $LAYERS; do
		[ "$l" = "$1" ] && { echo $r; return; }
		r=$((r + 1))
	done
	echo -1
}

bad=0
for dir in "$src"/*/; do
	layer=$(basename "$dir")
	[ "$layer" = build ] && continue
	mine=$(rank "$layer")
	if [ "$mine" -lt 0 ]; then
		echo "$src/$layer: folder not in the layer list ($LAYERS); add it to src/build/check_layers.sh"
		bad=1
		continue
	fi
	# file:line:header for every quoted include of another folder, and every curses include.
	out=$(grep -nHE '^[[:space:]]*#[[:space:]]*include[[:space:]]*("[a-z_]+/[^"]+"|<(n?curses|ncursesw/)[^>]*>)' \
		"$dir"*.c "$dir"*.h 2>/dev/null)
	[ -n "$out" ] || continue
	while IFS= read -r hit; do
		file=${hit%%:*}
		rest=${hit#*:}
		line=${rest%%:*}
		inc=$(echo "$rest" | sed -E 's/^[0-9]+:[[:space:]]*#[[:space:]]*include[[:space:]]*["<]([^">]+)[">].*/\1/')
		case $inc in
		curses.h | ncurses.h | ncursesw/*)
			if [ "$layer" != ui ]; then
				echo "$file:$line: only src/ui may include curses ($inc)"
				bad=1
			fi
			continue
			;;
		esac
		other=${inc%%/*}
		[ "$other" = "$layer" ] && continue
		theirs=$(rank "$other")
		if [ "$theirs" -lt 0 ]; then
			continue # not a folder of ours (e.g. <cjson/cJSON.h> spelled with quotes)
		fi
		if [ "$theirs" -gt "$mine" ]; then
			echo "$file:$line: $layer may not include $inc: $other is a higher layer (lowest first: $LAYERS)"
			bad=1
		fi
		case $inc in
		*_int.h)
			echo "$file:$line: $inc is private to src/$other"
			bad=1
			;;
		esac
	done <<EOF
$out
EOF
done
exit $bad
