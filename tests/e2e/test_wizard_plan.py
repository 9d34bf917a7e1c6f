#!/usr/bin/python3
"""End-to-end tests of the wizard's roadmap, export, milestone, diff, calculator and evidence
keys: the real binary in a pseudo-terminal, checked on the screen and in the files it
writes. Run by tests/cli/test_e2e_plan.sh; shares test_wizard.py's helpers."""

import json
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_wizard import WA, answer, check, load, quit_ok, run  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FIXTURES = os.path.join(ROOT, "tests", "evidence", "fixtures")


def new_review(env, name, *answers):
    """A review with some answers, so the roadmap has items."""
    path = env.path(name)
    subprocess.run([WA, "new", path], check=True, capture_output=True)
    for qid, sel in answers:
        subprocess.run([WA, "answer", path, qid, "--select", sel], check=True,
                       capture_output=True)
    return path


def prompt(t, label, text):
    t.wait_for(label)
    t.key("ctrl-u")
    t.send(text)
    t.key("enter")


def test_roadmap_owner_status(env):
    shop = new_review(env, "plan.yaml", ("REL09", "REL09-BP01"))
    t = env.spawn([shop], rows=30, cols=100)
    t.wait_for("REL01 · Foundations")
    t.send("6")
    t.wait_for("Roadmap · ")
    t.wait_for("REL09-BP02")
    # Select REL09-BP02's row, whatever its rank: j moves one row down.
    rows = [l for l in t.screen.display if " P" in l and "-BP" in l]
    n = next(i for i, l in enumerate(rows) if "REL09-BP02" in l)
    t.send("j" * n)
    t.wait_for("REL09-BP02 · ")        # the detail of the selected item
    t.send("o")
    prompt(t, "REL09-BP02 owner", "Ana Ruiz")
    t.wait_for("Owner: Ana Ruiz")
    t.send("s")
    t.wait_for("status: in progress")
    item = load(shop)["roadmap"]["items"]["REL09-BP02"]
    check(item.get("owner") == "Ana Ruiz" and item.get("status") == "in_progress",
          "roadmap item in the file: %r" % item)
    # Won't do needs a reason; the week must be a week. A refused week keeps the prompt
    # open under the error, and the next digit is typed there, not a switch of screens.
    t.send("W")
    prompt(t, "target week", "0")
    t.wait_for("week: expected a week from 1 to 104")
    t.send("5")
    t.wait_for("target week (1-104, empty: the plan's): 05")
    check("By area" not in t.text() and "Roadmap · " in t.text(),
          "the digit switched screens to the dashboard")
    t.key("esc")
    t.wait_gone("target week")
    t.send("x")
    prompt(t, "won't do, because", "covered by the platform team")
    t.wait_for("won't do — covered by the platform team")
    item = load(shop)["roadmap"]["items"]["REL09-BP02"]
    check(item.get("status") == "wont_do" and "week" not in item, "after x: %r" % item)
    quit_ok(t)


def test_export_milestone_diff(env):
    shop = new_review(env, "rep.yaml", ("REL09", "REL09-BP01"))
    t = env.spawn([shop], rows=30, cols=100)
    t.wait_for("REL01 · Foundations")
    # Export: the default answer is Markdown beside the review.
    t.send("X")
    t.wait_for("Export report")
    t.wait_for("md " + env.path("rep-report.md")[:40])
    t.key("enter")
    t.wait_for("Report (md) written to")
    md = env.path("rep-report.md")
    check(os.path.exists(md), "no Markdown report at " + md)
    # CommonMark parses it into the report's structure: a title, sections, lists.
    xml = subprocess.run(["cmark", "--to", "xml", md], capture_output=True, text=True,
                         check=True).stdout
    check('<heading level="1">' in xml and xml.count('<heading level="2">') >= 3 and
          "<list " in xml, "cmark does not see headings and lists:\n" + xml[:800])
    if shutil.which("cmark-gfm"):
        html = subprocess.run(["cmark-gfm", "-e", "table", md], capture_output=True,
                              text=True, check=True).stdout
        check("<table>" in html, "cmark-gfm finds no table")
    # Another format and path, and a refused one.
    t.send("X")
    prompt(t, "Export report", "json out.json")
    t.wait_for("Report (json) written to out.json")
    with open(env.path("out.json"), encoding="utf-8") as f:
        check(json.load(f).get("schema_version") is not None, "out.json lacks schema_version")
    t.send("X")
    prompt(t, "Export report", "pdf out.pdf")
    t.wait_for("'pdf' is not a format")
    t.wait_for("Export report (md|json|csv|html) [file]: pdf out.pdf")  # still asking
    t.key("esc")
    t.wait_gone("Export report")
    # Milestone, then a change, then the diff view shows it.
    t.send("M")
    prompt(t, "Milestone name:", "baseline")
    t.wait_for("Milestone 'baseline' recorded")
    ms = load(shop)["milestones"]
    check(ms and ms[0]["name"] == "baseline", "milestones in the file: %r" % ms)
    t.send("M")
    prompt(t, "Milestone name:", "baseline")
    t.wait_for("already")
    t.key("esc")
    t.wait_gone("Milestone name:")
    t.send("g")
    prompt(t, "Go to", "REL09-BP02")
    t.wait_for("REL09 · Failure management")
    t.send(" ")
    t.wait_until(lambda: "REL09-BP02" in answer(shop, "REL09").get("selected", []),
                 "the tick in the file")
    t.send("6")
    t.wait_for("Roadmap · ")
    t.send("d")
    t.wait_for("Progress since milestone 'baseline'")
    t.wait_for("REL09-BP02")
    t.send("d")
    t.wait_for("Roadmap · ")
    quit_ok(t)


def test_calculator(env):
    shop = new_review(env, "calc.yaml")
    t = env.spawn([shop])
    t.wait_for("REL01 · Foundations")
    t.send("7")
    t.wait_for("Availability calculator")
    t.send("c")                       # clear the field and type
    t.send("0.9999 * (0.999 | 0.999) * 0.9995")
    t.wait_for("99.9399051%")
    t.wait_for("a year · ")
    t.key("backspace")
    t.send("*")
    t.wait_for("^")                   # a caret under the problem
    t.key("enter")
    t.send("j")
    t.key("enter")
    t.send("30d")
    t.key("tab")
    t.send("45m")
    t.wait_for("MTBF / (MTBF + MTTR) = 99.8959")
    t.key("esc")
    quit_ok(t)


def test_evidence(env):
    shop = new_review(env, "ev.yaml")
    t = env.spawn([shop], rows=40, cols=120, WA_EVIDENCE_FIXTURES=FIXTURES,
                  AWS_REGION="eu-west-1")
    t.wait_for("REL01 · Foundations")
    t.send("g")
    prompt(t, "Go to", "REL10")
    t.wait_for("REL10 · Failure management")
    t.send("e")
    t.wait_for("Evidence for REL10: 25 probes")
    t.key("tab")                      # the guidance pane
    t.key("tab")                      # the evidence pane, which grows
    t.wait_for("Suggested answers")
    t.wait_for("reports-db")          # the resource a failing probe names
    t.wait_for("FAIL")
    check(load(shop).get("evidence"), "no evidence section in the file")
    t.send("kk")                       # BP01: a single-AZ database proves it missing
    t.send("a")
    t.wait_for("Accepted the evidence's suggestion for 1 best practice of REL10; the others stay open")
    t.wait_until(lambda: answer(shop, "REL10").get("sources", {}).get("REL10-BP01") == "evidence",
                 "the answer's source in the file")
    check("REL10-BP01" not in answer(shop, "REL10").get("selected", []), "BP01 ticked")
    check(answer(shop, "REL10").get("open") == ["REL10-BP02", "REL10-BP03"],
          "BP02 and BP03 are not left open: %r" % answer(shop, "REL10"))
    # The proven gap is in the risk at once: REL10-BP01 is a high-risk practice.
    t.wait_for("HIGH")
    # Overriding by hand makes it the reviewers' again.
    t.key("tab")                      # the list
    t.key("tab")                      # the question
    t.send(" ")
    t.wait_until(lambda: answer(shop, "REL10").get("sources", {}).get("REL10-BP01") != "evidence",
                 "the source back to the reviewers")
    # Every question, in the background: the screen keeps answering keys meanwhile.
    t.send("E")
    t.send("?")
    t.wait_for("Help: keys of this screen")
    t.key("esc")
    t.wait_gone("Help: keys of this screen")

    def questions_with_evidence():
        ev = load(shop).get("evidence") or {}
        return {f.get("question") for f in ev.get("findings", [])}
    t.wait_until(lambda: len(questions_with_evidence()) == 13,
                 "evidence for every question in the file")
    quit_ok(t)


def test_evidence_without_client(env):
    shop = new_review(env, "noaws.yaml")
    t = env.spawn([shop])
    t.wait_for("REL01 · Foundations")
    t.send("e")
    t.wait_for("No evidence:")
    quit_ok(t)


TESTS = [test_roadmap_owner_status, test_export_milestone_diff, test_calculator,
         test_evidence, test_evidence_without_client]


if __name__ == "__main__":
    sys.exit(run(TESTS, "e2e plan"))
