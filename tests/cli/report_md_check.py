#!/usr/bin/python3
"""Checks the structure of a Markdown report by parsing it as the readers will.

usage: report_md_check.py REPORT.md REVIEW.yaml REPORT.json STATUS.json

cmark (CommonMark) must see exactly the document's own structure: one title, the fixed
section headings in order, no raw HTML, code blocks or stray links, whatever the review's
text holds. cmark-gfm (tables and task lists, as GitHub renders) must see the risk table
with status's numbers, the matrix, the participants table, and one checklist per phase
whose items are the JSON report's, checked exactly when done. Text typed by reviewers
(workload name, notes, participants) must come back character for character.
"""
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import yaml

NS = "{http://commonmark.org/xml/1.0}"
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)


def parse(cmd, path):
    out = subprocess.run(cmd + ["--to", "xml", path], check=True, capture_output=True).stdout
    return ET.fromstring(out)


def tag(e):
    return e.tag[len(NS):] if e.tag.startswith(NS) else e.tag


def text(e):
    """Rendered text of a node: soft breaks as spaces, hard breaks as newlines."""
    parts = []
    for x in e.iter():
        t = tag(x)
        if t in ("text", "code"):
            parts.append(x.text or "")
        elif t == "softbreak":
            parts.append(" ")
        elif t == "linebreak":
            parts.append("\n")
    return "".join(parts)


def quote_text(bq):
    return "\n\n".join(text(p) for p in bq if tag(p) == "paragraph")


def normalize_notes(s):
    """What a note reads as once rendered: lines stripped, blank runs one paragraph break,
    access key IDs masked (reports never show credentials)."""
    s = re.sub(r"\b(AKIA|ASIA)[A-Z0-9]{16}\b", lambda m: m.group(1) + "X" * 16, s)
    paras, cur = [], []
    for line in s.split("\n"):
        line = line.strip()
        if line:
            cur.append(line)
        elif cur:
            paras.append("\n".join(cur))
            cur = []
    if cur:
        paras.append("\n".join(cur))
    return "\n\n".join(paras)


def sections(doc):
    """[(h2 title, [nodes until the next h2])]."""
    out = []
    for node in doc:
        if tag(node) == "heading" and node.get("level") == "2":
            out.append((text(node), []))
        elif out:
            out[-1][1].append(node)
    return out


md, review_path, report_path, status_path = sys.argv[1:5]
review = yaml.safe_load(open(review_path, encoding="utf-8"))
review.setdefault("answers", {})
report = json.load(open(report_path, encoding="utf-8"))
status = json.load(open(status_path, encoding="utf-8"))

# ---- strict CommonMark ----
doc = parse(["cmark"], md)
kinds = [tag(e) for e in doc.iter()]
for bad in ("html_block", "html_inline", "code_block"):
    check(bad not in kinds, f"cmark found {bad}: user text escaped its place")
check(kinds.count("thematic_break") == 1, "one thematic break (before the footer) expected")
h1 = [e for e in doc if tag(e) == "heading" and e.get("level") == "1"]
check(len(h1) == 1, f"{len(h1)} level-1 headings")
name = review["workload"]["name"]
check(text(h1[0]) == "Reliability improvement plan: " + name,
      f"title reads {text(h1[0])!r}, not the workload name {name!r}")
for link in doc.iter(NS + "link"):
    check(link.get("destination", "").startswith("https://docs.aws.amazon.com/"),
          f"unexpected link to {link.get('destination')}")
expected_h2 = ["Summary", "Workload", "Availability", "Risk summary by area",
               "Progress since the last milestone", "Priority matrix", "Phased plan",
               *(["Roadmap items"] if report["roadmap"]["items"] else []), "Appendix A: Answers",
               "Appendix B: Follow-up flags and not-applicable questions",
               "Appendix C: Participants"]
h2 = [t for t, _ in sections(doc)]
check(h2 == expected_h2, f"section headings {h2}")
# Level-3 headings are only phases, numbered items and questions.
items = report["roadmap"]["items"]
allowed_h3 = {f"{it['rank']}. {it['id']} {it['title']}" for it in items}
allowed_h3 |= {f"{a['question']} {a['title']}" for a in report["answers"]}
allowed_h3 |= {p["title"] for p in report["phases"]}
for h in doc.iter(NS + "heading"):
    if h.get("level") == "3":
        t = text(h)
        check(t in allowed_h3 or any(t.startswith(p["title"] + " (") for p in report["phases"])
              or t == "Not planned", f"unexpected heading {t!r}")
check(not any(h.get("level") in ("4", "5", "6") for h in doc.iter(NS + "heading")),
      "headings deeper than 3")
# Item headings in rank order.
item_heads = [text(h) for h in doc.iter(NS + "heading")
              if h.get("level") == "3" and text(h)[:1].isdigit()]
check(item_heads == [f"{it['rank']}. {it['id']} {it['title']}" for it in items],
      "roadmap item headings are not the JSON report's items in rank order")
# The workload description keeps its lines, none of them turned into structure.
sec = dict(sections(doc))
desc = [n for n in sec["Workload"] if tag(n) == "paragraph"]
if review["workload"].get("description"):
    check(desc and text(desc[0]) == normalize_notes(review["workload"]["description"]),
          f"workload description reads {text(desc[0]) if desc else None!r}")
else:
    check(not desc, "a description paragraph for a workload without one")
# Every note comes back as typed (lines stripped), in a block quote.
quotes = [quote_text(bq) for bq in doc.iter(NS + "block_quote")]
for qid, ans in review["answers"].items():
    if ans.get("notes"):
        want = normalize_notes(ans["notes"])
        check(want in quotes, f"notes of {qid} not rendered as typed: {want!r} not in {quotes!r}")

# ---- as GitHub renders it: tables and task lists ----
gfm = parse(["cmark-gfm", "-e", "table", "-e", "tasklist"], md)
gsec = dict(sections(gfm))


def table_rows(nodes):
    tables = [n for n in nodes if tag(n) == "table"]
    check(len(tables) == 1, f"expected one table, found {len(tables)}")
    if not tables:
        return [], []
    rows = [[text(c) for c in r] for r in tables[0]]
    return rows[0], rows[1:]


head, rows = table_rows(gsec["Risk summary by area"])
check(head == ["Area", "Questions", "Answered", "High", "Medium", "None", "N/A"],
      f"risk table header {head}")
want_rows = [[a["title"], a["total"], a["answered"], a["high"], a["medium"], a["none"],
              a["not_applicable"]] for a in status["areas"]]
o = status["overall"]
want_rows.append(["Overall", o["total"], o["answered"], o["high"], o["medium"], o["none"],
                  o["not_applicable"]])
check([[r[0]] + [int(x) for x in r[1:]] for r in rows] == want_rows,
      f"risk table rows {rows} differ from status --json {want_rows}")

head, rows = table_rows(gsec["Priority matrix"])
check(head[:3] == ["Quadrant", "Items", "Best practices"], f"matrix header {head}")
for row, quad in zip(rows, report["matrix"]):
    check(row[0] == quad["title"] and int(row[1]) == len(quad["items"]),
          f"matrix row {row} vs {quad}")
    check(row[2] == (", ".join(quad["items"]) or "none"), f"matrix items {row[2]}")
check(len(rows) == len(report["matrix"]), "matrix row count")

people = review["workload"].get("participants") or []
if people:
    head, rows = table_rows(gsec["Appendix C: Participants"])
    check(rows == [[p["name"], p.get("role", "")] for p in people], f"participants table {rows}")
else:
    check(not any(tag(n) == "table" for n in gsec["Appendix C: Participants"]),
          "a participants table without participants")

# Each phase: a heading, then a task list of its items (done ones checked).
plan = gsec["Phased plan"]
by_id = {it["id"]: it for it in items}
for ph in report["phases"]:
    heads = [i for i, n in enumerate(plan) if tag(n) == "heading" and
             text(n).startswith(ph["title"])]
    if not ph["items"] and ph["phase"] == 4:
        check(not heads, "an empty 'after the plan' section")
        continue
    check(len(heads) == 1, f"phase heading {ph['title']!r} found {len(heads)} times")
    if not heads:
        continue
    nxt = plan[heads[0] + 1]
    if not ph["items"]:
        check(tag(nxt) == "paragraph", f"empty phase {ph['title']} should say so")
        continue
    check(tag(nxt) == "list" and nxt.get("type") == "bullet", f"{ph['title']}: no list")
    tasks = [li for li in nxt if tag(li) == "tasklist"]
    check(len(tasks) == len(nxt), f"{ph['title']}: items that are not checklist items")
    ids = [text(li.find(f"{NS}paragraph/{NS}strong")) for li in tasks]
    check(ids == ph["items"], f"{ph['title']}: checklist {ids} != {ph['items']}")
    for li, i in zip(tasks, ids):
        done = by_id[i]["status"] == "done"
        check(li.get("completed") == ("true" if done else "false"),
              f"{i}: checklist box does not match status {by_id[i]['status']}")
        line = text(li)
        check(f"week {by_id[i]['week']}" in line, f"{i}: week missing in {line!r}")
        owner = by_id[i]["owner"] or "unassigned"
        check(f"owner: {owner}" in line, f"{i}: owner missing in {line!r}")

if failures:
    print("\n".join("markdown: " + f for f in failures))
    sys.exit(1)
print(f"markdown structure ok: {len(items)} items, {len(quotes)} quotes")
