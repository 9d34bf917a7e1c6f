#!/bin/sh
# wa-review push and pull against the local Well-Architected Tool (tests/aws/watool.py):
# every push is read back with boto3 from the same emulator, every pull is checked against
# what boto3 wrote there; conflicts, --dry-run, faults (throttling, 5xx, conflict), reruns,
# and a Tool whose lens version differs from the question set's.
. "$TESTS_CLI/lib.sh"
. "$TESTS_CLI/../aws/moto_env.sh"
AWS_DIR="$TESTS_CLI/../aws"

PY=$(moto_python) || { fail "no python3 with boto3 (see above)"; finish; exit 1; }

# start_emulator NAME [ARGS...]: a watool.py on a free port; its URL in $URL.
PIDS=""
start_emulator() {
	name=$1
	shift
	timeout 600 "$PY" "$AWS_DIR/watool.py" --check --port-file "$T_DIR/$name.port" "$@" \
		2>"$T_DIR/$name.log" &
	PIDS="$PIDS $!"
	i=0
	while [ ! -s "$T_DIR/$name.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$T_DIR/$name.port" ] || { fail "emulator $name: $(cat "$T_DIR/$name.log")"; finish; exit 1; }
	URL="http://127.0.0.1:$(cat "$T_DIR/$name.port")"
}
trap 'for p in $PIDS; do kill $p 2>/dev/null; done; rm -rf "$T_DIR"' EXIT
start_emulator tool
TOOL=$URL
B() { "$PY" "$AWS_DIR/watool_sync.py" "$TOOL" "$@"; }

export AWS_ACCESS_KEY_ID=AKIDWATOOLTEST AWS_SECRET_ACCESS_KEY=secret AWS_REGION=us-east-1
export AWS_CONFIG_FILE="$T_DIR/none" AWS_SHARED_CREDENTIALS_FILE="$T_DIR/none"
export AWS_MAX_ATTEMPTS=3 AWS_RETRY_MODE=standard
unset AWS_PROFILE AWS_SESSION_TOKEN
EP="--endpoint-url $TOOL"

# A note longer than the Tool keeps (2,084 characters), in several scripts.
LONG=$("$PY" -c 'print(("Grüße, 日本 " * 300).strip())')
R="$T_DIR/checkout.yaml"
cat >"$R" <<EOF
schema: 1
question_set: {id: reliability}
workload:
  name: checkout
  description: The checkout service
  owner: payments team
  environment: pre-production
  regions: [eu-west-1, eu-central-1]
  accounts: ["111122223333"]
answers:
  REL01:
    selected: [REL01-BP01, REL01-BP02]
    notes: quotas tracked in a sheet
  REL02:
    none_of_these: true
  REL03:
    not_applicable: {reason: out_of_scope, note: one service only}
milestones:
  - name: baseline
    date: "2026-11-02T11:40:00Z"
    questions:
      REL01: {risk: HIGH, selected: [REL01-BP01]}
      REL02: {risk: HIGH}
EOF
"$WA" answer "$R" REL04 --select BP01,BP02 >/dev/null
"$PY" - "$R" "$LONG" <<'PY'
import sys
path, long = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
text = text.replace("answers:\n", "answers:\n  REL05:\n    selected: [REL05-BP01]\n"
                    "    not_applicable_practices:\n      REL05-BP07: {reason: "
                    "architecture_constraints, note: no levers in a batch job}\n"
                    "    notes: \"" + long + "\"\n", 1)
open(path, "w", encoding="utf-8").write(text)
PY
run "$WA" status "$R"
expect_rc 0 "the hand-written review loads"

# --- --dry-run: every call printed, nothing sent that writes, the file as it was ---------
cp "$R" "$T_DIR/before.yaml"
B reset
run "$WA" push "$R" $EP --dry-run
expect_rc 0 "push --dry-run"
expect_out 'would call wellarchitected:CreateWorkload {"WorkloadName":"checkout"' "dry run: create"
expect_out '"QuestionId":"manage-service-limits"' "dry run: REL01's UpdateAnswer"
expect_out 'would call wellarchitected:CreateMilestone' "dry run: the milestone"
expect_same_file "$R" "$T_DIR/before.yaml" "dry run"
T_CHECKS=$((T_CHECKS + 1))
[ -z "$(B writes)" ] || fail "dry run wrote: $(B writes)"

# --- the first push creates the workload; boto3 reads back what it wrote ------------------
run "$WA" push "$R" $EP
expect_rc 0 "first push"
expect_out "created workload" "first push: the workload"
expect_out "milestone 'baseline': created" "first push: the milestone"
expect_out "REL05: notes cut from" "first push: the cut note is reported"
expect_out "the whole note stays in $R (answers.REL05.notes)" "first push: where the note is"
WID=$(sed -n 's/^  workload_id: //p' "$R")
T_CHECKS=$((T_CHECKS + 1))
[ -n "$WID" ] || fail "the review does not record the workload ID: $(cat "$R")"
B answers "$WID" >"$T_DIR/answers.json"
B workload "$WID" >"$T_DIR/workload.json"
B milestones "$WID" >"$T_DIR/milestones.json"
"$PY" - "$T_DIR" "$LONG" <<'PY' >"$T_DIR/check.out" 2>&1
import json, sys
d, long = sys.argv[1], sys.argv[2]
a = {x["q"]: x for x in map(json.loads, open(d + "/answers.json"))}
w = json.load(open(d + "/workload.json"))
m = json.load(open(d + "/milestones.json"))
bad = []
def want(cond, what):
    if not cond:
        bad.append(what)
want(a["manage-service-limits"]["selected"] == sorted([
    "rel_manage_service_limits_aware_quotas_and_constraints",
    "rel_manage_service_limits_limits_considered"]), "REL01 choices")
want(a["manage-service-limits"]["notes"] == "quotas tracked in a sheet", "REL01 notes")
want(a["planning-network-topology"]["selected"] == ["rel_planning_network_topology_no"],
     "REL02 none of these")
s = a["service-architecture"]
want(not s["applicable"] and s["reason"] == "OUT_OF_SCOPE", "REL03 not applicable")
want(s["notes"] == "Not applicable: one service only", "REL03 note")
want(a["prevent-interaction-failure"]["selected"] == sorted([
    "rel_prevent_interaction_failure_identify",
    "rel_prevent_interaction_failure_loosely_coupled_system"]), "REL04 choices")
r5 = a["mitigate-interaction-failure"]
want(r5["choice_na"] == {"rel_mitigate_interaction_failure_emergency_levers":
                         ["ARCHITECTURE_CONSTRAINTS", "no levers in a batch job"]},
     "REL05 practice not applicable: %r" % r5["choice_na"])
want(len(r5["notes"]) == 2084, "REL05 notes cut to 2084, got %d" % len(r5["notes"]))
want(long.startswith(r5["notes"].split("\n[... cut")[0]), "REL05 keeps the note's start")
want("the whole note is in checkout.yaml, answers.REL05" in r5["notes"], "REL05 marker")
want(a["backing-up-data"]["risk"] == "UNANSWERED", "REL09 left unanswered")
want(w["WorkloadName"] == "checkout" and w["Description"] == "The checkout service",
     "workload name and description")
want(w["Environment"] == "PREPRODUCTION", "environment")
want(w["AwsRegions"] == ["eu-west-1", "eu-central-1"], "Regions")
want(w["AccountIds"] == ["111122223333"] and w["ReviewOwner"] == "payments team",
     "accounts and owner")
want(w["Lenses"] == ["wellarchitected"], "lens")
want([x["name"] for x in m] == ["baseline"], "milestones: %r" % m)
want(m and m[0]["answers"] == {
    "manage-service-limits": ["rel_manage_service_limits_aware_quotas_and_constraints"],
    "planning-network-topology": ["rel_planning_network_topology_no"]},
    "the milestone holds the baseline's answers: %r" % (m and m[0]["answers"]))
print("\n".join(bad) or "OK")
PY
T_CHECKS=$((T_CHECKS + 1))
[ "$(cat "$T_DIR/check.out")" = OK ] || fail "read back after the first push: $(cat "$T_DIR/check.out")"

# --- pushed again: nothing to write ------------------------------------------------------
B reset
run "$WA" push "$R" $EP
expect_rc 0 "second push"
expect_out "answers already as in the Tool" "second push"
T_CHECKS=$((T_CHECKS + 1))
[ -z "$(B writes)" ] || fail "a push with nothing new wrote: $(B writes)"

# --- a change in the Tool since: refused, the differences printed; --force overwrites -----
B update "$WID" manage-service-limits \
	'{"SelectedChoices":["rel_manage_service_limits_aware_fixed_limits"]}'
"$WA" answer "$R" REL01 --select BP01 >/dev/null
B reset
run "$WA" push "$R" $EP
expect_rc 1 "push over a change in the Tool"
expect_out "REL01 (manage-service-limits) changed in the Tool since the last push or pull" \
	"the conflict is named"
expect_out "the Tool: REL01-BP03" "the Tool's side"
expect_out "checkout.yaml: REL01-BP01" "the review's side"
expect_out "nothing written" "refused"
T_CHECKS=$((T_CHECKS + 1))
[ -z "$(B writes)" ] || fail "a refused push wrote: $(B writes)"
run "$WA" push "$R" $EP --force
expect_rc 0 "push --force"
B answers "$WID" | grep '"manage-service-limits"' >"$T_DIR/rel01"
T_CHECKS=$((T_CHECKS + 1))
grep -q '"selected": \["rel_manage_service_limits_aware_quotas_and_constraints"\]' \
	"$T_DIR/rel01" || fail "push --force did not overwrite REL01: $(cat "$T_DIR/rel01")"

# --- pull takes what boto3 wrote; the next push has nothing to refuse ----------------------
B update "$WID" planning-network-topology \
	'{"SelectedChoices":["rel_planning_network_topology_ha_conn_users"],"Notes":"two links"}'
run "$WA" pull -o "$R" $EP
expect_rc 0 "pull into the linked review"
expect_out "1 answer taken from the Tool" "pull: one answer changed"
expect_out "the Tool   high" "pull: the Tool's risk counts"
expect_out "wa-review  high" "pull: ours beside them"
run "$WA" status "$R" --json
expect_out '"REL02-BP01"' "pull: REL02's choice in the review"
T_CHECKS=$((T_CHECKS + 1))
grep -q "notes: two links" "$R" || fail "pull: REL02's notes missing: $(cat "$R")"
T_CHECKS=$((T_CHECKS + 1))
grep -q "Grüße, 日本 Grüße" "$R" && [ "$(grep -c 'cut by wa-review' "$R")" = 0 ] ||
	fail "pull replaced the whole REL05 note with the Tool's cut copy"
B reset
run "$WA" push "$R" $EP
expect_rc 0 "push after pull"
T_CHECKS=$((T_CHECKS + 1))
[ -z "$(B writes)" ] || fail "push right after a pull wrote: $(B writes)"

# --- pull a workload boto3 made into a new review -----------------------------------------
WID2=$(B create inventory)
B update "$WID2" backing-up-data \
	'{"SelectedChoices":["rel_backing_up_data_identified_backups_data"],"Notes":"nightly"}'
B update "$WID2" fault-isolation '{"IsApplicable":false,"Reason":"BUSINESS_PRIORITIES"}'
B update "$WID2" manage-service-limits '{"ChoiceUpdates":{"rel_manage_service_limits_suff_buffer_limits":{"Status":"NOT_APPLICABLE","Reason":"OUT_OF_SCOPE","Notes":"fixed size"}},"SelectedChoices":["rel_manage_service_limits_aware_quotas_and_constraints"]}'
run "$WA" pull --workload-id "$WID2" -o "$T_DIR/inventory.yaml" $EP
expect_rc 0 "pull into a new review"
run "$WA" status "$T_DIR/inventory.yaml" --json
expect_rc 0 "the pulled review loads"
"$PY" - "$T_DIR/inventory.yaml" <<'PY' >"$T_DIR/check.out" 2>&1
import sys, yaml
r = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
a, w, bad = r["answers"], r["workload"], []
def want(cond, what):
    if not cond:
        bad.append(what)
want(a["REL09"] == {"selected": ["REL09-BP01"], "notes": "nightly"}, "REL09: %r" % a.get("REL09"))
want(a["REL10"] == {"not_applicable": {"reason": "business_priorities"}}, "REL10: %r" % a.get("REL10"))
want(a["REL01"]["selected"] == ["REL01-BP01"] and a["REL01"]["not_applicable_practices"] ==
     {"REL01-BP06": {"reason": "out_of_scope", "note": "fixed size"}}, "REL01: %r" % a["REL01"])
want(set(a) == {"REL01", "REL09", "REL10"}, "only what boto3 answered: %r" % sorted(a))
want(w["name"] == "inventory" and w["description"] == "Made by boto3", "name, description")
want(w["environment"] == "pre-production" and w["regions"] == ["eu-west-1"], "env, Regions")
want(w["owner"] == "ops team", "owner")
want(r["wa_tool"]["workload_id"] and r["wa_tool"]["region"] == "us-east-1", "the link")
want(sorted(r["wa_tool"]["answers"]) == ["REL%02d" % i for i in range(1, 14)], "digests")
print("\n".join(bad) or "OK")
PY
T_CHECKS=$((T_CHECKS + 1))
[ "$(cat "$T_DIR/check.out")" = OK ] || fail "pull of boto3's workload: $(cat "$T_DIR/check.out")"
run "$WA" pull --workload-id "$WID2" $EP
expect_rc 0 "pull to standard output"
expect_out "  REL09:" "the review printed"
expect_err "risk counts" "the account on stderr"
run "$WA" pull --workload-id "$WID" -o "$T_DIR/inventory.yaml" $EP
expect_rc 2 "pull of another workload into a linked review"
expect_err "is linked to workload $WID2, not $WID" "the refusal names both"

# --- pull --milestone N: the answers as the milestone recorded them -----------------------
run "$WA" pull --workload-id "$WID" --milestone 1 -o "$T_DIR/ms.yaml" $EP
expect_rc 0 "pull --milestone 1"
T_CHECKS=$((T_CHECKS + 1))
"$PY" -c 'import sys, yaml; a = yaml.safe_load(open(sys.argv[1]))["answers"]; sys.exit(0 if a["REL01"]["selected"] == ["REL01-BP01"] and "REL04" not in a else 1)' \
	"$T_DIR/ms.yaml" || fail "pull --milestone 1: $(cat "$T_DIR/ms.yaml")"
run "$WA" pull --workload-id "$WID" --milestone 7 $EP
expect_rc 1 "pull of a milestone that does not exist"
expect_err "ResourceNotFoundException" "the Tool's error"

# --- faults: throttling is retried; a 5xx stops the push cleanly; a rerun finishes --------
"$WA" answer "$R" REL06 --select BP01 >/dev/null
"$WA" answer "$R" REL07 --none >/dev/null
B rules '[{"operation": "UpdateAnswer", "fault": "throttle", "times": 2}]'
run "$WA" push "$R" $EP
expect_rc 0 "push through throttling"
B reset
"$WA" answer "$R" REL08 --select BP01 >/dev/null
"$WA" answer "$R" REL09 --none >/dev/null
B rules '[{"operation": "UpdateAnswer", "fault": "status", "status": 500, "skip": 1}]'
run "$WA" push "$R" $EP
expect_rc 1 "push meeting a 5xx"
expect_out "not written: InternalServerException" "the failed answer is named"
expect_out "run push again to finish" "what to do"
B reset
run "$WA" push "$R" $EP
expect_rc 0 "push run again"
B answers "$WID" >"$T_DIR/answers.json"
T_CHECKS=$((T_CHECKS + 1))
grep '"tracking-change-management"' "$T_DIR/answers.json" | grep -q '"rel_tracking_change_management' &&
	grep '"backing-up-data"' "$T_DIR/answers.json" | grep -q 'rel_backing_up_data_no' ||
	fail "the rerun did not finish the push: $(cat "$T_DIR/answers.json")"
"$WA" milestone "$R" after-faults >/dev/null
B rules '[{"operation": "CreateMilestone", "fault": "conflict"}]'
run "$WA" push "$R" $EP
expect_rc 1 "push meeting a conflict"
expect_out "milestone 'after-faults': not created: ConflictException" "the conflict is named"
B reset
run "$WA" push "$R" $EP
expect_rc 0 "push run again after the conflict"
expect_out "milestone 'after-faults': created" "the milestone made on the rerun"

# --- questions with practices still open are not pushed ----------------------------------
"$PY" - "$R" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = text.replace("answers:\n", "answers:\n  REL11:\n    selected: [REL11-BP01]\n"
                    "    open: [REL11-BP02]\n", 1)
open(path, "w", encoding="utf-8").write(text)
PY
run "$WA" push "$R" $EP
expect_rc 1 "push with an incomplete question"
expect_out "REL11: not pushed: practices still open" "the incomplete question named"
B answers "$WID" | grep '"withstand-component-failures"' >"$T_DIR/rel11"
T_CHECKS=$((T_CHECKS + 1))
grep -q '"risk": "UNANSWERED"' "$T_DIR/rel11" || fail "REL11 reached the Tool: $(cat "$T_DIR/rel11")"

# --- a Tool whose lens differs: push names what its lens lacks and writes the rest --------
"$PY" - "$TESTS_CLI/../vectors/pillar/reliability-pillar.yaml" "$T_DIR/old-pillar.yaml" <<'PY'
import sys, yaml
facts = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
facts["questions"] = [q for q in facts["questions"] if q["id"] != "REL13"]
q1 = facts["questions"][0]
q1["best_practices"] = [b for b in q1["best_practices"] if not b["id"].endswith("BP02")]
yaml.safe_dump(facts, open(sys.argv[2], "w", encoding="utf-8"))
PY
start_emulator old --pillar "$T_DIR/old-pillar.yaml" --lens-version 2023-04-10
OLD=$URL
R2="$T_DIR/old.yaml"
"$WA" new "$R2" --name "old lens" >/dev/null
"$WA" answer "$R2" REL01 --select BP01,BP02 >/dev/null
"$WA" answer "$R2" REL02 --select BP01 >/dev/null
"$WA" answer "$R2" REL13 --none >/dev/null
run "$WA" push "$R2" --endpoint-url "$OLD"
expect_rc 1 "push to an older lens"
expect_out "the Tool's wellarchitected lens is version 2023-04-10; the question set pins 2024-11-06" \
	"the versions named"
expect_out "REL13: the Tool's lens has no question planning-for-recovery" "the missing question"
expect_out "REL01: the Tool's lens has no choice rel_manage_service_limits_limits_considered" \
	"the missing choice"
expect_out "REL02: written" "the rest written"
T_CHECKS=$((T_CHECKS + 1))
"$PY" "$AWS_DIR/watool_sync.py" "$OLD" answers "$(sed -n 's/^  workload_id: //p' "$R2")" |
	grep '"planning-network-topology"' | grep -q rel_planning_network_topology_ha_conn_users ||
	fail "REL02 not in the older Tool"

# --- the review file's wa_tool section is checked like the rest ---------------------------
cat >"$T_DIR/bad.yaml" <<'EOF'
schema: 1
question_set: {id: reliability}
workload: {name: x}
wa_tool:
  workload_id: abc
  region: us-east-1
  answers:
    REL01: not-a-digest
EOF
run "$WA" status "$T_DIR/bad.yaml"
expect_rc 2 "a bad digest"
expect_err "bad.yaml:8:12: wa_tool.answers.REL01: expected a SHA-256 digest" "its place"
sed -i 's/  region: us-east-1/  regoin: us-east-1/' "$T_DIR/bad.yaml"
run "$WA" status "$T_DIR/bad.yaml"
expect_rc 2 "an unknown wa_tool key"
expect_err "bad.yaml:6:3:" "its place"

# --- usage ----------------------------------------------------------------------------
run "$WA" push
expect_rc 2 "push without FILE"
run "$WA" pull
expect_rc 2 "pull without a workload"
run "$WA" --offline push "$R"
expect_rc 2 "push offline"
run "$WA" push "$R" --endpoint-url "http://127.0.0.1:9" --region us-east-1
expect_rc 1 "push with the Tool out of reach"
for f in $(ls "$T_DIR"/*.log); do
	grep -q "response breaks the model" "$f" && fail "the emulator answered outside the model: $f"
done
finish
