#!/bin/sh
# A review from the command line: create, answer, status; and every bad review file refused
# with file:line:column, exit 2, and the file left as it was.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1

run "$WA" new shop.yaml --name "Web shop" --environment production --criticality high \
	--availability 99.95 --rto 4h --rpo 15m --region eu-west-1,us-east-1 \
	--account 012345678901 --participant "Ana Silva:facilitator" --participant Bo
expect_rc 0 "new"
expect_out "created shop.yaml" "new"
T_CHECKS=$((T_CHECKS + 1))
[ "$(stat -c %a shop.yaml)" = 600 ] || fail "new review is not mode 0600"
T_CHECKS=$((T_CHECKS + 1))
grep -q '"012345678901"' shop.yaml || fail "account ID with a leading zero not kept as text"

# Durations as calc reads them, account IDs as the console shows them, a role in brackets:
# read by the same parsers as the wizard's form, saved in the file's one form.
run "$WA" new people.yaml --rto "4 hours" --rpo 1h30m --account 1111-2222-3333 \
	--participant "Ravi Kumar [ops]" --participant "Mei (SRE)"
expect_rc 0 "new with the forms people write"
T_CHECKS=$((T_CHECKS + 1))
grep -q '^  rto: 4h$' people.yaml && grep -q '^  rpo: 1h30m$' people.yaml ||
	fail "durations not kept as 4h and 1h30m: $(grep -E 'rto|rpo' people.yaml)"
T_CHECKS=$((T_CHECKS + 1))
grep -q '"111122223333"' people.yaml || fail "account ID not kept as its 12 digits"
T_CHECKS=$((T_CHECKS + 1))
grep -A1 'name: Ravi Kumar' people.yaml | grep -q 'role: ops' || fail "Ravi Kumar's role lost"
run "$WA" new bad.yaml --participant "Ravi ops]"
expect_rc 2 "--participant with a stray bracket"
expect_err "a role goes in brackets after the name"

run "$WA" new shop.yaml
expect_rc 2 "new over an existing file"
expect_err "already exists"

for bad in "--availability 100" "--availability abc" "--rto 4x" "--rpo -5m" \
	"--region mars-1" "--account 12345" "--environment prod" "--criticality extreme"; do
	# shellcheck disable=SC2086
	run "$WA" new other.yaml $bad
	expect_rc 2 "new $bad"
	T_CHECKS=$((T_CHECKS + 1))
	[ ! -e other.yaml ] || { fail "new $bad wrote a file"; rm -f other.yaml; }
done

run "$WA" answer shop.yaml REL01 --select BP01,REL01-BP02,BP03,BP04,BP05,BP06
expect_rc 0 "answer all of REL01"
expect_out "REL01: NONE (6 of 6" "all selected is no risk"
run "$WA" answer shop.yaml REL01 --select BP01,BP02,BP04,BP05,BP06
expect_out "REL01: MEDIUM" "missing medium BP03"
run "$WA" answer shop.yaml REL01 --select BP03
expect_out "REL01: HIGH" "missing high BPs"
run "$WA" answer shop.yaml REL04 --select BP01,BP02,BP04
expect_out "REL04: NONE" "only the low-risk BP03 missing"
run "$WA" answer shop.yaml REL06 --none --flag --note "Alarms: none yet — 監視なし 🙈
second line"
expect_out "REL06: HIGH" "none of these"
expect_out "flagged for follow-up" "flag"
run "$WA" answer shop.yaml REL12 --not-applicable out_of_scope --na-note "Platform team owns it"
expect_out "REL12: NOT_APPLICABLE" "not applicable"

run "$WA" status shop.yaml --json
expect_rc 0 "status --json"
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - "$T_DIR/out" <<'PY' || fail "status --json content"
import json, sys
d = json.load(open(sys.argv[1]))
q = {x["id"]: x for x in d["questions"]}
assert d["overall"] == {"total": 13, "answered": 4, "high": 2, "medium": 0, "none": 1, "not_applicable": 1}, d["overall"]
assert q["REL01"]["risk"] == "HIGH" and q["REL01"]["selected"] == ["REL01-BP03"]
assert q["REL06"]["none_of_these"] and q["REL06"]["flagged"]
assert q["REL12"]["not_applicable"] == "out_of_scope"
assert q["REL13"]["risk"] == "UNANSWERED"
fa = {a["id"]: a for a in d["areas"]}
assert fa["foundations"]["high"] == 1 and fa["foundations"]["answered"] == 1
PY

run "$WA" status shop.yaml --fail-on high
expect_rc 1 "--fail-on high with high risks"
run "$WA" answer shop.yaml REL01 --clear --select BP01,BP02
run "$WA" answer shop.yaml REL06 --select BP01,BP02,BP03 --unflag
run "$WA" status shop.yaml --fail-on high
expect_rc 0 "--fail-on high once no question is high"

# The notes survive a round trip byte for byte.
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - shop.yaml <<'PY' || fail "notes round trip"
import yaml, sys
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
assert d["answers"]["REL06"]["notes"] == "Alarms: none yet — 監視なし 🙈\nsecond line", repr(d["answers"]["REL06"]["notes"])
assert "none_of_these" not in d["answers"]["REL06"]
assert d["answers"]["REL12"]["not_applicable"] == {"reason": "out_of_scope", "note": "Platform team owns it"}
assert list(d)[:4] == ["schema", "question_set", "created", "updated"], list(d)
PY
T_CHECKS=$((T_CHECKS + 1))
[ -f shop.yaml~ ] || fail "no backup shop.yaml~ after saves"

# Bad answers: exit 2, file unchanged.
cp shop.yaml before.yaml
run "$WA" answer shop.yaml REL99 --flag
expect_rc 2 "unknown question"
expect_err "no question 'REL99'"
run "$WA" answer shop.yaml REL01 --select BP09
expect_rc 2 "unknown best practice"
expect_err "'BP09' is not a best practice of REL01"
run "$WA" answer shop.yaml REL01 --none --select BP01
expect_rc 2 "--none with --select"
run "$WA" answer shop.yaml REL01 --not-applicable because
expect_rc 2 "bad N/A reason"
run "$WA" answer shop.yaml REL01
expect_rc 2 "nothing to change"
expect_same_file shop.yaml before.yaml "after refused answers"

# Bad review files: one line naming file:line:column, exit 2, file untouched.
bad() { # FILE (already written), expected message part
	cp "$1" "$1.orig"
	run "$WA" status "$1"
	expect_rc 2 "status $1"
	expect_err "$2" "$1"
	expect_err_lines 1 "$1"
	run "$WA" answer "$1" REL01 --flag
	expect_rc 2 "answer $1"
	expect_same_file "$1" "$1.orig" "$1"
}
sed 's/^schema: 1$/schema: 7/' shop.yaml >newer.yaml
bad newer.yaml "newer.yaml:2:9: written by a newer wa-review (schema 7); this version reads schema 1"
# Cut at several points, none of them at the end of a line.
for cut in 120 300 555 $(( $(wc -c <shop.yaml) - 3 )); do
	head -c "$cut" shop.yaml >trunc.yaml
	[ "$(tail -c 1 trunc.yaml | od -An -c | tr -d ' ')" = '\n' ] && head -c $((cut - 1)) shop.yaml >trunc.yaml
	bad trunc.yaml "trunc.yaml:"
	T_CHECKS=$((T_CHECKS + 1))
	grep -q "truncated\|did not find\|could not find\|unexpected end" "$T_DIR/err" || fail "cut at $cut: message does not say what is wrong: $(cat "$T_DIR/err")"
done
printf 'schema: 1\nquestion_set: {id: reliability, framework_version: "2024-11-06"}\nworkload:\n  name: "caf\351"\n' >utf8.yaml
bad utf8.yaml "utf8.yaml:4:"
sed 's/^  REL06:$/  REL66:/' shop.yaml >unknownq.yaml
bad unknownq.yaml "REL66: no such question"
printf 'schema: 1\nworkload: {name: x}\nworkload: {name: y}\n' >dupkey.yaml
bad dupkey.yaml "dupkey.yaml:3:1: "

# A second process holding the edit lock: answer is refused, nothing written.
if command -v flock >/dev/null; then
	cp shop.yaml before.yaml
	( flock -x 9; sleep 2 ) 9>shop.yaml.lock &
	sleep 0.3
	run "$WA" answer shop.yaml REL02 --flag
	expect_rc 2 "locked review"
	expect_err "being edited by another"
	expect_same_file shop.yaml before.yaml "locked review"
	wait
fi

finish
