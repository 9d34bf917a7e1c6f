#!/usr/bin/python3
"""End-to-end tests of evidence answering part of a question, the workload's scope, and the
round trip with the Well-Architected Tool in the wizard: the real binary in a
pseudo-terminal, checked on the screen, in the review file, in the exported report, and
(push and pull) in the local Tool emulator read back with boto3. Run by
tests/cli/test_e2e_sync.sh, which starts the emulator (WATOOL_URL) and names the Python with
boto3 (MOTO_PY); shares test_wizard.py's helpers."""

import json
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_wizard import WA, answer, check, load, quit_ok, run  # noqa: E402
from test_wizard_plan import FIXTURES, new_review, prompt  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SYNC = os.path.join(ROOT, "tests", "aws", "watool_sync.py")
URL = os.environ.get("WATOOL_URL")
MOTO_PY = os.environ.get("MOTO_PY")


def flat(t):
    """The screen as one line of words, so text wrapped over rows still matches."""
    return " ".join(" ".join(line.split()) for line in t.screen.display)


def wait_flat(t, text):
    t.wait_until(lambda: text in flat(t), "'%s' on screen" % text)


def evidence_for(t, qid):
    t.send("g")
    prompt(t, "Go to", qid)
    t.wait_for("%s · " % qid)
    t.send("e")
    t.wait_for("Evidence for %s:" % qid)


def test_gaps_reach_risk_roadmap_report(env):
    """A on a question whose evidence found only gaps: each practice is recorded missing by
    evidence, the question is high risk at once, and the pane, the Risks screen, the
    roadmap and the exported Markdown report give each practice the same verdict."""
    shop = new_review(env, "gaps.yaml")
    t = env.spawn([shop], rows=40, cols=120, WA_EVIDENCE_FIXTURES=FIXTURES,
                  AWS_REGION="eu-west-1")
    t.wait_for("REL01 · Foundations")
    evidence_for(t, "REL10")
    t.send("A")
    t.wait_for("Accepted the evidence's suggestion for 3 best practices of REL10")
    check("stay open" not in t.text(), "REL10 left practices open:\n" + t.text())
    t.wait_until(lambda: answer(shop, "REL10").get("sources", {}) == {
        "REL10-BP01": "evidence", "REL10-BP02": "evidence", "REL10-BP03": "evidence"},
        "each practice decided by evidence in the file")
    a = answer(shop, "REL10")
    check(not a.get("selected") and not a.get("open"), "REL10 in the file: %r" % a)
    t.wait_for("HIGH")
    why = "rds-multi-az found 1 offender in eu-west-1"
    # The evidence pane (Tab twice): the verdict, its reason, and the answer now.
    t.key("tab")
    t.key("tab")
    t.wait_for("Suggested answers")
    wait_flat(t, "BP01 not implemented now missing by evidence")
    wait_flat(t, why)
    # The Risks screen: the question high, the practices missing by evidence, same verdict.
    t.send("5")
    t.wait_for("High risk: REL10")
    wait_flat(t, "Missing by evidence: REL10-BP01 not implemented, REL10-BP02 not "
                 "implemented, REL10-BP03 not implemented")
    # The roadmap: in the plan at once, the selected item's verdict in the same words.
    t.send("6")
    t.wait_for("REL10-BP01")                # the first item (P1, week 3), selected
    wait_flat(t, "REL10-BP01 · High risk / high impact")
    wait_flat(t, "Evidence: not implemented: " + why)
    # The exported Markdown report says the same.
    t.send("X")
    md = env.path("gaps-report.md")
    prompt(t, "Export", "md " + md)
    t.wait_for("gaps-report.md")
    t.wait_until(lambda: os.path.exists(md), "the report written")
    with open(md, encoding="utf-8") as f:
        text = f.read()
    check(re.search(r"REL10-BP01\*\* Deploy the workload to multiple locations .*"
                    r"\*\*not implemented\*\*: " + re.escape(why), text),
          "the report's verdict for REL10-BP01:\n" + text[:3000])
    quit_ok(t)


def test_open_practices(env):
    """Evidence deciding part of a question: the practices left open show [?], the list
    marks the question, ] visits each open practice then the next unanswered question, [
    goes back, and deciding the last open one completes the question."""
    shop = new_review(env, "open.yaml")
    t = env.spawn([shop], rows=40, cols=120, WA_EVIDENCE_FIXTURES=FIXTURES,
                  AWS_REGION="eu-west-1")
    t.wait_for("REL01 · Foundations")
    evidence_for(t, "REL03")
    t.send("A")
    t.wait_for("Accepted the evidence's suggestion for 2 best practices of REL03; the others "
               "stay open for people")
    t.wait_until(lambda: answer(shop, "REL03").get("open") == ["REL03-BP02"],
                 "REL03-BP02 open in the file")
    t.wait_for("1 open")                      # the question's title bar
    t.wait_for("[?]")
    wait_flat(t, "(open: for people to decide)")
    wait_flat(t, "(missing, from evidence)")
    # The list: REL03's row has the mark after its badge; REL04 (unanswered) has none.
    rows = {line[:6].strip(): line[:16] for line in t.screen.display if line[:6].strip()}
    check(rows.get("REL03", "").rstrip().endswith("?"), "REL03 unmarked: %r" % rows)
    check("?" not in rows.get("REL04", "?"), "REL04 marked: %r" % rows)
    t.send("g")
    prompt(t, "Go to", "REL01")
    t.wait_for("REL01 · Foundations")
    t.send("]")
    t.wait_for("REL02: unanswered")
    t.send("]")
    t.wait_for("REL03-BP02: open, for people to decide (1 of REL03's practices open)")
    t.send("]")
    t.wait_for("REL04: unanswered")
    t.send("[")
    t.wait_for("REL03-BP02: open, for people to decide")
    t.send(" ")                               # people decide it: in place
    t.wait_for("REL03-BP02 ticked: in place")
    t.wait_until(lambda: not answer(shop, "REL03").get("open"), "REL03 complete in the file")
    t.wait_gone("[?]")
    t.send("]")
    t.wait_for("REL04: unanswered")           # REL03 has nothing open any more
    quit_ok(t)


def test_scope_in_form(env):
    """The scope typed in the workload form after Tab: refused with the parser's reason and
    the field kept open, then saved, and named in the evidence pane's title."""
    shop = new_review(env, "scope.yaml")
    t = env.spawn([shop], rows=40, cols=120)
    t.wait_for("REL01 · Foundations")
    t.wait_for("whole account")               # the evidence pane's title, no scope set
    t.send("2")
    t.wait_for("The workload under review")
    t.key("end")
    t.send("k")                               # Participants
    t.key("tab")                              # opens the next field: Scope
    t.wait_for("--scope takes it")
    t.send("stack:shop-app, shop")
    t.wait_for("'shop' is not a scope")
    t.key("enter")
    t.wait_for("Not saved: scope: 'shop' is not a scope")
    t.wait_for("--scope takes it")            # still open
    t.key("ctrl-u")
    t.send("tag:app=checkout, stack:shop-app")
    t.wait_for("evidence judges only resources tagged app=checkout, in stack shop-app")
    t.key("enter")
    t.wait_for("Scope saved")
    t.wait_until(lambda: (load(shop)["workload"].get("scope") or {}).get("stacks") ==
                 ["shop-app"], "the scope in the file")
    sc = load(shop)["workload"]["scope"]
    check(sc.get("tags") in ({"app": "checkout"}, {"app": ["checkout"]}),
          "the scope's tags: %r" % sc)
    t.send("4")
    wait_flat(t, "Evidence · resources tagged app=checkout, in stack shop-app")
    quit_ok(t)


def boto(*args):
    out = subprocess.run([MOTO_PY, SYNC, URL] + list(args), capture_output=True, text=True,
                         check=True).stdout
    return out


def tool_answers(wid):
    return {x["q"]: x for x in map(json.loads, boto("answers", wid).splitlines())}


def tool_env():
    return dict(AWS_ACCESS_KEY_ID="AKIDWATOOLTEST", AWS_SECRET_ACCESS_KEY="secret",
                AWS_REGION="us-east-1", AWS_ENDPOINT_URL=URL, AWS_MAX_ATTEMPTS="3",
                AWS_CONFIG_FILE="/nonexistent", AWS_SHARED_CREDENTIALS_FILE="/nonexistent")


def test_push_and_pull(env):
    """P on the Risks screen: a preview of the calls, then the push, read back with boto3;
    an answer changed in the Tool meanwhile is shown and only overwritten on y. p on the
    Start screen pulls a workload into a new review file and opens it."""
    if not URL or not MOTO_PY:
        raise AssertionError("needs WATOOL_URL and MOTO_PY (run by test_e2e_sync.sh)")
    shop = new_review(env, "checkout.yaml", ("REL01", "REL01-BP01"), ("REL04", "BP01,BP02"))
    t = env.spawn([shop], rows=40, cols=120, **tool_env())
    t.wait_for("REL02 · Foundations")       # the first unanswered question
    t.send("5")
    t.wait_for("P push to the Tool")
    t.send("P")
    t.wait_for("preview (nothing written yet)")
    wait_flat(t, "would call wellarchitected:CreateWorkload")
    wait_flat(t, '"QuestionId":"manage-service-limits"')
    t.wait_for("Preview: 2 answers to write")
    check(not boto("writes").strip(), "the preview wrote: " + boto("writes"))
    t.send("y")
    t.wait_for("Pushed to the Well-Architected Tool: 2 answers written")
    t.wait_until(lambda: (load(shop).get("wa_tool") or {}).get("workload_id"),
                 "the workload ID in the review")
    wid = load(shop)["wa_tool"]["workload_id"]
    a = tool_answers(wid)
    check(a["manage-service-limits"]["selected"] ==
          ["rel_manage_service_limits_aware_quotas_and_constraints"],
          "REL01 in the Tool: %r" % a["manage-service-limits"])
    check(a["prevent-interaction-failure"]["selected"] == sorted([
        "rel_prevent_interaction_failure_identify",
        "rel_prevent_interaction_failure_loosely_coupled_system"]),
        "REL04 in the Tool: %r" % a["prevent-interaction-failure"])
    t.key("esc")
    # Someone changes REL01 in the Tool; the review changes it too.
    boto("update", wid, "manage-service-limits",
         json.dumps({"SelectedChoices": ["rel_manage_service_limits_limits_considered"]}))
    t.send("4")
    t.send("g")
    prompt(t, "Go to", "REL01-BP02")
    t.wait_for("REL01 · Foundations")
    t.send(" ")
    t.wait_for("REL01-BP02 ticked: in place")
    t.send("5")
    t.send("P")
    t.wait_for("1 answer changed in the Tool since the last push or pull: overwrite? y/N")
    wait_flat(t, "REL01 (manage-service-limits) changed in the Tool since the last push or pull")
    wait_flat(t, "the Tool: REL01-BP02")
    t.send("n")
    t.wait_for("Nothing pushed")
    check(tool_answers(wid)["manage-service-limits"]["selected"] ==
          ["rel_manage_service_limits_limits_considered"], "n overwrote the Tool's answer")
    t.send("P")
    t.wait_for("overwrite? y/N")
    t.send("y")
    t.wait_for("Pushed to the Well-Architected Tool")
    check(tool_answers(wid)["manage-service-limits"]["selected"] == sorted([
        "rel_manage_service_limits_aware_quotas_and_constraints",
        "rel_manage_service_limits_limits_considered"]), "y did not overwrite")
    t.key("esc")
    # Pull: a workload boto3 made and answered, into a new file that then opens.
    other = boto("create", "inventory-service").strip()
    boto("update", other, "planning-network-topology",
         json.dumps({"SelectedChoices": ["rel_planning_network_topology_no"]}))
    t.send("1")
    t.wait_for("Pull from the Well-Architected Tool")
    t.send("p")
    prompt(t, "Workload ID in the Well-Architected Tool", "not-a-workload-id")
    t.wait_for("Not pulled:")
    t.wait_for("Workload ID in the Well-Architected Tool")   # kept open to correct it
    t.key("ctrl-u")
    t.send(other)
    t.key("enter")
    t.wait_for("Write the pulled review to: inventory-service.yaml")
    t.key("enter")
    t.wait_for("Pulled inventory-service into")
    pulled = env.path("inventory-service.yaml")
    rv = load(pulled)
    check(rv["wa_tool"]["workload_id"] == other, "the pulled review's link: %r" % rv["wa_tool"])
    check(rv["answers"]["REL02"].get("none_of_these") is True,
          "REL02 as the Tool has it: %r" % rv["answers"])
    check(rv["workload"]["name"] == "inventory-service", "the name: %r" % rv["workload"])
    quit_ok(t)


TESTS = [test_gaps_reach_risk_roadmap_report, test_open_practices, test_scope_in_form,
         test_push_and_pull]


if __name__ == "__main__":
    sys.exit(run(TESTS, "e2e sync"))
