#!/bin/sh
# A command's save when the review changed on disk while it ran (an editor, git pull): a
# change to other parts merges in and nothing is lost; a change to the same part is a
# conflict, refused with exit status 2 naming it, the file left as the editor wrote it. An
# evidence sweep over slow fixture calls gives the editor its moment.
. "$TESTS_CLI/lib.sh"
FX="$TESTS_CLI/../evidence/fixtures"
unset AWS_REGION AWS_DEFAULT_REGION
cd "$T_DIR" || exit 1
# The fixtures, with every RDS answer taking 1.5 s.
cp -r "$FX" slow
/usr/bin/python3 - slow/rds <<'PY'
import json, os, sys
for name in os.listdir(sys.argv[1]):
    p = os.path.join(sys.argv[1], name)
    doc = json.load(open(p))
    for r in doc["responses"]:
        r["delay_ms"] = 1500
    json.dump(doc, open(p, "w"))
PY
export WA_EVIDENCE_FIXTURES="$T_DIR/slow"

# edit FILE PYTHON: changes the review in place as an editor would (doc is the YAML).
edit() {
	/usr/bin/python3 - "$1" "$2" <<'PY'
import sys, yaml
path, change = sys.argv[1], sys.argv[2]
doc = yaml.safe_load(open(path))
exec(change)
with open(path, "w") as f:
    yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
PY
}
# sweep_while FILE PYTHON [REGIONS]: an evidence sweep of REL10 into FILE, edited once it
# is running.
sweep_while() {
	"$WA" evidence "$1" --question REL10 --regions "${3:-eu-west-1}" >out 2>err &
	pid=$!
	sleep 0.5
	edit "$1" "$2"
	wait $pid
	T_RC=$?
	T_ERR=$(cat err)
}

"$WA" new r.yaml --region eu-west-1 >/dev/null
"$WA" answer r.yaml REL01 --select BP01 >/dev/null
sweep_while r.yaml 'doc["answers"]["REL02"] = {"notes": "written during the sweep"}'
expect_rc 1 "a sweep while another answer changed (findings: exit 1)"
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 -c '
import sys, yaml
doc = yaml.safe_load(open("r.yaml"))
assert doc["answers"]["REL02"]["notes"] == "written during the sweep", "the note was lost"
assert doc["answers"]["REL01"]["selected"] == ["REL01-BP01"], "REL01 was lost"
assert any(f["question"] == "REL10" for f in doc["evidence"]["findings"]), "no evidence"
' || fail "the outside change and the sweep did not both land"

# The same part changed on both sides: the sweep adds a Region's findings while the
# evidence section is removed by hand.
sweep_while r.yaml 'del doc["evidence"]; doc["answers"]["REL03"] = {"flagged": True}' \
	eu-west-1,eu-central-1
expect_rc 2 "a sweep while the evidence was changed outside"
expect_err "r.yaml: was changed outside wa-review, and the evidence differently here; nothing saved"
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 -c '
import yaml
doc = yaml.safe_load(open("r.yaml"))
assert "evidence" not in doc and doc["answers"]["REL03"]["flagged"] is True
' || fail "the editor's version was not left as it was"
T_CHECKS=$((T_CHECKS + 1))
[ ! -e r.yaml.lock ] || fail "the lock was left behind"

# Broken by hand meanwhile: never merged, never overwritten.
sweep_while r.yaml 'open(path, "a").write("workload: [\n"); raise SystemExit'
expect_rc 2 "a sweep while the file was broken"
expect_err "was changed outside wa-review and no longer reads"
T_CHECKS=$((T_CHECKS + 1))
tail -1 r.yaml | grep -q 'workload: \[' || fail "the broken file was overwritten"
finish
