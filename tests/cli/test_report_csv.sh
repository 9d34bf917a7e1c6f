#!/bin/sh
# The CSV report reads back with Python's csv module (RFC 4180: CRLF records, quoted fields
# with commas, quotes and line breaks), one row per roadmap item with tracker columns: the
# plan's items, then the won't-do ones, each with the item's part of the report.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1
cp "$TESTS_CLI/data/report_review.yaml" r.yaml

run "$WA" report r.yaml --format csv -o r.csv
expect_rc 0 "report --format csv"
"$WA" report r.yaml --format json >r.json

T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - r.csv r.json <<'PY' || fail "CSV content"
import csv, io, json, sys
raw = open(sys.argv[1], "rb").read()
rep = json.load(open(sys.argv[2], encoding="utf-8"))
items = rep["roadmap"]["items"] + rep["roadmap"]["not_planned"]
# Records end in CRLF; every bare LF is inside a quoted field.
assert raw.endswith(b"\r\n")
rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline=""), strict=True))
assert rows[0] == ["Title", "Description", "Priority", "Owner", "Due week", "Due date", "Labels", "Status"], rows[0]
rows = rows[1:]
assert len(rows) == len(items), (len(rows), len(items))
assert all(len(r) == 8 for r in rows)
for r, it in zip(rows, items):
    title, desc, prio, owner, week, date, labels, status = r
    assert title == f"{it['id']} {it['title']}", title
    assert prio == it["priority_name"] and prio in ("Highest", "High", "Medium", "Low")
    assert status == it["status"]
    planned = it["status"] != "wont_do"
    assert week == (str(it["week"]) if planned else ""), (week, it)
    assert date == (it["target_date"] if planned else ""), (date, it)
    labs = labels.split(",")
    assert labs[:2] == ["reliability", it["question"]] and it["quadrant"] in labs, labs
    assert ("not-planned" in labs) != planned, labs
    assert ("confirmed" in labs) == it["confirmed"]
    assert desc.startswith(f"Question: {it['question']} "), desc
    assert "\nImprovement steps\n1. " in desc
    assert "\nEvidence: " in desc
    if planned:
        assert f"due {it['target_date']} (week {it['week']}" in desc, desc
    if it["owner"] and not it["owner"].startswith("="):
        assert owner == it["owner"]
by = {r[0].split()[0]: r for r in rows}
# The reviewer's notes survive quoting: quotes, commas, pipes, line breaks.
d = by["REL01-BP03"][1]
assert '"quotes", commas, and a pipe |' in d and "\n| a | b |\n" in d, d
# The verdict, then the evidence with its resources.
d = by["REL09-BP02"][1]
assert "\nEvidence: not implemented: backup-plan-coverage found 2 offenders in eu-west-1: 2 of 3 databases have no backup plan\n" in d, d
assert "\nEvidence found\n- FAIL backup-plan-coverage: 2 of 3 databases have no backup plan (eu-west-1)\n  Resources: arn:aws:rds:eu-west-1:111122223333:db:orders, arn:aws:dynamodb:" in d, d
# A value a spreadsheet would run as a formula is defused.
assert by["REL09-BP01"][3] == "'=HYPERLINK(\"http://example.com\")", by["REL09-BP01"][3]
assert by["REL02-BP02"][3] == "Mei Tanaka" and by["REL02-BP02"][4] == "4" and by["REL02-BP02"][5] == "2026-11-28"
assert by["REL02-BP05"][7] == "wont_do" and "\nPlan: not planned: Single VPC | no peering planned\n" in by["REL02-BP05"][1]
assert rows[-1][0].startswith("REL02-BP05 "), "the won't-do item is not last"
# Credentials never appear.
assert b"AKIAIOSFODNN7EXAMPLE" not in raw
PY
finish
