# Helpers for the CLI tests: each test script sources this, runs $WA and checks results.
# A failed check prints what was expected and marks the script failed; the script goes on
# so one run shows every broken check. End each script with `finish`.
set -u
T_FAILS=0
T_CHECKS=0
T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/wa-cli.XXXXXX")
trap 'rm -rf "$T_DIR"' EXIT
export SOURCE_DATE_EPOCH=1795000000   # stable timestamps in review files
export NO_COLOR=1

fail() { T_FAILS=$((T_FAILS + 1)); echo "not ok: $*"; }

# run CMD...: runs it, keeping stdout in $T_OUT, stderr in $T_ERR and status in $T_RC.
run() {
	"$@" >"$T_DIR/out" 2>"$T_DIR/err"
	T_RC=$?
	T_OUT=$(cat "$T_DIR/out")
	T_ERR=$(cat "$T_DIR/err")
}

expect_rc() {
	T_CHECKS=$((T_CHECKS + 1))
	[ "$T_RC" = "$1" ] || fail "${2:-}: exit status $T_RC, expected $1 (stderr: $T_ERR)"
}

# expect_out|expect_err TEXT [LABEL]: fixed-string containment.
expect_out() {
	T_CHECKS=$((T_CHECKS + 1))
	printf '%s\n' "$T_OUT" | grep -qF -- "$1" || fail "${2:-}: stdout lacks '$1'; got: $T_OUT"
}
expect_err() {
	T_CHECKS=$((T_CHECKS + 1))
	printf '%s\n' "$T_ERR" | grep -qF -- "$1" || fail "${2:-}: stderr lacks '$1'; got: $T_ERR"
}
expect_err_lines() {
	T_CHECKS=$((T_CHECKS + 1))
	n=$(printf '%s\n' "$T_ERR" | grep -c .)
	[ "$n" = "$1" ] || fail "${2:-}: stderr has $n lines, expected $1: $T_ERR"
}
expect_same_file() {
	T_CHECKS=$((T_CHECKS + 1))
	cmp -s "$1" "$2" || fail "${3:-}: $1 changed"
}

finish() {
	echo "$T_CHECKS checks, $T_FAILS failed"
	[ "$T_FAILS" -eq 0 ]
}
