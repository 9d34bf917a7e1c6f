#!/usr/bin/python3
"""End-to-end tests of the Risks screen's availability picture and of entering components
in the wizard: the real binary in a pseudo-terminal, checked on the screen and in the review
file. Run by tests/cli/test_e2e_risks.sh; shares test_wizard.py's helpers."""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_wizard import check, load, quit_ok, run  # noqa: E402
from test_wizard_plan import new_review, prompt  # noqa: E402


def test_risks_screen(env):
    """The demo's Risks screen: the target against the computed and both measured figures, the
    single point of failure, the cost of downtime, the high-risk questions by name."""
    t = env.spawn(["--demo"], rows=30, cols=100)
    t.wait_for("Checkout service")
    t.send("5")
    t.wait_for("High risk: REL02, REL05, REL06")
    t.wait_for("Availability: target 99.95% · computed 99.7302509% (BELOW it) · from")
    # each measured figure named by its source: the incidents, and the evidence's requests
    t.wait_for("from incidents 99.9")  # the period runs to now, so its last digits move
    t.wait_for("from requests 99.375% (30 d, API partner-api in eu-west-1, the lowest)")
    t.wait_for("Single points of failure: Orders database")
    t.wait_for("Cost of downtime: EUR 425,340 a year at the computed figure, EUR 78,840 at")
    quit_ok(t)


def test_components_in_wizard(env):
    """Components typed in the wizard give the computed availability without a YAML file;
    a bad line is refused with the prompt kept, and changes undo."""
    shop = new_review(env, "comp.yaml")
    t = env.spawn([shop], rows=30, cols=100)
    t.wait_for("Foundations")
    t.send("5")
    t.wait_for("computed: no components (c adds them)")
    t.send("c")
    t.wait_for("No components yet")
    t.send("a")
    prompt(t, "New component", "DB: RDS MySQL, 1 AZ, none")
    t.wait_for("Component DB added (u undoes it)")
    t.send("a")
    prompt(t, "New component", "Web: ALB + EC2 Auto Scaling, 3 AZ, active-active, needs Cache")
    t.wait_for("Not saved: Web needs 'Cache', which is no other component")
    t.wait_for("New component")             # asked again, with what was typed
    t.key("ctrl-u")
    t.send("Web: ALB + EC2 Auto Scaling, 3 AZ, active-active, needs DB")
    t.key("enter")
    t.wait_for("Component Web added")
    t.wait_for("99.5% SPOF")                  # the single-AZ database
    t.wait_for("Computed availability")
    comps = load(shop)["workload"]["components"]
    check([c["name"] for c in comps] == ["DB", "Web"], "components in the file: %r" % comps)
    check(comps[1].get("depends_on") == ["DB"], "Web's need: %r" % comps[1])
    t.send("k")                               # DB: Web needs it
    t.send("d")
    t.wait_for("Not removed: Web needs DB: change that first")
    t.key("enter")                            # edit DB: two AZ, managed
    t.wait_for("Component: DB: RDS MySQL, 1 AZ, none")
    t.key("ctrl-u")
    t.send("DB: RDS MySQL, 2 AZ, managed")
    t.key("enter")
    t.wait_for("Component DB changed")
    t.wait_until(lambda: load(shop)["workload"]["components"][0].get("redundancy") == "managed",
                 "the change in the file")
    t.key("esc")
    t.wait_for("Single points of failure: none")
    t.send("u")
    t.wait_for("Undone: Component DB changed")
    t.wait_for("Single points of failure: DB")
    check(load(shop)["workload"]["components"][0].get("redundancy") == "none", "undo not saved")
    quit_ok(t)


TESTS = [test_risks_screen, test_components_in_wizard]


if __name__ == "__main__":
    sys.exit(run(TESTS, "e2e risks"))
