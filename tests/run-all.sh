#!/bin/sh
# `make test`: unit and CLI tests on the normal build, the same under ASan+UBSan, then each
# fuzz target for a short smoke run ($FUZZ_SMOKE seconds, 5 by default). Ends with one line
# "tests: N passed, N failed" counting the suites of every stage.
set -u
build=$1
mk=$2
total_pass=0
total_fail=0
tally() {
	# Adds the "name: N passed, N failed" line of a log to the totals.
	line=$(grep -E '^[a-z]+: [0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1)
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
	total_pass=$((total_pass + ${p:-0}))
	total_fail=$((total_fail + ${f:-1}))
}
log=$(mktemp)
status=0
for stage in "unit" "cli" "asan" "fuzz"; do
	echo "== $stage"
	case $stage in
	asan) $mk asan >"$log" 2>&1 ;;
	fuzz) $mk fuzz FUZZ_SECONDS="${FUZZ_SMOKE:-5}" >"$log" 2>&1 ;;
	*) $mk "$stage" >"$log" 2>&1 ;;
	esac
	rc=$?
	cat "$log"
	if [ "$stage" = asan ]; then
		# The ASan stage prints a unit line and a cli line; count both.
		grep -E '^unit: ' "$log" >"$log.u"; tally "$log.u"
		grep -E '^cli: ' "$log" >"$log.c"; tally "$log.c"
		rm -f "$log.u" "$log.c"
	else
		tally "$log"
	fi
	[ $rc -eq 0 ] || status=1
done
rm -f "$log"
echo "tests: $total_pass passed, $total_fail failed"
exit $status
