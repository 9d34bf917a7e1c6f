#!/usr/bin/python3
"""End-to-end tests that the wizard loses no work and sets no traps: a report never lands on
the review, changes made to the file while it is open survive, "none of these" can be
undone, and quitting during a slow evidence sweep ends at once with the lock released. The
real binary in a pseudo-terminal; run by tests/cli/test_e2e_safety.sh (and, with a slow
AWS behind the fault proxy, by tests/cli/test_e2e_cancel_aws.sh)."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import yaml

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_wizard import WA, answer, check, load, quit_ok, run  # noqa: E402
from test_wizard_plan import FIXTURES, new_review, prompt  # noqa: E402


def read(path):
    with open(path, "rb") as f:
        return f.read()


def edit_outside(path, change):
    """Changes the review file as an editor would: load, change, write in place."""
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    change(doc)
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)


def goto(t, qid):
    t.wait_for("Foundations")
    t.send("g")
    prompt(t, "Go to", qid)
    t.wait_for(qid + " · ")


def test_export_onto_review_refused(env):
    """X with the review's own name, its backup's or its lock's: refused, prompt kept,
    the review intact and still the wizard's."""
    shop = new_review(env, "shop.yaml", ("REL01", "REL01-BP01"))
    t = env.spawn([shop])
    goto(t, "REL01")
    t.send(" ")                              # a save, so shop.yaml~ exists too
    t.wait_for("saved ")
    before = read(shop)
    mode = os.stat(shop).st_mode & 0o777
    for name, why in (("shop.yaml", "would overwrite the review itself"),
                      ("./shop.yaml~", "would overwrite the review's backup"),
                      ("shop.yaml.lock", "would overwrite the review's lock file")):
        t.send("X")
        prompt(t, "Export report", "md " + name)
        t.wait_for(why)
        t.wait_for("Export report")          # asked again, with what was typed
        t.key("esc")
        t.wait_gone("Export report")
    check(read(shop) == before, "the review changed")
    check(os.stat(shop).st_mode & 0o777 == mode, "the review's mode changed")
    check(load(shop + "~").get("schema") == 1, "the backup is no longer a review")
    # Still the wizard's review: the next change saves into it.
    t.send("f")
    t.wait_until(lambda: answer(shop, "REL01").get("flagged") is True, "the flag in the file")
    # A proper name still works.
    t.send("X")
    prompt(t, "Export report", "md report.md")
    t.wait_for("Report (md) written to report.md")
    quit_ok(t)


def test_outside_note_survives(env):
    """A note written into the file while the wizard has it open survives the next tick,
    and the one after (not only in FILE~); the status bar says what came in."""
    shop = new_review(env, "team.yaml")
    t = env.spawn([shop])
    t.wait_for("REL01 · Foundations")
    t.send(" ")
    t.wait_for("REL01-BP01 ticked")

    def add_note(doc):
        doc.setdefault("answers", {})["REL02"] = {"notes": "added in an editor"}
    edit_outside(shop, add_note)
    t.send("j ")                             # tick REL01-BP02
    t.wait_for("merged from the file")
    t.wait_for("REL02")
    check(answer(shop, "REL02").get("notes") == "added in an editor", "the note was lost")
    check(answer(shop, "REL01").get("selected") == ["REL01-BP01", "REL01-BP02"],
          "the ticks: %r" % answer(shop, "REL01"))
    t.send(" ")                              # untick: a second save
    t.wait_for("REL01-BP02 unticked")
    check(answer(shop, "REL02").get("notes") == "added in an editor",
          "the note was lost at the second save")

    # The same answer changed in both places: asked, both shown, mine kept.
    def note_rel01(doc):
        doc["answers"]["REL01"]["notes"] = "theirs"
    edit_outside(shop, note_rel01)
    t.send("f")
    t.wait_for("REL01 was changed in the file too")
    check(answer(shop, "REL01").get("notes") == "theirs", "overwritten before deciding")
    t.send("b")
    t.key("enter")
    t.wait_for("In the file (t takes it)")
    t.wait_for("notes: theirs")
    t.send("m")
    t.key("enter")
    t.wait_for("Kept yours for REL01")
    t.wait_gone("In the file (t takes it)")
    check(answer(shop, "REL01").get("flagged") is True, "mine not written")
    check("notes" not in answer(shop, "REL01"), "theirs not replaced")
    check(load(shop + "~")["answers"]["REL01"].get("notes") == "theirs",
          "the file's version is not in FILE~")
    quit_ok(t)


def test_none_then_undo(env):
    """0 says what it cleared; u brings the ticks back; Ctrl-R clears them again."""
    shop = new_review(env, "undo.yaml", ("REL01", "REL01-BP01,REL01-BP03"))
    t = env.spawn([shop], cols=120)
    goto(t, "REL01")
    t.send("0")
    t.wait_for("None of these on REL01: 2 ticks cleared (u undoes it)")
    t.wait_until(lambda: answer(shop, "REL01").get("none_of_these") is True, "0 saved")
    t.send("u")
    t.wait_for("Undone: None of these on REL01")
    t.wait_until(lambda: answer(shop, "REL01").get("selected") == ["REL01-BP01", "REL01-BP03"],
                 "the ticks back in the file")
    check(not answer(shop, "REL01").get("none_of_these"), "none of these still set")
    t.send("\x12")                           # Ctrl-R
    t.wait_for("Redone: None of these on REL01")
    t.wait_until(lambda: answer(shop, "REL01").get("none_of_these") is True, "redo saved")
    quit_ok(t)


def slow_fixtures(env, delay_ms):
    """The evidence fixtures with every response delayed."""
    d = env.path("slow-fixtures")
    shutil.copytree(FIXTURES, d)
    for root, _, files in os.walk(d):
        for name in files:
            if not name.endswith(".json") or name == "caller.json":
                continue
            p = os.path.join(root, name)
            with open(p, encoding="utf-8") as f:
                doc = json.load(f)
            for r in doc.get("responses", []):
                r["delay_ms"] = delay_ms
            with open(p, "w", encoding="utf-8") as f:
                json.dump(doc, f)
    return d


def quit_during_sweep(env, how, **extra):
    """Starts E over slow calls, ends the wizard by how ("q", "ctrl-c" or a signal), and
    checks that it ended within a second, with the lock gone and the terminal restored."""
    shop = new_review(env, "slow-%s.yaml" % getattr(how, "name", how), ("REL01", "REL01-BP01"))
    t = env.spawn([shop], rows=30, cols=100, **extra)
    t.wait_for("REL02 · Foundations")
    t.send("E")
    t.wait_for("Collecting evidence for every question")
    time.sleep(0.3)                          # the calls are in flight now
    start = time.monotonic()
    if how == "q":
        t.send("q")
    elif how == "ctrl-c":
        t.send("\x03")
    else:
        t.kill(how)
    status, sig = t.wait_exit(timeout=5)
    took = time.monotonic() - start
    check(took < 1.0, "%s took %.2f s to end the wizard during a slow sweep" % (how, took))
    check(not os.path.exists(shop + ".lock"), "the lock file was left behind")
    check(b"\x1b[?1049l" in t.raw, "the terminal was not restored")
    if how in ("q", "ctrl-c"):
        check(status == 0 and sig is None, "exit status %s, signal %s" % (status, sig))
    else:
        check(sig == how, "not ended by the signal (status %s, signal %s)" % (status, sig))
    check(answer(shop, "REL01").get("selected") == ["REL01-BP01"], "the review was harmed")


def test_quit_during_slow_sweep(env):
    fx = slow_fixtures(env, 30000)
    for how in ("q", "ctrl-c", signal.SIGTERM, signal.SIGHUP):
        quit_during_sweep(env, how, WA_EVIDENCE_FIXTURES=fx, AWS_REGION="eu-west-1")


def test_quit_during_slow_aws_sweep(env):
    """Through the AWS client: the fault proxy holds every call (WA_TEST_PROXY_URL)."""
    url = os.environ.get("WA_TEST_PROXY_URL")
    check(url, "WA_TEST_PROXY_URL is not set (run by tests/cli/test_e2e_cancel_aws.sh)")
    keys = {k: os.environ[k] for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                                       "AWS_REGION", "AWS_SHARED_CREDENTIALS_FILE",
                                       "AWS_CONFIG_FILE", "AWS_EC2_METADATA_DISABLED")
            if k in os.environ}
    for how in ("q", signal.SIGHUP):
        quit_during_sweep(env, how, AWS_ENDPOINT_URL=url, **keys)


def test_comments_dropped_said(env):
    """A review with a comment: the first save says, on the screen, that comments are not
    kept and where the file as it was is; FILE~ holds the comment."""
    shop = new_review(env, "commented.yaml")
    with open(shop, encoding="utf-8") as f:
        text = f.read()
    with open(shop, "w", encoding="utf-8") as f:
        f.write(text + "# reviewed with the platform team\n")
    t = env.spawn([shop])
    t.wait_for("REL01 · Foundations")
    t.send(" ")
    t.wait_for("are not kept;")
    t.wait_for("the file as it was is in")
    check(b"# reviewed with the platform team" in read(shop + "~"),
          "the comment is not in FILE~")
    check(b"# reviewed with the platform team" not in read(shop), "the comment was kept?")
    quit_ok(t)


TESTS = [test_export_onto_review_refused, test_outside_note_survives, test_none_then_undo,
         test_quit_during_slow_sweep, test_comments_dropped_said]


if __name__ == "__main__":
    if os.environ.get("WA_TEST_PROXY_URL"):
        TESTS = [test_quit_during_slow_aws_sweep]
    sys.exit(run(TESTS, "e2e safety"))
