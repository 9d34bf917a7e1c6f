#!/bin/sh
# wa-review roadmap: the plan as text, and per-item settings saved under the edit lock,
# checked before anything is written, and kept when the answers change.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1
cp "$TESTS_CLI/data/report_review.yaml" r.yaml
chmod 600 r.yaml

run "$WA" roadmap r.yaml
expect_rc 0 "roadmap"
expect_out "business criticality high"
expect_out "Not answered yet, so not in the plan: REL03 REL04 REL05 REL07 REL08 REL10 REL11 REL13"
expect_out "Phase 1: quick wins (weeks 1-2)"
expect_out "Phase 2: high-impact improvements (weeks 3-8)"
expect_out "Phase 3: advanced reliability (weeks 9-12)"
expect_out "    1  REL09-BP02  P1  high   high   low       1  2026-11-07  -                  planned" "rank 1 line"
expect_out "Secure and encrypt backups  [confirmed by evidence]"
expect_out "4*  2026-11-28  Mei Tanaka         in progress" "the team's week is marked"
expect_out "Week 1 starts on 2026-11-01 (the review's creation date)."
# The won't-do item is out of the plan's counts and lists, in a section of its own.
expect_out "19 best practices not in place: 18 in the plan (17 open, 1 done), 1 not planned."
expect_out "Not planned (won't do)
  REL02-BP05  Enforce non-overlapping" "won't-do section"
T_CHECKS=$((T_CHECKS + 1))
[ "$(printf '%s\n' "$T_OUT" | grep -c 'REL02-BP05')" = 1 ] || fail "won't-do item listed in the plan"
expect_out "Priority matrix: High risk / high impact"

# Set an owner, a week past the plan and a status.
run "$WA" roadmap r.yaml --set REL06-BP03 --owner "Mei | SRE" --week 14 --status in_progress
expect_rc 0 "--set"
expect_out "REL06-BP03: rank 18, P1, After the plan" "--set prints the item"
expect_out "After the plan, week 14, owner Mei | SRE, in progress"
T_CHECKS=$((T_CHECKS + 1))
[ "$(stat -c %a r.yaml)" = 600 ] && [ -f r.yaml~ ] || fail "saved review mode/backup"
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - r.yaml <<'PY' || fail "roadmap section in the file"
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
it = d["roadmap"]["items"]
assert list(it) == ["REL01-BP03", "REL02-BP02", "REL02-BP05", "REL06-BP03", "REL09-BP01"], list(it)
x = it["REL06-BP03"]
assert x["owner"] == "Mei | SRE" and x["week"] == 14 and x["status"] == "in_progress", x
assert list(x) == ["owner", "week", "status", "updated"], list(x)
assert x["updated"] == d["updated"]
PY
run "$WA" roadmap r.yaml
expect_out "After the plan (week 13 and later)"
# A week set by hand moves the item to that week's phase, last in the plan.
expect_out "   18  REL06-BP03  P1  high   high   low     14*  2027-02-06  Mei | SRE          in progress"

# Settings survive re-prioritization: a new criticality and new answers.
sed 's/business_criticality: high/business_criticality: low/' r.yaml >tmp.yaml && mv tmp.yaml r.yaml
"$WA" answer r.yaml REL06 --select BP01,BP02 >/dev/null
run "$WA" roadmap r.yaml --json
T_CHECKS=$((T_CHECKS + 1))
printf '%s\n' "$T_OUT" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
by = {i["id"]: i for i in d["roadmap"]["items"]}
assert d["roadmap"]["criticality"] == "low"
x = by["REL06-BP03"]
assert (x["owner"], x["week"], x["status"], x["phase"]) == ("Mei | SRE", 14, "in_progress", 4), x
assert by["REL02-BP02"]["owner"] == "Mei Tanaka"
' || fail "settings after re-prioritization"
# In place, the item leaves the plan but its settings stay for when it is missing again.
run "$WA" answer r.yaml REL06 --select BP01,BP02,BP03
run "$WA" roadmap r.yaml --set REL06-BP03 --effort high
expect_rc 0 "--set on an item in place"
expect_out "it is not in the roadmap now (it is in place)"
run "$WA" answer r.yaml REL06 --select BP01
run "$WA" roadmap r.yaml
expect_out "Mei | SRE" "settings back with the gap"

# Effort override re-prioritizes: a high-effort REL09-BP02 is no longer a quick win.
run "$WA" roadmap r.yaml --set REL09-BP02 --effort high
run "$WA" roadmap r.yaml --json
T_CHECKS=$((T_CHECKS + 1))
printf '%s\n' "$T_OUT" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
x = {i["id"]: i for i in d["roadmap"]["items"]}["REL09-BP02"]
assert x["effort"] == "high" and x["effort_source"] == "override" and x["quadrant"] != "quick_win", x
' || fail "effort override"

# Bad values are refused before anything is written.
cp r.yaml before.yaml
bad() {
	run "$WA" roadmap r.yaml "$@"
	expect_rc 2 "roadmap $*"
	expect_same_file r.yaml before.yaml "roadmap $*"
}
bad --set REL06-BP03 --week 0
expect_err "week: expected a week from 1 to 104"
bad --set REL06-BP03 --week 105
bad --set REL06-BP03 --effort huge
bad --set REL06-BP03 --status finished
expect_err "status: expected planned, in_progress, done or wont_do"
bad --set REL06-BP03 --status wont_do
expect_err "wont_do needs a reason"
bad --set REL06-BP03 --reason "why not"
expect_err "only an item marked wont_do has a reason"
bad --set REL99-BP01 --owner x
expect_err "'REL99-BP01' is not a best practice"
bad --owner x
expect_err "go with --set BP"
bad --set REL06-BP03
expect_err "nothing to change"
bad --set REL06-BP03 --owner x --json
run "$WA" roadmap --demo --set REL01-BP01 --owner x
expect_rc 2 "--set with --demo"

# wont_do with a reason, then back to planned: the reason goes with the decision.
run "$WA" roadmap r.yaml --set REL06-BP03 --status wont_do --reason "Pager duty covered by the platform"
expect_rc 0 "wont_do with a reason"
run "$WA" roadmap r.yaml
expect_out "Not planned (won't do)"
expect_out "Pager duty covered by the platform"
run "$WA" roadmap r.yaml --set REL06-BP03 --status planned --week auto
T_CHECKS=$((T_CHECKS + 1))
! grep -q "Pager duty" r.yaml || fail "reason kept after leaving wont_do"
run "$WA" roadmap r.yaml --set REL06-BP03 --reset
T_CHECKS=$((T_CHECKS + 1))
! grep -q "REL06-BP03" r.yaml || fail "--reset left the item in the file"

# A hand edit gone wrong is refused at its line and column.
sed 's/status: in_progress/status: started/' r.yaml >hand.yaml
run "$WA" roadmap hand.yaml
expect_rc 2 "bad hand edit"
expect_err "hand.yaml:"
expect_err "status: expected planned, in_progress, done or wont_do, found 'started'"

# A second process holding the edit lock: --set is refused, nothing written.
if command -v flock >/dev/null; then
	cp r.yaml before.yaml
	# exec: the holder is the sleep itself, so killing it frees the lock at once.
	( flock -x 9; exec sleep 30 ) 9>r.yaml.lock &
	holder=$!
	sleep 0.3
	run "$WA" roadmap r.yaml --set REL06-BP03 --owner x
	expect_rc 2 "locked review"
	expect_err "being edited by another"
	expect_same_file r.yaml before.yaml "locked review"
	kill "$holder"
	wait
fi

run "$WA" roadmap --demo
expect_rc 0 "roadmap --demo"
# The top-level help and the man pages name the commands and every option they take.
run "$WA" --help
for cmd in roadmap report milestone diff; do expect_out "  $cmd " "--help lists $cmd"; done
for w in '"roadmap " FILE' '"report " FILE' '"milestone " "FILE NAME"' '"diff " FILE' --set --owner --effort \
	--week --status --reason --reset --format --output --redact --list --from --to \
	"PRIORITY MODEL" "EVIDENCE" "wa-review-report"; do
	T_CHECKS=$((T_CHECKS + 1))
	sed 's/\\-/-/g; s/\\f[BIR]//g' "$TESTS_CLI/../../man/wa-review.1" | grep -qF -- "$w" ||
		fail "man page lacks $w"
done
for w in MARKDOWN JSON CSV HTML schema_version "Due week" priority_name --redact; do
	T_CHECKS=$((T_CHECKS + 1))
	sed 's/\\-/-/g; s/\\f[BIR]//g' "$TESTS_CLI/../../man/wa-review-report.5" | grep -qF -- "$w" ||
		fail "wa-review-report(5) lacks $w"
done
run "$WA" roadmap --help
for o in --json --demo --set --owner --effort --week --status --reason --reset; do
	expect_out "$o" "roadmap --help mentions $o"
done
finish
