#!/bin/sh
# Every saved fuzz crash (tests/fuzz/regressions/TARGET-ID) replays through its target
# without crashing, in this build (the sanitizer pass runs it again under ASan+UBSan); every
# target has a replay program, and no saved input names a target that does not exist.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
top=$(cd "$here/../.." && pwd)
: "${WA_TOOLS:?WA_TOOLS must name the test tools folder}"

n_targets=0
for src in "$top"/tests/fuzz/fuzz_*.c; do
	t=$(basename "$src" .c)
	n_targets=$((n_targets + 1))
	T_CHECKS=$((T_CHECKS + 1))
	[ -x "$WA_TOOLS/replay_$t" ] || fail "no replay program for $t (make builds replay_$t)"
done

n=0
for f in "$top"/tests/fuzz/regressions/fuzz_*; do
	[ -f "$f" ] || continue
	name=$(basename "$f")
	t=${name%%-*}
	T_CHECKS=$((T_CHECKS + 1))
	if [ ! -f "$top/tests/fuzz/$t.c" ]; then
		fail "$name names no fuzz target ($t)"
		continue
	fi
	run "$WA_TOOLS/replay_$t" "$f"
	[ "$T_RC" = 0 ] || fail "$name: $t exited $T_RC: $(printf '%s' "$T_ERR" | head -n 5)"
	n=$((n + 1))
done
# Each target has at least its seed input replayed, so a target that crashes on the
# simplest input is caught here too, not only by a fuzzing run.
for t in $(cd "$top/tests/fuzz/seeds" && ls); do
	for f in "$top/tests/fuzz/seeds/$t"/*; do
		run "$WA_TOOLS/replay_$t" "$f"
		expect_rc 0 "seed $t/$(basename "$f")"
	done
done
echo "$n saved inputs replayed over $n_targets targets"
finish
