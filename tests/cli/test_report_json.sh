#!/bin/sh
# The JSON report validates against the published schema (man/wa-review-report.schema.json)
# and says what the review says: ranks, phases, dates, settings, won't-do items apart,
# verdicts, evidence, weeks and success metrics, progress.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1
cp "$TESTS_CLI/data/report_review.yaml" r.yaml
schema="$TESTS_CLI/../../man/wa-review-report.schema.json"

run "$WA" report r.yaml --format json -o r.json
expect_rc 0 "report --format json"
"$WA" milestone r.yaml baseline >/dev/null
"$WA" answer r.yaml REL02 --select BP01,BP02,BP03 >/dev/null
"$WA" report r.yaml --format json >after.json
run "$WA" roadmap r.yaml --json
expect_rc 0 "roadmap --json"
printf '%s\n' "$T_OUT" >roadmap.json

T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - "$schema" r.json after.json roadmap.json <<'PY' || fail "JSON report"
import datetime, json, sys
import jsonschema

schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
docs = [json.load(open(p, encoding="utf-8")) for p in sys.argv[2:]]
for d in docs:
    v.validate(d)
before, after, rm = docs
assert before["schema_version"] == 2
assert before["question_set"]["framework_version"] == "2024-11-06"
assert before["workload"]["name"] == "Checkout | web #1 *prod* <b>"
assert before["availability"]["computed"] is None and abs(before["availability"]["target"] - 0.9995) < 1e-12
assert before["availability"]["currency"] == "USD" and before["availability"]["cost_basis"] is None
items = before["roadmap"]["items"]
wont = before["roadmap"]["not_planned"]
assert [i["rank"] for i in items + wont] == list(range(1, len(items) + len(wont) + 1))
by = {i["id"]: i for i in items + wont}
# Settings from the review file, evidence that confirms a gap.
assert by["REL02-BP02"]["owner"] == "Mei Tanaka" and by["REL02-BP02"]["week"] == 4
assert by["REL02-BP02"]["week_source"] == "override" and by["REL02-BP02"]["status"] == "in_progress"
assert by["REL01-BP03"]["status"] == "done"
assert by["REL09-BP02"]["confirmed"] and by["REL09-BP02"]["rank"] == 1
assert by["REL09-BP02"]["verdict"] == {"verdict": "not_implemented", "why": "backup-plan-coverage found 2 offenders in eu-west-1: 2 of 3 databases have no backup plan"}
assert by["REL09-BP02"]["evidence"][0]["resources"][0].startswith("arn:aws:rds:")
assert len(by["REL09-BP02"]["evidence"][0]["resources"]) == 2
assert "REL06-BP01" not in by  # in place
assert before["roadmap"]["unanswered_questions"][:2] == ["REL03", "REL04"]
# The won't-do item is apart: no phase, week or date, in no phase or quadrant, ranked last.
assert [w["id"] for w in wont] == ["REL02-BP05"] and wont[0]["reason"].startswith("Single VPC")
assert wont[0]["phase"] is None and wont[0]["week"] is None and wont[0]["target_date"] is None
assert all(i["status"] != "wont_do" for i in items)
# Week 1 is the review's creation day; a target is the last day of the item's week.
assert before["roadmap"]["plan_start"] == "2026-11-01" and before["roadmap"]["plan_start_source"] == "created"
start = datetime.date(2026, 11, 1)
for i in items:
    assert i["target_date"] == (start + datetime.timedelta(days=7 * i["week"] - 1)).isoformat(), i
assert by["REL02-BP02"]["target_date"] == "2026-11-28"
# Every planned item is in exactly one phase and one quadrant; weeks fit their phase and
# the plan is in phase, then week order.
listed = [i for p in before["phases"] for i in p["items"]]
assert listed == [i["id"] for i in items], listed
for p in before["phases"]:
    assert p["start_date"] == (start + datetime.timedelta(days=7 * (p["first_week"] - 1))).isoformat()
    for i in p["items"]:
        assert p["first_week"] <= by[i]["week"] <= p["last_week"], (p, by[i])
    assert p["items_done"] == sum(by[i]["status"] == "done" for i in p["items"])
assert sorted(i for q in before["matrix"] for i in q["items"]) == sorted(i["id"] for i in items)
# Weekly themes cover exactly the items due each week; success metrics name the phase's
# items by question, and the plan ends on availability against the target.
assert [i for w in before["weeks"] for i in w["items"]] == [i["id"] for i in items if i["week"] <= 12]
assert before["weeks"][0]["theme"] == "backups (REL09), monitoring and alarms (REL06)", before["weeks"][0]
p1 = before["phases"][0]["success_metrics"]
assert [m["text"].split(":")[0] for m in p1] == ["REL01", "REL06", "REL09"], p1
assert sorted(i for m in p1 for i in m["items"]) == sorted(before["phases"][0]["items"])
assert before["phases"][2]["success_metrics"][-1]["text"].startswith("availability at or above the target of 99.95%")
# Answers: every question, N/A reasons and flags, and the evidence's verdict on every best
# practice.
ans = {a["question"]: a for a in before["answers"]}
assert len(ans) == 13
assert ans["REL12"]["not_applicable"] == {"reason": "out_of_scope", "note": "Game days | run by the platform team"}
assert ans["REL02"]["flagged"] and ans["REL02"]["none_of_these"]
assert ans["REL13"]["risk"] == "UNANSWERED" and ans["REL13"]["missing"] == []
assert [v["id"] for v in ans["REL09"]["verdicts"]][:2] == ["REL09-BP01", "REL09-BP02"]
assert ans["REL09"]["verdicts"][1]["verdict"] == "not_implemented"
assert ans["REL06"]["verdicts"][0] == {"id": "REL06-BP01", "verdict": "implemented", "why": "cloudwatch-alarms checked every resource and found no offender (Alarms watch the workload)"}
assert before["progress"] is None and before["milestones"] == []
# After the milestone and an answer: progress is reported.
pr = after["progress"]
assert pr["milestone"]["name"] == "baseline"
assert {"question": "REL02", "from": "HIGH", "to": "MEDIUM"} in pr["risk_down"], pr
assert {"id": "REL02-BP02", "in_place": True} in pr["done"], pr
assert "REL02-BP02" not in {i["id"] for i in after["roadmap"]["items"]}
# roadmap --json is the same document.
assert rm["roadmap"] == after["roadmap"] and rm["phases"] == after["phases"]
assert rm["weeks"] == after["weeks"]
PY

# A review with nothing answered, and the demo, fit the schema too.
"$WA" new empty.yaml >/dev/null
"$WA" report empty.yaml --format json >empty.json
"$WA" report --demo --format json >demo.json
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - "$schema" empty.json demo.json <<'PY' || fail "empty/demo JSON against the schema"
import json, sys
import jsonschema
v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
for p in sys.argv[2:]:
    v.validate(json.load(open(p)))
e = json.load(open(sys.argv[2]))
assert e["roadmap"]["items"] == [] and len(e["roadmap"]["unanswered_questions"]) == 13
assert e["workload"]["business_criticality"] is None and e["roadmap"]["criticality_default"]
PY

# The schema really constrains: a document missing a key or with a bad status fails.
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - "$schema" r.json <<'PY' || fail "schema accepts broken documents"
import copy, json, sys
import jsonschema
v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
d = json.load(open(sys.argv[2]))
bad = copy.deepcopy(d); del bad["roadmap"]["items"][0]["week"]
assert not v.is_valid(bad)
bad = copy.deepcopy(d); bad["roadmap"]["items"][0]["status"] = "finished"
assert not v.is_valid(bad)
bad = copy.deepcopy(d); bad["schema_version"] = 1
assert not v.is_valid(bad)
# A won't-do item in the plan, or a planned one without a week, is not a report.
bad = copy.deepcopy(d); bad["roadmap"]["items"].append(bad["roadmap"]["not_planned"][0])
assert not v.is_valid(bad)
bad = copy.deepcopy(d); bad["roadmap"]["items"][0]["week"] = None
assert not v.is_valid(bad)
bad = copy.deepcopy(d); bad["roadmap"]["items"][0]["verdict"]["verdict"] = "maybe"
assert not v.is_valid(bad)
PY
finish
