#!/bin/sh
# make lint's layer check: the real tree passes; a copy with a wrong-way include, a private
# header used across folders or curses outside src/ui is refused at the file and line.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
top=$(cd "$here/../.." && pwd)
check="$top/src/build/check_layers.sh"

run sh "$check" "$top/src"
expect_rc 0 "the tree as it is"
[ -z "$T_OUT" ] || fail "the tree as it is: unexpected output $T_OUT"

plant() { # FILE LINE: a copy of src/ with LINE added after the first line of FILE
	rm -rf "$T_DIR/src"
	cp -R "$top/src" "$T_DIR/src"
	sed -i "1a $2" "$T_DIR/src/$1"
}

plant model/risk.c '#include "ui/ui.h"'
run sh "$check" "$T_DIR/src"
expect_rc 1 "model including ui"
expect_out "src/model/risk.c:2: model may not include ui/ui.h: ui is a higher layer" "model including ui"

plant aws/client.c '#include "evidence/run.h"'
run sh "$check" "$T_DIR/src"
expect_rc 1 "aws including evidence"
expect_out "src/aws/client.c:2: aws may not include evidence/run.h" "aws including evidence"

plant util/err.c '# include "store/lock.h"'
run sh "$check" "$T_DIR/src"
expect_rc 1 "spaced include"
expect_out "src/util/err.c:2: util may not include store/lock.h" "spaced include"

plant evidence/run.c '#include "aws/proto_int.h"'
run sh "$check" "$T_DIR/src"
expect_rc 1 "private header"
expect_out "src/evidence/run.c:2: aws/proto_int.h is private to src/aws" "private header"

plant report/report.c '#include <ncursesw/curses.h>'
run sh "$check" "$T_DIR/src"
expect_rc 1 "curses outside ui"
expect_out "src/report/report.c:2: only src/ui may include curses" "curses outside ui"

# A higher layer including a lower one is the normal direction.
plant cli/cli.c '#include "util/err.h"'
run sh "$check" "$T_DIR/src"
expect_rc 0 "downward include"

# A new folder must be placed in the order before it can be used.
rm -rf "$T_DIR/src" && cp -R "$top/src" "$T_DIR/src" && mkdir "$T_DIR/src/extra" &&
	printf '#include "util/err.h"\n' >"$T_DIR/src/extra/x.c"
run sh "$check" "$T_DIR/src"
expect_rc 1 "unknown folder"
expect_out "folder not in the layer list" "unknown folder"

finish
