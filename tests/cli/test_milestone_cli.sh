#!/bin/sh
# wa-review milestone and diff: named, dated snapshots in the review, and what changed
# between two of them or since the last one.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1
cp "$TESTS_CLI/data/report_review.yaml" r.yaml

run "$WA" diff r.yaml
expect_rc 2 "diff without milestones"
expect_err "the review has no milestone yet"
run "$WA" milestone r.yaml --list
expect_out "No milestones yet."

run "$WA" milestone r.yaml baseline
expect_rc 0 "milestone baseline"
expect_out "Recorded milestone 'baseline' (2026-11-18T11:06:40Z): 5 of 13 answered, 3 high, 1 medium"
run "$WA" milestone r.yaml baseline
expect_rc 2 "duplicate name"
expect_err "a milestone named 'baseline' already exists"
run "$WA" milestone r.yaml ""
expect_rc 2 "empty name"
run "$WA" milestone r.yaml
expect_rc 2 "no name"

run "$WA" diff r.yaml
expect_rc 0 "diff right after the milestone"
expect_out "Changes from 'baseline' (2026-11-18T11:06:40Z) to now"
expect_out "nothing changed"

# Work happens: REL06 improves, REL01 regresses, REL09 gets an item done, REL04 answered.
"$WA" answer r.yaml REL06 --select BP01,BP02,BP03 >/dev/null
"$WA" answer r.yaml REL01 --select BP02 >/dev/null
"$WA" answer r.yaml REL04 --none >/dev/null
"$WA" roadmap r.yaml --set REL09-BP03 --status done >/dev/null
SOURCE_DATE_EPOCH=1795600000 "$WA" milestone r.yaml "sprint 1" >/dev/null
run "$WA" diff r.yaml --from baseline --to "sprint 1"
expect_rc 0 "diff --from --to"
expect_out "Changes from 'baseline' (2026-11-18T11:06:40Z) to 'sprint 1' (2026-11-25T09:46:40Z)"
expect_out "Risk went down:"
expect_out "  REL06  HIGH -> MEDIUM" "REL06 down"
expect_out "Risk went up:"
expect_out "  REL01  MEDIUM -> HIGH" "REL01 up"
expect_out "  REL04  UNANSWERED -> HIGH" "REL04 answered"
expect_out "  REL06-BP02  Define and calculate metrics (Aggregation) (now in place)"
expect_out "  REL09-BP03  Perform data backup automatically (marked done)"
expect_out "No longer in place:"
expect_out "  REL01-BP01  Aware of service quotas and constraints"
# --to alone compares with the milestone before it; the default is the last one vs now.
run "$WA" diff r.yaml --to "sprint 1"
expect_out "Changes from 'baseline'" "--to alone"
run "$WA" diff r.yaml
expect_out "Changes from 'sprint 1'" "default: last milestone"
expect_out "nothing changed"
run "$WA" diff r.yaml --from baseline --json
expect_rc 0 "diff --json"
T_CHECKS=$((T_CHECKS + 1))
printf '%s\n' "$T_OUT" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["from"]["name"] == "baseline" and d["to"]["name"] == "now"
assert {"question": "REL06", "from": "HIGH", "to": "MEDIUM"} in d["risk_down"]
assert {"question": "REL01", "from": "MEDIUM", "to": "HIGH"} in d["risk_up"]
assert {"id": "REL09-BP03", "in_place": False} in d["done"]
assert d["reopened"] == ["REL01-BP01"]
' || fail "diff --json"

run "$WA" milestone r.yaml --list
expect_out "2026-11-18T11:06:40Z   baseline"
expect_out "2026-11-25T09:46:40Z   sprint 1"
run "$WA" diff r.yaml --from nope
expect_rc 2 "unknown --from"
expect_err "no milestone named 'nope'"
run "$WA" diff r.yaml --to baseline
expect_rc 2 "--to the first milestone"
expect_err "no milestone before 'baseline'"

# The milestones live in the review file, and survive answering and saving.
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - r.yaml <<'PY' || fail "milestones section"
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
ms = d["milestones"]
assert [m["name"] for m in ms] == ["baseline", "sprint 1"]
assert ms[0]["questions"]["REL06"] == {"risk": "HIGH", "selected": ["REL06-BP01"]}, ms[0]["questions"]["REL06"]
assert ms[1]["questions"]["REL13"] == {"risk": "UNANSWERED"}
assert ms[1]["done"] == ["REL01-BP03", "REL09-BP03"], ms[1].get("done")
assert len(ms[0]["questions"]) == 13
PY

# The report's progress section compares with the last milestone.
"$WA" answer r.yaml REL02 --select BP01,BP02,BP03,BP04,BP05 >/dev/null
run "$WA" report r.yaml
expect_out "Since the milestone **sprint 1** (2026-11-25T09:46:40Z):"
expect_out "- Risk went down: **REL02** HIGH → NONE"

# Locked review: refused, nothing written.
if command -v flock >/dev/null; then
	cp r.yaml before.yaml
	# exec: the holder is the sleep itself, so killing it frees the lock at once.
	( flock -x 9; exec sleep 30 ) 9>r.yaml.lock &
	holder=$!
	sleep 0.3
	run "$WA" milestone r.yaml later
	expect_rc 2 "locked review"
	expect_same_file r.yaml before.yaml "locked review"
	kill "$holder"
	wait
fi
run "$WA" milestone --help
expect_out "--list"
run "$WA" diff --help
for o in --from --to --json; do expect_out "$o" "diff --help mentions $o"; done
finish
