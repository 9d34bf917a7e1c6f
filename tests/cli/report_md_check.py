#!/usr/bin/python3
"""Checks the structure of a Markdown report by parsing it as the readers will.

usage: report_md_check.py REPORT.md REVIEW.yaml REPORT.json STATUS.json

cmark (CommonMark) must see exactly the document's own structure: one title, the fixed
section headings in order, no raw HTML, code blocks or stray links, whatever the review's
text holds. cmark-gfm (tables, task lists and autolinks, as GitHub renders) must see the
risk table with status's numbers, the priority matrix with each item's risk, effort,
owner, target date and evidence verdict, the participants table, and per phase a checklist
of the JSON report's items (checked exactly when done, each with its due date), its weekly
themes and its success metrics, and no link but the question set's. Dates are the plan's
calendar from the review's creation date; every figure of the availability section carries
its unit, amounts their currency. Text typed by reviewers (workload name, notes,
participants) must come back character for character.
"""
import datetime
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
# The only links are the question set's, for the items shown.
set_links = {ln["url"] for it in report["roadmap"]["items"] + report["roadmap"]["not_planned"]
             for ln in it["links"]}
for link in doc.iter(NS + "link"):
    check(link.get("destination") in set_links, f"unexpected link to {link.get('destination')}")
expected_h2 = ["Summary", "Workload", "Availability", "Risk summary by area",
               "Progress since the last milestone", "Priority matrix", "Phased plan",
               *(["Roadmap items"] if report["roadmap"]["items"] or report["roadmap"]["not_planned"]
                 else []), "Appendix A: Answers",
               "Appendix B: Follow-up flags and not-applicable questions",
               "Appendix C: Participants"]
h2 = [t for t, _ in sections(doc)]
check(h2 == expected_h2, f"section headings {h2}")
# Level-3 headings are only phases, numbered items and questions.
items = report["roadmap"]["items"]
every_item = items + report["roadmap"]["not_planned"]
allowed_h3 = {f"{it['rank']}. {it['id']} {it['title']}" for it in every_item}
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
check(item_heads == [f"{it['rank']}. {it['id']} {it['title']}" for it in every_item],
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

# ---- as GitHub renders it: tables, task lists and autolinks ----
gfm = parse(["cmark-gfm", "-e", "table", "-e", "tasklist", "-e", "autolink",
             "-e", "strikethrough"], md)
gsec = dict(sections(gfm))
for link in gfm.iter(NS + "link"):
    check(link.get("destination") in set_links, f"GitHub would link to {link.get('destination')}")


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

by_id = {it["id"]: it for it in items}
verdict_labels = {"implemented": "implemented", "partly_shown": "partly shown",
                  "not_verified": "not verified", "not_implemented": "not implemented",
                  "no_evidence": "no evidence"}
start = datetime.date.fromisoformat(report["roadmap"]["plan_start"])


def due(it):
    """An item's target as the report words it: the last day of its week, and the week."""
    day = start + datetime.timedelta(days=7 * it["week"] - 1)
    check(it["target_date"] == day.isoformat(), f"{it['id']}: target_date {it['target_date']}")
    return f"{day.isoformat()} (week {it['week']}" + (
        ", set by the team)" if it["week_source"] == "override" else ")")


head, rows = table_rows(gsec["Priority matrix"])
check(head == ["Quadrant", "Best practice", "Risk", "Effort", "Owner", "Target", "Evidence"],
      f"matrix header {head}")
want = []
for quad in report["matrix"]:
    label = f"{quad['title']} ({len(quad['items'])})"
    if not quad["items"]:
        want.append([label, "none", "", "", "", "", ""])
    for n, i in enumerate(quad["items"]):
        it = by_id[i]
        target = due(it) + ("" if it["status"] == "planned" else
                            ", " + it["status"].replace("_", " "))
        want.append([label if n == 0 else "", f"{i} {it['title']}", it["risk"], it["effort"],
                     it["owner"] or "unassigned", target,
                     f"{verdict_labels[it['verdict']['verdict']]}: {it['verdict']['why']}"])
check(rows == want, "matrix rows differ from the JSON report:\n" +
      "\n".join(f"  {r}\n  {w}" for r, w in zip(rows, want) if r != w))
check(sorted(i for q in report["matrix"] for i in q["items"]) == sorted(by_id),
      "the matrix is not the plan")

people = review["workload"].get("participants") or []
if people:
    head, rows = table_rows(gsec["Appendix C: Participants"])
    check(rows == [[p["name"], p.get("role", "")] for p in people], f"participants table {rows}")
else:
    check(not any(tag(n) == "table" for n in gsec["Appendix C: Participants"]),
          "a participants table without participants")

# Each phase: a heading with its dates, a task list of its items (done ones checked), its
# weekly themes and its success metrics, as the JSON report has them.
plan = gsec["Phased plan"]


def after_label(nodes, at, label):
    """The list after the paragraph that starts with label, searching from at."""
    for k in range(at, len(nodes) - 1):
        if tag(nodes[k]) == "heading":
            break
        if tag(nodes[k]) == "paragraph" and text(nodes[k]).startswith(label):
            return [text(li) for li in nodes[k + 1]] if tag(nodes[k + 1]) == "list" else None
    return None


for ph in report["phases"]:
    heads = [i for i, n in enumerate(plan) if tag(n) == "heading" and
             text(n).startswith(ph["title"] + " (")]
    if not ph["items"] and ph["phase"] == 4:
        check(not heads, "an empty 'after the plan' section")
        continue
    check(len(heads) == 1, f"phase heading {ph['title']!r} found {len(heads)} times")
    if not heads:
        continue
    title = text(plan[heads[0]])
    check(f"{ph['start_date']} to {ph['end_date']}" in title or
          (ph["phase"] == 4 and f"from {ph['start_date']}" in title), f"phase dates: {title!r}")
    check(ph["start_date"] == (start + datetime.timedelta(days=7 * (ph["first_week"] - 1))
                               ).isoformat(), f"{ph['title']} starts {ph['start_date']}")
    nxt = plan[heads[0] + 1]
    metrics = after_label(plan, heads[0] + 1, "Success metrics")
    want = [m["text"] + (" — " + ", ".join(m["items"]) + f" ({m['items_done']} of "
                         f"{len(m['items'])} done)" if m["items"] else "")
            for m in ph["success_metrics"]]
    check((metrics or []) == want, f"{ph['title']}: success metrics {metrics} != {want}")
    if not ph["items"]:
        check(tag(nxt) == "paragraph" and text(nxt) == "Nothing in this phase.",
              f"empty phase {ph['title']} should say so")
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
        check(f"due {due(by_id[i])}" in line, f"{i}: due date missing in {line!r}")
        owner = by_id[i]["owner"] or "unassigned"
        check(f"owner: {owner}" in line, f"{i}: owner missing in {line!r}")
    themes = after_label(plan, heads[0] + 1, "Weekly themes")
    want = [f"Week {w['week']} ({w['start_date']} to {w['end_date']}): {w['theme']}"
            for w in report["weeks"] if ph["first_week"] <= w["week"] <= ph["last_week"]]
    check(themes == want, f"{ph['title']}: weekly themes {themes} != {want}")
    for w in report["weeks"]:
        check(sorted(w["items"]) == sorted(i for i in by_id if by_id[i]["week"] == w["week"]),
              f"week {w['week']} items {w['items']}")
np = report["roadmap"]["not_planned"]
heads = [i for i, n in enumerate(plan) if tag(n) == "heading" and text(n) == "Not planned"]
check(len(heads) == (1 if np else 0), "a 'Not planned' section for the won't-do items")
if np and heads:
    listed = [text(li) for li in plan[heads[0] + 2]]
    check(listed == [f"{it['id']} {it['title']} ({it['risk']} risk): {it['reason']}"
                     for it in np], f"not planned: {listed}")

# The calendar starts on the review's creation date, and says so.
summary = " ".join(text(n) for n in gsec["Summary"])
if review.get("created"):
    check(report["roadmap"]["plan_start"] == review["created"][:10] and
          f"Week 1 of the plan starts on {review['created'][:10]}, the day the review was "
          "created" in summary, "the plan does not start on the review's creation date")

# Availability: every figure with its unit and where it comes from, amounts in the currency.
av = report["availability"]
fields = {}
for li in gsec["Availability"][0]:
    key, _, value = text(li).partition(": ")
    fields[key] = value


def pct(x):
    return f"{x * 100:.6f}".rstrip("0").rstrip(".") + "%"


if av["target"] is not None:
    check(fields["Target"] == pct(av["target"]) + " (the workload's availability target)",
          f"target {fields['Target']!r}")
if av["computed"] is not None:
    check(fields["Computed"].startswith(pct(av["computed"]) + " from the workload's components"),
          f"computed {fields['Computed']!r}")
if av["measured"] is not None:
    check(fields["Measured"].startswith(
        f"{pct(av['measured'])} from the incident history, {av['incidents']} incidents from "
        f"{av['measured_from'][:10]} to {av['measured_to'][:10]} (mean time to repair "),
        f"measured {fields['Measured']!r}")
if av["cost_basis"]:
    cost, cur = fields["Cost of downtime"], av["currency"]
    basis = pct(av[av["cost_basis"]])
    check(f"a year at the {av['cost_basis']} availability ({basis}, from the " in cost,
          f"cost basis: {cost!r}")
    amounts = re.findall(r"(?:([A-Z]{3}) )?(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d{4,})(?![\d.,%])",
                         cost)
    check(amounts and all(c == cur for c, _ in amounts),
          f"an amount without its currency {cur}: {cost!r}")
    check(f"{cur} {round(av['cost_per_year_computed']):,} a year" in cost, f"cost {cost!r}")

if failures:
    print("\n".join("markdown: " + f for f in failures))
    sys.exit(1)
print(f"markdown structure ok: {len(items)} items, {len(quotes)} quotes")
