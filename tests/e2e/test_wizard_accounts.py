#!/usr/bin/python3
"""End-to-end tests of the wizard's multi-account evidence sweep: the real binary in a
pseudo-terminal, started with --role (and --org-unit or --accounts), collecting through
the AWS client from moto's STS and Organizations behind the fault proxy, as `evidence
--role` does (tests/cli/test_evidence_accounts.sh), with the workload's Regions and scope. Run by tests/cli/test_e2e_accounts.sh, which seeds
the three accounts (tests/aws/seed_accounts.py) and makes STS refuse account c's role;
WA_TEST_PROXY_URL and WA_TEST_ACCOUNTS ("ou a b c") say where and who."""

import os
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_wizard import WA, check, load, quit_ok, run  # noqa: E402
from term import TIMEOUT  # noqa: E402

# A sweep of three accounts sends a few hundred calls: a bound, not a timing, for it.
SWEEP = 4 * TIMEOUT

URL = os.environ.get("WA_TEST_PROXY_URL", "")
OU, A, B, C = (os.environ.get("WA_TEST_ACCOUNTS", "") + " - - - -").split()[:4]
AWS_KEYS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION",
            "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_EC2_METADATA_DISABLED")


def spawn(env, args):
    check(URL and C != "-", "WA_TEST_PROXY_URL or WA_TEST_ACCOUNTS is not set "
          "(run by tests/cli/test_e2e_accounts.sh)")
    keys = {k: os.environ[k] for k in AWS_KEYS if k in os.environ}
    # wide and tall: the status line and the pane's result lines fit unwrapped
    return env.spawn(args, rows=60, cols=200, AWS_ENDPOINT_URL=URL, **keys)


def new_review(env, name, *accounts, scope=None):
    path = env.path(name)
    cmd = [WA, "new", path, "--region", "us-east-1,eu-west-1"]
    if scope:
        cmd += ["--scope", scope]
    if accounts:
        cmd += ["--account", ",".join(accounts)]
    subprocess.run(cmd, check=True, capture_output=True)
    return path


def go_to(t, qid, title):
    t.send("g")
    t.wait_for("Go to")
    t.key("ctrl-u")
    t.send(qid)
    t.key("enter")
    t.wait_for("%s · %s" % (qid, title))


def read_pane(t, wanted):
    """Scrolls the evidence pane (it has the keys) down until every string of wanted has
    been on screen; returns what was seen."""
    seen = t.text()
    for _ in range(120):
        if all(w in seen for w in wanted):
            return seen
        t.send("j")
        t.pump(0.05)
        seen += "\n" + t.text()
    missing = [w for w in wanted if w not in seen]
    check(False, "the pane never showed %r; the screen shows:\n%s" % (missing, t.text()))
    return seen


def stored_dlq(path):
    """The sqs-dead-letter-queues finding's results in the review file, by (account,
    Region), and the snapshot's accounts."""
    ev = load(path).get("evidence") or {}
    dlq = [f for f in ev.get("findings", []) if f.get("probe") == "sqs-dead-letter-queues"]
    check(len(dlq) == 1, "the file holds %d sqs-dead-letter-queues findings" % len(dlq))
    return ({(r.get("account"), r.get("region")): r for r in dlq[0].get("results", [])},
            ev.get("accounts"))


def test_role_sweeps_the_workloads_accounts(env):
    shop = new_review(env, "accts.yaml", A, B, C)
    t = spawn(env, ["--role", "WaReview", shop])
    t.wait_for("REL01 · Foundations")
    # The help says where e and E collect this session.
    go_to(t, "REL05", "Workload architecture")
    t.send("?")
    t.wait_for("e and E sweep the workload's accounts, each as the role WaReview in it")
    t.key("esc")
    t.wait_gone("Help: keys of this screen")
    t.send("e")
    # The status line names the accounts swept and the one whose role was refused.
    t.wait_for("Evidence for REL05:", timeout=SWEEP)
    t.wait_for("from accounts %s, %s, %s; AssumeRole failed in %s" % (A, B, C, C))
    t.key("tab")  # the guidance pane
    t.key("tab")  # the evidence pane, which takes the keys
    t.wait_for("3 accounts")  # its title
    seen = read_pane(t, [
        "From accounts %s, %s, %s; each result names its account." % (A, B, C),
        # account a: its eu-west-1 queue without a dead-letter queue, named
        "%s eu-west-1: SQS queues in eu-west-1 without a dead-letter queue" % A,
        "%s/%s/a-emails" % (URL, A),
        # account b: swept too, in both Regions
        "%s us-east-1:" % B, "%s eu-west-1:" % B,
        # account c: its AssumeRole refused, shown as c's error, not a stop
        ("%s us-east-1: could not check: account %s: cannot assume role "
         "arn:aws:iam::%s:role/WaReview" % (C, C, C)),
    ])
    check("AccessDenied" in seen, "c's error does not say AccessDenied")
    # The review file keeps the results per account.
    got, accounts = stored_dlq(shop)
    check(accounts == [A, B, C], "snapshot accounts %r" % accounts)
    check(set(got) == {(x, y) for x in (A, B, C) for y in ("us-east-1", "eu-west-1")},
          "stored results for %r" % sorted(got))
    check(got[A, "eu-west-1"].get("outcome") == "fail", "a eu-west-1: %r" % got[A, "eu-west-1"])
    check(got[A, "us-east-1"].get("outcome") == "pass", "a us-east-1: %r" % got[A, "us-east-1"])
    check(got[B, "us-east-1"].get("outcome") == "pass", "b us-east-1: %r" % got[B, "us-east-1"])
    for region in ("us-east-1", "eu-west-1"):
        r = got[C, region]
        check(r.get("outcome") == "error" and "cannot assume role" in (r.get("text") or ""),
              "c %s: %r" % (region, r))
    quit_ok(t)


def test_role_sweeps_an_ous_accounts(env):
    # The workload lists no account: the OU's are swept, listed through Organizations.
    shop = new_review(env, "ou.yaml")
    t = spawn(env, ["--role", "WaReview", "--org-unit", OU, shop])
    t.wait_for("REL01 · Foundations")
    go_to(t, "REL05", "Workload architecture")
    t.send("e")
    t.wait_for("Evidence for REL05:", timeout=SWEEP)
    t.wait_for("from accounts %s, %s, %s; AssumeRole failed in %s" % (A, B, C, C))
    got, accounts = stored_dlq(shop)
    check(accounts == [A, B, C], "snapshot accounts %r" % accounts)
    check(got[A, "eu-west-1"].get("outcome") == "fail", "a eu-west-1: %r" % got[A, "eu-west-1"])
    check(got[C, "us-east-1"].get("outcome") == "error", "c: %r" % got[C, "us-east-1"])
    quit_ok(t)


def test_accounts_option_and_the_workloads_scope(env):
    # --accounts names the accounts (not the workload's b and c), and the sweep judges only
    # the workload's scope, as `evidence FILE` does: a's untagged queue is not the
    # workload's, so it fails nothing.
    shop = new_review(env, "scoped.yaml", B, C, scope="tag:app=shop")
    t = spawn(env, ["--role", "WaReview", "--accounts", A, shop])
    t.wait_for("REL01 · Foundations")
    go_to(t, "REL05", "Workload architecture")
    t.send("e")
    t.wait_for("Evidence for REL05:", timeout=SWEEP)
    t.wait_for("from account %s" % A)
    ev = load(shop).get("evidence") or {}
    check(ev.get("accounts") == [A], "snapshot accounts %r" % ev.get("accounts"))
    check(ev.get("scope") == "resources tagged app=shop", "snapshot scope %r" % ev.get("scope"))
    got, _ = stored_dlq(shop)
    check(set(got) == {(A, "us-east-1"), (A, "eu-west-1")}, "stored results %r" % sorted(got))
    check(got[A, "eu-west-1"].get("outcome") != "fail",
          "a queue outside the scope failed the probe: %r" % got[A, "eu-west-1"])
    quit_ok(t)


def test_role_without_accounts(env):
    # --role, but neither the workload nor the command line names an account: e says so,
    # and nothing is collected or stored.
    shop = new_review(env, "none.yaml")
    t = spawn(env, ["--role", "WaReview", shop])
    t.wait_for("REL01 · Foundations")
    t.send("e")
    t.wait_for("No evidence: --role WaReview: the workload lists no account IDs")
    check(not load(shop).get("evidence"), "evidence stored without an account")
    quit_ok(t)


TESTS = [test_role_sweeps_the_workloads_accounts, test_role_sweeps_an_ous_accounts,
         test_accounts_option_and_the_workloads_scope, test_role_without_accounts]


if __name__ == "__main__":
    sys.exit(run(TESTS, "e2e accounts"))
