#!/usr/bin/python3
"""End-to-end tests of the wizard's prompts and of how its screens fit: a form filled by
typing after Tab, a refused answer that keeps its prompt, the Open prompt's completion and
~, the calculator without a review, and every screen at 80x24 and 120x40 with nothing cut
off (the question list, the roadmap header, the reset prompt, the help and quit keys, the
evidence pane and its hint). Run by tests/cli/test_e2e_screens.sh; shares test_wizard.py's
helpers."""

import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_wizard import WA, check, load, quit_ok, run  # noqa: E402

# Characters a row may end in at the screen's right edge: blank or a box's border.
EDGE_OK = set(" │┐┘┤─")


def new_review(env, name):
    path = env.path(name)
    subprocess.run([WA, "new", path], check=True, capture_output=True)
    return path


def test_form_typed_after_tab(env):
    """Typing after Tab fills the next field: "Mei Tanaka" is the owner, not M (milestone),
    e, i… as keys of the screen."""
    shop = env.path("form.yaml")
    t = env.spawn([])
    t.wait_for("Recent reviews")
    t.send("n")
    t.wait_for("New review file: review.yaml")
    t.key("ctrl-u")
    t.send("form.yaml")
    t.key("enter")
    t.wait_for("The workload under review")
    t.key("tab")                                # into Description
    t.wait_for("Enter accept  Tab next field")
    t.send("Sells things")
    t.key("tab")                                # Owner
    t.send("Mei Tanaka")
    t.key("tab")                                # Environment: chosen by typing
    t.wait_for("◂ (not set) ▸")
    t.send("pre")
    t.wait_for("◂ pre-production ▸")
    t.key("tab")                                # Business criticality
    t.send("h")
    t.wait_for("◂ high ▸")
    t.key("tab")                                # Availability target: refused, still open
    t.send("99,9")
    t.key("tab")
    t.wait_for("Not saved: '99,9' is not a percentage")
    t.key("ctrl-u")
    t.send("99.9")
    t.key("enter")
    t.wait_for("Availability target saved")
    check("Milestone name" not in t.text(), "typing opened the milestone prompt")
    wl = load(shop)["workload"]
    check(wl.get("description") == "Sells things" and wl.get("owner") == "Mei Tanaka" and
          wl.get("environment") == "pre-production" and wl.get("business_criticality") == "high" and
          wl.get("availability_target") in (99.9, "99.9"),
          "the workload in the file: %r" % wl)
    quit_ok(t)


def test_refused_prompt(env):
    shop = new_review(env, "jump.yaml")
    t = env.spawn([shop])
    t.wait_for("REL01 · Foundations")
    t.send("g")
    t.wait_for("Go to")
    t.send("REL99")
    t.key("enter")
    t.wait_for("No question or best practice 'REL99'")
    check("Go to (REL10, REL10-BP03, 10.3): REL99" in t.text(), "the prompt closed")
    t.key("backspace")
    t.key("backspace")
    t.send("12")                                # typed, not a switch to screen 1 and 2
    t.key("enter")
    t.wait_for("REL12 · Failure management")
    t.wait_gone("No question or best practice")
    quit_ok(t)


def test_open_prompt_and_calculator(env):
    reviews = os.path.join(env.home, "reviews")
    os.mkdir(reviews)
    for name in ("shop.yaml", "shipping.yaml"):
        subprocess.run([WA, "new", os.path.join(reviews, name)], check=True,
                       capture_output=True)
    t = env.spawn([])
    t.wait_for("Recent reviews")
    # The calculator needs no review.
    t.send("7")
    t.wait_for("Availability calculator")
    t.wait_for("99.9399051%")
    t.send("1")
    t.wait_for("Recent reviews")
    t.send("o")
    t.wait_for("Open review file:")
    t.send("~/rev")
    t.key("tab")
    t.wait_for("Open review file: ~/reviews/")
    t.send("s")
    t.key("tab")
    t.wait_for("shipping.yaml  shop.yaml")     # the choices, above the prompt
    t.wait_for("Open review file: ~/reviews/sh")
    t.send("o")
    t.key("tab")
    t.wait_for("Open review file: ~/reviews/shop.yaml")
    t.key("enter")
    t.wait_for("Opened ~/reviews/shop.yaml")
    t.wait_for("REL01 · Foundations")
    quit_ok(t)


# ---- fit ----------------------------------------------------------------------------

def rows(t):
    """The screen's rows once the program has stopped writing: a whole frame, not part."""
    while True:
        n = len(t.raw)
        t.pump(0.15)
        if len(t.raw) == n:
            return t.screen.display


def check_edges(t, what):
    """No row runs off the right edge, and no text in the question list runs into the
    separator beside it."""
    for y, line in enumerate(rows(t)):
        check(line[-1] in EDGE_OK, "%s: row %d is cut at the right edge:\n%s" %
              (what, y, t.text()))


def check_status(t, what):
    status = rows(t)[-1].rstrip()
    check(status.endswith("? help  q quit"), "%s: the status row is %r" % (what, status))


def walk_list_whole(t, cols, what):
    """The question list shows whole titles or none: at these widths, IDs and badges."""
    list_w = 24 if cols < 140 else None
    for y, line in enumerate(rows(t)[3:-1], 3):
        if list_w:
            check(line[list_w] == "│", "%s: no list separator on row %d" % (what, y))
            check("How do" not in line[:list_w], "%s: a title cut in the list:\n%s" %
                  (what, t.text()))


def test_fit(env):
    for rows_, cols in ((24, 80), (40, 120)):
        size = "%dx%d" % (cols, rows_)
        t = env.spawn(["--demo"], rows=rows_, cols=cols)
        t.wait_for("Checkout service")
        t.wait_for("REL08 · Change management")
        what = size + " walk"
        check_status(t, what)
        check_edges(t, what)
        walk_list_whole(t, cols, what)
        # The evidence pane: its hint whole, one practice per line, even when focused.
        t.key("tab")
        t.key("tab")
        t.wait_for("Suggested answers")
        text = " ".join(l[25:].strip() for l in rows(t))
        text = re.sub(r"\s+", " ", text.replace("│", " "))
        check("j/k select, a accepts the selected one, A all of them; Space in the question "
              "overrides." in text, "%s: the evidence hint is cut:\n%s" % (what, t.text()))
        check(re.search(r"BP02 not implemented now open", t.text()),
              "%s: a suggestion is cut:\n%s" % (what, t.text()))
        check_edges(t, what + " (evidence)")
        if cols >= 120:
            # The evidence pane takes the width beside the list, not a 40-column strip.
            title = next(l for l in rows(t) if "Evidence · " in l)
            check(len(title) - title.index("Evidence") > 90, "%s: the evidence pane is "
                  "narrow:\n%s" % (what, t.text()))
        for key, marker in (("1", "Recent reviews"), ("2", "The workload under review"),
                            ("3", "Before the review"), ("5", "By area"),
                            ("6", "Roadmap · "), ("7", "Availability calculator")):
            t.send(key)
            t.wait_for(marker)
            what = "%s screen %s" % (size, key)
            check_status(t, what)
            check_edges(t, what)
            check(" ".join(rows(t)[1].split()).startswith(
                "1 Start 2 Workload 3 Checklist 4 Questions 5 Risks 6 Roadmap 7 Availability"),
                "%s: the tabs are %r" % (what, rows(t)[1]))
            if key == "6":
                header = rows(t)[2].rstrip()
                check(re.fullmatch(r" Roadmap · 17 items · phase 1: \d+, 2: \d+, 3: \d+ · "
                                   r"criticality critical", header),
                      "%s: the roadmap header is %r" % (what, header))
            if key == "7":
                check("99.999%  five nines" in t.text(), "%s: the tiers are cut" % what)
        # The reset prompt, whole with its [y/N], and what it means just above it.
        t.send("1")
        t.wait_for("Recent reviews")
        t.send("jjj")
        t.key("enter")
        t.wait_for("[y/N]")
        check(rows(t)[-1].rstrip().endswith("[y/N]"), "%s: the reset prompt is %r" %
              (size, rows(t)[-1]))
        t.wait_for("stays as demo.yaml~")
        t.key("esc")
        # The help overlay: each description whole.
        t.send("4")
        t.send("?")
        t.wait_for("Help: keys of this screen")
        t.wait_for("(empty: search again)")
        check_edges(t, size + " help")
        t.key("esc")
        t.wait_gone("Help: keys of this screen")
        quit_ok(t)
    # Wider: the list has room for the questions' titles, wrapped, never cut.
    t = env.spawn(["--demo"], rows=45, cols=160)
    t.wait_for("REL08 · Change management")
    column = " ".join(l[16:47].strip() for l in rows(t)[3:-1])
    for title in ("How do you design interactions in a distributed system to mitigate or "
                  "withstand failures?", "How do you back up data?"):
        check(title in re.sub(r"\s+", " ", column), "160x45: the list lacks %r:\n%s" %
              (title, t.text()))
    quit_ok(t)


TESTS = [test_form_typed_after_tab, test_refused_prompt, test_open_prompt_and_calculator,
         test_fit]


if __name__ == "__main__":
    sys.exit(run(TESTS, "e2e screens"))
