#!/bin/sh
# The JSON report validates against the published schema (man/wa-review-report.schema.json)
# and says what the review says: ranks, phases, settings, evidence, progress.
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
import json, sys
import jsonschema

schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
docs = [json.load(open(p, encoding="utf-8")) for p in sys.argv[2:]]
for d in docs:
    v.validate(d)
before, after, rm = docs
assert before["schema_version"] == 1
assert before["question_set"]["framework_version"] == "2024-11-06"
assert before["workload"]["name"] == "Checkout | web #1 *prod* <b>"
assert before["availability"]["computed"] is None and abs(before["availability"]["target"] - 0.9995) < 1e-12
items = before["roadmap"]["items"]
assert [i["rank"] for i in items] == list(range(1, len(items) + 1))
by = {i["id"]: i for i in items}
# Settings from the review file, evidence that confirms a gap.
assert by["REL02-BP02"]["owner"] == "Mei Tanaka" and by["REL02-BP02"]["week"] == 4
assert by["REL02-BP02"]["week_source"] == "override" and by["REL02-BP02"]["status"] == "in_progress"
assert by["REL02-BP05"]["status"] == "wont_do" and by["REL02-BP05"]["reason"].startswith("Single VPC")
assert by["REL01-BP03"]["status"] == "done"
assert by["REL09-BP02"]["confirmed"] and by["REL09-BP02"]["rank"] == 1
assert by["REL09-BP02"]["evidence"][0]["resources"][0].startswith("arn:aws:rds:")
assert "REL06-BP01" not in by  # in place
assert before["roadmap"]["unanswered_questions"][:2] == ["REL03", "REL04"]
# Every item is in exactly one phase unless it will not be done; weeks fit their phase.
listed = [i for p in before["phases"] for i in p["items"]]
assert sorted(listed) == sorted(i["id"] for i in items if i["status"] != "wont_do"), listed
for p in before["phases"]:
    for i in p["items"]:
        assert p["first_week"] <= by[i]["week"] <= p["last_week"], (p, by[i])
assert sum(len(q["items"]) for q in before["matrix"]) == len(items) - 1
# Answers: every question, N/A reasons and flags.
ans = {a["question"]: a for a in before["answers"]}
assert len(ans) == 13
assert ans["REL12"]["not_applicable"] == {"reason": "out_of_scope", "note": "Game days | run by the platform team"}
assert ans["REL02"]["flagged"] and ans["REL02"]["none_of_these"]
assert ans["REL13"]["risk"] == "UNANSWERED" and ans["REL13"]["missing"] == []
assert before["progress"] is None and before["milestones"] == []
# After the milestone and an answer: progress is reported.
pr = after["progress"]
assert pr["milestone"]["name"] == "baseline"
assert {"question": "REL02", "from": "HIGH", "to": "MEDIUM"} in pr["risk_down"], pr
assert {"id": "REL02-BP02", "in_place": True} in pr["done"], pr
assert "REL02-BP02" not in {i["id"] for i in after["roadmap"]["items"]}
# roadmap --json is the same document.
assert rm["roadmap"] == after["roadmap"] and rm["phases"] == after["phases"]
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
bad = copy.deepcopy(d); bad["schema_version"] = 2
assert not v.is_valid(bad)
PY
finish
