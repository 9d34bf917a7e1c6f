#!/bin/sh
# Crash safety of saves: a process saving reviews in a loop is SIGKILLed at random moments;
# after every kill the review must still be one complete, valid review, and temporary files
# must not pile up (at most the one the killed process was writing).
#
# Needs WA_TOOLS (directory holding the built crashsave tool). ITERATIONS overrides 200.
set -u

tool="${WA_TOOLS:?WA_TOOLS must name the directory of built test tools}/crashsave"
iterations="${ITERATIONS:-200}"
[ -x "$tool" ] || { echo "test_crash_safety: $tool not built" >&2; exit 1; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/wa-crash.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM
file="$dir/review.yaml"

fail() {
	echo "test_crash_safety: FAIL: $*" >&2
	exit 1
}

# A first complete save, so there is always a previous version to protect.
"$tool" "$file" 1 || fail "the first save failed"
first=$("$tool" --check "$file") || fail "the first save does not check"

# Random delays of 0-20 ms, drawn up front (POSIX sh has no $RANDOM); every tenth is 300 ms
# so saves complete even on a loaded machine or a sanitizer build, where one takes longer.
delays=$(awk -v n="$iterations" -v seed="$$" 'BEGIN { srand(seed);
	for (i = 0; i < n; i++) printf "%.3f\n", (i % 10 == 9) ? 0.3 : rand() * 0.020 }')

i=0
last=$first
start=$(date +%s)
for delay in $delays; do
	i=$((i + 1))
	"$tool" "$file" &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null

	[ -f "$file" ] || fail "iteration $i: $file is missing"
	now=$("$tool" --check "$file") || fail "iteration $i: $file is not a complete review"
	[ "$now" -ge "$last" ] || fail "iteration $i: counter went back from $last to $now"
	last=$now

	temps=$(ls -A "$dir" | grep -c '^\.review\.yaml\.tmp')
	[ "$temps" -le 1 ] || fail "iteration $i: $temps temporary files left: $(ls -A "$dir")"
	if [ $(( $(date +%s) - start )) -gt 60 ]; then
		fail "iteration $i: taking over 60 s"
	fi
done

[ "$i" -ge "$iterations" ] || fail "only $i iterations ran"
[ "$last" -gt "$first" ] || fail "no save completed in $i iterations (counter stayed $first)"
# The ~ backup is a complete earlier review too.
"$tool" --check "$file~" >/dev/null || fail "$file~ is not a complete review"
echo "test_crash_safety: ok ($i kills, $((last - first)) saves completed, $(( $(date +%s) - start )) s)"
