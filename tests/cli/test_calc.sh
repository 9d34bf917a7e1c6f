#!/bin/sh
# wa-review calc: the pillar guide's worked examples, MTBF/MTTR and the tiers table, checked
# against values python computes on its own from the formulas (series = product, parallel =
# 1 - product of unavailabilities, MTBF / (MTBF + MTTR), downtime = (1 - a) * period with a
# 365-day year and a month of a twelfth of it); and every bad expression refused with its
# column, exit 2, one line.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1

# json_check EXPECTED-AVAILABILITY (a python expression): compares the --json output in
# $T_DIR/out with it, and its downtimes with the definitions above.
json_check() {
	T_CHECKS=$((T_CHECKS + 1))
	/usr/bin/python3 - "$T_DIR/out" "$1" <<'PY' || fail "calc --json for $1"
import json, sys
d = json.load(open(sys.argv[1]))
want = eval(sys.argv[2])
a = d["availability"]
assert abs(a - want) < 1e-12, (a, want)
year = 365 * 86400
down = d["downtime_seconds"]
for key, secs in (("year", year), ("month", year / 12), ("week", 7 * 86400), ("day", 86400)):
    assert abs(down[key] - (1 - want) * secs) < 1e-6, (key, down[key], (1 - want) * secs)
PY
}

# The guide: 99.9% three times in series is 99.7%.
run "$WA" calc --json '99.9% * 99.9% * 99.9%'
expect_rc 0 "series example"
json_check "0.999 ** 3"
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 -c "import json,sys; a=json.load(open('$T_DIR/out'))['availability']; assert round(a*100, 1) == 99.7, a" ||
	fail "99.9%^3 does not round to the guide's 99.7%"
run "$WA" calc --json '99.9%^3'
json_check "0.999 ** 3"
run "$WA" calc '0.999 * 0.999 * 0.999'
expect_out "availability        99.7002999%" "series as text"
# 0.001 of a year is 31,536 s = 8 h 45 min 36 s; three in series lose 0.002997001 of it.
expect_out "downtime per year   1d 2h 15m 13s" "series downtime per year"

# The guide: two 99.9% copies in parallel, 1 - (0.001)^2 = 99.9999%.
run "$WA" calc --json '0.999 | 0.999'
expect_rc 0 "parallel example"
json_check "1 - (1 - 0.999) ** 2"
run "$WA" calc '99.9% | 99.9%'
expect_out "availability        99.9999%" "parallel as text"
expect_out "downtime per year   31.5s" "parallel downtime: a millionth of a year"

# The issue's mixed example, and the same written with percentages and unquoted words.
run "$WA" calc --json '0.9999 * (0.999 | 0.999) * 0.9995'
expect_rc 0 "mixed example"
json_check "0.9999 * (1 - (1 - 0.999) * (1 - 0.999)) * 0.9995"
run "$WA" calc --json 99.99% '*' '(99.9' '|' '99.9)' '*' 99.95
json_check "0.9999 * (1 - 0.001 * 0.001) * 0.9995"
run "$WA" calc '0.9999 * (0.999 | 0.999) * 0.9995'
expect_out "availability        99.9399051%" "mixed as text"

# '*' binds tighter than '|': 0.9 * 0.9 | 0.5 is (0.81) | 0.5.
run "$WA" calc --json '0.9 * 0.9 | 0.5'
json_check "1 - (1 - 0.81) * (1 - 0.5)"

# MTBF and MTTR.
run "$WA" calc --json --mtbf 720h --mttr 30m
expect_rc 0 "mtbf/mttr"
json_check "720 / (720 + 0.5)"
run "$WA" calc --mtbf "30 days" --mttr "1 hour 30 minutes"
expect_out "availability" "mtbf words"
run "$WA" calc --json --mtbf "30 days" --mttr "1 hour 30 minutes"
json_check "720 / (720 + 1.5)"

# The tiers table, with downtimes known by heart: 99.9% is 8.76 h a year, 43.8 min a month,
# 10.08 min a week; 99.99% 52.56 min a year; 99.999% 5.26 min a year.
run "$WA" calc --tiers
expect_rc 0 "tiers"
for tier in "90%" "99%" "99.9%" "99.95%" "99.99%" "99.999%"; do
	T_CHECKS=$((T_CHECKS + 1))
	printf '%s\n' "$T_OUT" | grep -q "^$tier " || fail "tiers table lacks $tier"
done
expect_out "99.9%         three nines             8h 45m 36s      43m 48s      10m 5s" "99.9% row"
expect_out "52m 34s" "99.99% a year"
expect_out "5m 15s" "99.999% a year"
expect_out "36d 12h" "90% a year"
run "$WA" calc --tiers --json
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - "$T_DIR/out" <<'PY' || fail "tiers --json"
import json, sys
rows = json.load(open(sys.argv[1]))
assert [r["percent"] for r in rows] == ["90%", "99%", "99.9%", "99.95%", "99.99%", "99.999%"], rows
for r in rows:
    a = r["availability"]
    assert abs(r["downtime_seconds"]["year"] - (1 - a) * 365 * 86400) < 1e-6
    assert abs(r["downtime_seconds"]["week"] - (1 - a) * 7 * 86400) < 1e-6
PY

# Bad expressions: exit 2, one line naming the column.
bad() { # EXPR COLUMN MESSAGE-PART
	run "$WA" calc "$1"
	expect_rc 2 "calc '$1'"
	expect_err "wa-review: calc: column $2: " "calc '$1' column"
	expect_err "$3" "calc '$1' message"
	expect_err_lines 1 "calc '$1'"
	T_CHECKS=$((T_CHECKS + 1))
	[ -z "$T_OUT" ] || fail "calc '$1' printed on stdout: $T_OUT"
}
bad '0.9 *' 6 "expected a number or '(', found the end of the expression"
bad '0.9 ** 0.8' 6 "found '*'"
bad '(0.9 | 0.8' 11 "expected ')' to close the '(' at column 1"
bad '0.9 0.8' 5 "expected '*', '|' or the end, found '0'"
bad '0.9 * abc' 7 "found 'a'"
bad '150' 1 "neither a fraction (0 to 1) nor a percentage"
bad '0.5 * 101%' 7 "above 100%"
bad '0.9^0' 5 "1 to 1000 copies"
bad '0.9 × 0.8' 5 "found '×'"
bad ' ' 2 "the expression is empty"

# Usage errors.
run "$WA" calc
expect_rc 2 "calc alone"
expect_err "give an expression"
run "$WA" calc --mtbf 720h
expect_rc 2 "--mtbf alone"
expect_err "--mtbf and --mttr go together"
run "$WA" calc --mtbf 720 --mttr 30m
expect_rc 2 "--mtbf without unit"
expect_err "--mtbf: '720' is not a duration"
run "$WA" calc --mtbf 0h --mttr 30m
expect_rc 2 "--mtbf zero"
run "$WA" calc --tiers 0.9
expect_rc 2 "--tiers with an expression"
run "$WA" calc 0.9 --mtbf 1h --mttr 1m
expect_rc 2 "expression and mtbf"
run "$WA" calc --frobnicate
expect_rc 2 "unknown option"

# Help and man page.
run "$WA" calc --help
expect_rc 0 "calc --help"
for o in --mtbf --mttr --tiers --json; do expect_out "$o" "calc --help mentions $o"; done
run "$WA" --help
for cmd in calc import-components import-incidents; do expect_out "  $cmd" "--help lists $cmd"; done
for w in calc import-components import-incidents --mtbf --mttr --tiers --overwrite --replace \
	--format components external_apis incidents downtime_cost_per_hour downtime_cost_currency \
	redundancy availability_zones depends_on single_points_of_failure; do
	T_CHECKS=$((T_CHECKS + 1))
	sed 's/\\-/-/g; s/\\f[BIR]//g' "$TESTS_CLI/../../man/wa-review.1" | grep -qF -- "$w" ||
		fail "man page lacks $w"
done

finish
