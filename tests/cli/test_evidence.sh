#!/bin/sh
# wa-review evidence through the fixture caller (tests/evidence/fixtures, an account with
# known gaps): findings and suggestions as text and JSON, --question, --regions, storing
# the snapshot in a review (merged, under the lock, never half-written), accepting the
# suggestions, and the refusals: no credentials, --offline.
. "$TESTS_CLI/lib.sh"
FX="$TESTS_CLI/../evidence/fixtures"
unset AWS_REGION AWS_DEFAULT_REGION
cd "$T_DIR" || exit 1
py() { /usr/bin/python3 -c "$@"; }

# Without the test hook it goes to AWS; with no credentials anywhere it says so once, with
# every source it tried, and touches nothing (IMDS off: the test stays on loopback).
"$WA" new r.yaml --region eu-west-1,eu-central-1 >/dev/null
cp r.yaml before.yaml
run env -u WA_EVIDENCE_FIXTURES -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_PROFILE \
	-u AWS_WEB_IDENTITY_TOKEN_FILE -u AWS_CONTAINER_CREDENTIALS_RELATIVE_URI \
	-u AWS_CONTAINER_CREDENTIALS_FULL_URI AWS_CONFIG_FILE="$T_DIR/none" \
	AWS_SHARED_CREDENTIALS_FILE="$T_DIR/none" AWS_EC2_METADATA_DISABLED=true \
	"$WA" evidence r.yaml --endpoint-url http://127.0.0.1:9
expect_rc 2 "no credentials"
expect_err "no AWS credentials: environment (AWS_ACCESS_KEY_ID not set)"
expect_err "IMDSv2 (disabled by AWS_EC2_METADATA_DISABLED)"
expect_err_lines 1 "no credentials"
expect_same_file r.yaml before.yaml "no credentials"

# --offline: nothing that calls AWS runs, even with the fixtures hook set; files untouched.
for cmd in "evidence r.yaml" "aws ec2 DescribeVpcs" "whoami"; do
	run env WA_EVIDENCE_FIXTURES="$FX" "$WA" --offline $cmd
	expect_rc 2 "--offline $cmd"
	expect_err "offline (--offline): this command calls AWS" "--offline $cmd"
done
expect_same_file r.yaml before.yaml "--offline"
# … while what reads the stored snapshot still works.
run "$WA" --offline status --demo
expect_rc 0 "--offline status"
run env WA_EVIDENCE_FIXTURES="$T_DIR/nowhere" "$WA" evidence r.yaml
expect_rc 2 "bad fixtures dir"
expect_err "WA_EVIDENCE_FIXTURES: not a directory"
expect_same_file r.yaml before.yaml "bad fixtures dir"
export WA_EVIDENCE_FIXTURES="$FX"
# Probes that judge age compare with the sweep's time: the demo's, 2026-11-02T09:10:00Z.
export SOURCE_DATE_EPOCH=1793610600

# Text: the gaps of the fixture account show up, per Region, with the resources named.
run "$WA" evidence --regions eu-west-1,eu-central-1
expect_rc 1 "text sweep (findings: exit 1)"
expect_out "Evidence from account 111122223333, Regions eu-central-1, eu-west-1"
expect_out "Source: fixtures in $FX"
expect_out "REL10  How do you use fault isolation to protect your workload?"
expect_out "  FAIL   rds-multi-az"
expect_out "eu-west-1      DB instances in eu-west-1 in a single Availability Zone (1 of 2): reports-db."
expect_out "could not check: AccessDenied: User: arn:aws:iam::111122223333:user/wa-reviewer is not authorized"
expect_out "S3 buckets that do not keep object versions, so an overwrite or delete cannot be undone (1 of 3): checkout-logs-111122223333."
expect_out "confirmation-emails"
expect_out "Auto Scaling groups in eu-west-1 that launch into a single Availability Zone (1 of 3): batch-workers."
expect_out "eu-central-1   not applicable: none found"
expect_out "    REL10-BP01  not implemented  rds-multi-az found 1 offender in eu-west-1: DB instances in eu-west-1 in a single Availability Zone (1 of 2): reports-db."
# a database without deletion protection: one mistake takes it away
expect_out "    REL10-BP03  not implemented  rds-deletion-protection found 1 offender in eu-west-1"
# a probe that judges age: the newest snapshot against the sweep's time
expect_out "EBS volumes in use in eu-west-1 whose newest snapshot is more than 7 days old, or that have none (1 of 2): vol-0bbb00000000000f2."
# AWS Config's results, marked as such; the rules the account does not run are not listed
expect_out "  FAIL   config-lambda-dlq-check      lambda-dlq-check: every AWS::Lambda::Function it evaluated is compliant (from AWS Config)"
expect_out "AWS Config rule lambda-dlq-check finds resources in eu-west-1 non-compliant (3 of 4 evaluated): checkout-pricing, order-confirmation-email, checkout-events-indexer."
expect_out "    REL09-BP01  not implemented  s3-versioning found 1 offender in global: S3 buckets that do not keep object versions, so an overwrite or delete cannot be undone (1 of 3): checkout-logs-111122223333. AWS Config disagrees: config-s3-bucket-versioning-enabled finds every resource it evaluated compliant where s3-versioning names offenders (checkout-logs-111122223333)."
T_CHECKS=$((T_CHECKS + 1))
printf '%s\n' "$T_OUT" | grep -q "config-vpc-vpn-2-tunnels-up" && fail "a Config rule the account does not run is listed"
expect_out "Summary: 213 probes: 38 pass, 128 fail, 46 not applicable, 1 error"
expect_out "AWS Config: 6 of the 52 mapped rules have results in the account"
for q in 01 02 03 04 05 06 07 08 09 10 11 12 13; do
	expect_out "REL$q  " "every question has findings (REL$q)"
done

# JSON: the same sweep, machine-readable; counts agree with the findings listed.
run "$WA" evidence --regions eu-west-1,eu-central-1 --format json
expect_rc 1 "json sweep"
printf '%s\n' "$T_OUT" >sweep.json
T_CHECKS=$((T_CHECKS + 1))
py '
import json, sys
d = json.load(open("sweep.json"))
assert d["account"] == "111122223333" and d["regions"] == ["eu-central-1", "eu-west-1"], d["regions"]
fs = [f for q in d["questions"] for f in q["findings"]]
assert len(d["questions"]) == 13 and len(fs) == d["summary"]["probes"] == 213
cfg = [f for f in fs if f.get("source") == "aws_config"]
assert len(cfg) == 52 and all(f["probe"].startswith("config-") for f in cfg), len(cfg)
assert not any("source" in f for f in fs if f not in cfg)
by0 = {f["probe"]: f for f in fs}
assert by0["config-dynamodb-pitr-enabled"]["same_as"] == "dynamodb-pitr"
assert by0["config-dynamodb-pitr-enabled"]["results"][0]["cited"] == ["carts"]
for k in ("pass", "fail", "error", "not_applicable"):
    assert d["summary"][k] == sum(f["outcome"] == k for f in fs), k
by = {f["probe"]: f for f in fs}
r = {x["region"]: x for x in by["rds-multi-az"]["results"]}
assert r["eu-west-1"]["outcome"] == "fail" and r["eu-west-1"]["cited"] == ["reports-db"]
assert r["eu-west-1"]["count"] == 1 and r["eu-west-1"]["examined"] == 2
e = r["eu-central-1"]["error"]
assert r["eu-central-1"]["outcome"] == "error" and e["code"] == "AccessDenied" and e["http_status"] == 403
assert e["call"] == "rds:DescribeDBInstances in eu-central-1"
assert by["rds-multi-az"]["outcome"] == "fail"
# connections against the default max_connections (from the memory of the class, a with call):
# the Aurora writer peaked at 1500 of at most 1802; a custom parameter group is not checked
c = {x["region"]: x for x in by["rds-connections-near-limit"]["results"]}["eu-west-1"]
assert c["outcome"] == "fail" and c["cited"] == ["checkout-aurora-1 (83.22 %)"], c
assert c["unchecked"] == ["reports-db (parameter group reports-mysql80 is not a default one: max_connections may be set there)"], c
assert c["examined"] == 4 and "upper bound" in c["text"], c
v = by["s3-versioning"]
assert [x["region"] for x in v["results"]] == ["global"] and v["results"][0]["cited"] == ["checkout-logs-111122223333"]
assert by["sqs-dead-letter-queues"]["results"][0]["cited"] == ["https://sqs.eu-west-1.amazonaws.com/111122223333/confirmation-emails"]
assert by["backup-plans"]["outcome"] == "pass" and by["backup-plans"]["pass_in"] == "any_region"
q10 = [q for q in d["questions"] if q["id"] == "REL10"][0]
s = {x["best_practice"]: x for x in q10["verdicts"]}
# time windows in the request: the failed deployment left as it was is named, not the one
# rolled back; a console change is named, not the pipeline one, and a sign-in is no change
rw = {x["region"]: x for x in by["codedeploy-failures-rolled-back"]["results"]}
assert rw["eu-west-1"]["cited"] == ["checkout-api/prod-blue-green/d-4A7B2C9QX"], rw
assert rw["eu-west-1"]["examined"] == 2 and rw["eu-central-1"]["outcome"] == "not_applicable"
rw = {x["region"]: x for x in by["cloudtrail-console-changes"]["results"]}
assert rw["eu-west-1"]["cited"] == ["ModifyDBInstance (rds.amazonaws.com) by alice"], rw
assert rw["eu-west-1"]["examined"] == 2
# a page bound reached with nothing found passes nothing: said, and the call named
ew = rw["eu-central-1"]
assert ew["outcome"] == "error" and ew["text"].startswith("could not check: only the first 5 pages of cloudtrail:LookupEvents in eu-central-1 were read"), ew
assert ew["error"]["call"] == "cloudtrail:LookupEvents in eu-central-1", ew
assert s["REL10-BP01"]["verdict"] == "not_implemented" and s["REL10-BP01"]["accepting_decides"]
assert s["REL10-BP01"]["why"].startswith("rds-multi-az found 1 offender in eu-west-1")
assert s["REL10-BP01"]["reasons"][0].startswith("FAIL rds-multi-az (eu-west-1): ")
assert s["REL10-BP03"]["verdict"] == "not_implemented" and s["REL10-BP03"]["accepting_decides"]
assert "disagreement" not in s["REL10-BP03"]
q09 = [q for q in d["questions"] if q["id"] == "REL09"][0]
s9 = {x["best_practice"]: x for x in q09["verdicts"]}
assert s9["REL09-BP01"]["disagreement"].startswith("AWS Config disagrees: config-s3-bucket-versioning-enabled")
assert any(r.startswith("PASS config-s3-bucket-versioning-enabled (eu-west-1, from AWS Config): ") for r in s9["REL09-BP01"]["reasons"])
' || fail "json sweep: the checks above failed"

# Probes that judge age read the sweep's time: a month on, the snapshot of 2026-11-25 is
# more than 7 days old too, and the restore that failed on 2026-10-21 is out of the window.
SOURCE_DATE_EPOCH=1796202600 run "$WA" evidence --question REL09 --regions eu-west-1 --format json
printf '%s\n' "$T_OUT" >later.json
T_CHECKS=$((T_CHECKS + 1))
py '
import json
d = json.load(open("later.json"))
by = {f["probe"]: f for q in d["questions"] for f in q["findings"]}
r = by["ebs-snapshots-recent"]["results"][0]
assert r["cited"] == ["vol-0aaa00000000000f1", "vol-0bbb00000000000f2"], r
assert by["restore-jobs-succeed"]["outcome"] == "not_applicable", by["restore-jobs-succeed"]
' || fail "time: the checks above failed"

# The built-in demo review carries this very sweep (regenerate it when fixtures change).
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - "$TESTS_CLI/../../questions/demo/review.yaml" <<'PY' || fail "the demo's evidence is not the fixture sweep"
import json, sys, yaml
demo = yaml.safe_load(open(sys.argv[1]))["evidence"]
sweep = json.load(open("sweep.json"))
fresh = [f for q in sweep["questions"] for f in q["findings"]]
strip = lambda fs: [{k: v for k, v in f.items() if k != "collected"} for f in fs]
assert demo["account"] == sweep["account"] and demo["regions"] == sweep["regions"]
assert strip(demo["findings"]) == strip(fresh), "differs"
PY

# --question and --regions narrow the sweep; --regions all asks the account.
run "$WA" evidence --question REL09 --regions eu-west-1 --format json
expect_rc 1 "one question, one Region"
printf '%s\n' "$T_OUT" >q.json
T_CHECKS=$((T_CHECKS + 1))
py '
import json
d = json.load(open("q.json"))
assert [q["id"] for q in d["questions"]] == ["REL09"]
assert d["regions"] == ["eu-west-1"]
for f in d["questions"][0]["findings"]:
    assert {x["region"] for x in f["results"]} <= {"eu-west-1", "global"}, f["probe"]
' || fail "--question/--regions: the checks above failed"
run "$WA" evidence --question REL10 --regions all
expect_out "Regions eu-central-1, eu-west-1, us-east-1"
expect_out "us-east-1      not applicable: none found"
AWS_REGION=eu-central-1 run "$WA" evidence --question REL10
expect_out "Region eu-central-1,"

# Bad requests stop before any call.
run "$WA" evidence --regions mars-1
expect_rc 2 "bad region"
expect_err "--regions: 'mars-1' is not a Region name"
run "$WA" evidence --question REL99
expect_rc 2 "bad question"
expect_err "no question 'REL99'"
run "$WA" evidence --format xml
expect_rc 2 "bad format"
run "$WA" evidence a.yaml b.yaml
expect_rc 2 "two files"

# With FILE: the snapshot is stored (the review's Regions are the default) and loads back.
SOURCE_DATE_EPOCH=1795000000 run "$WA" evidence r.yaml
expect_rc 1 "store"
expect_out "Stored in r.yaml."
expect_out "Regions eu-central-1, eu-west-1"
T_CHECKS=$((T_CHECKS + 1))
grep -q '^evidence:$' r.yaml && grep -q '^  - probe: rds-multi-az$' r.yaml || fail "store: no evidence section"
run "$WA" status r.yaml
expect_rc 0 "the stored review loads"
# A later sweep of one question replaces only its findings.
SOURCE_DATE_EPOCH=1795100000 run "$WA" evidence r.yaml --question REL10 --regions eu-west-1
T_CHECKS=$((T_CHECKS + 1))
py '
import yaml
ev = yaml.safe_load(open("r.yaml"))["evidence"]
by = {f["probe"]: f for f in ev["findings"]}
assert len(by) == 213, len(by)
assert by["rds-multi-az"]["collected"] == "2026-11-19T14:53:20Z"
assert [r["region"] for r in by["rds-multi-az"]["results"]] == ["eu-west-1"]
assert by["quota-usage-alarms"]["collected"] == "2026-11-18T11:06:40Z"
assert ev["collected"] == "2026-11-19T14:53:20Z"
assert ev["regions"] == ["eu-central-1", "eu-west-1"]
' || fail "merge: the checks above failed"

# Accepting the suggestions; the reviewers' later change is theirs.
run "$WA" answer r.yaml REL10 --accept-evidence
expect_rc 0 "accept"
# the three proven gaps are recorded at once
expect_out "REL10: accepted the evidence's suggestion for 3 best practices"
expect_out "REL10: HIGH (0 of 3 best practices in place)"
run "$WA" answer r.yaml REL10 --select BP01,BP03
T_CHECKS=$((T_CHECKS + 1))
py '
import yaml
a = yaml.safe_load(open("r.yaml"))["answers"]["REL10"]
assert a["selected"] == ["REL10-BP01", "REL10-BP03"], a
assert a["sources"] == {"REL10-BP01": "reviewer", "REL10-BP02": "evidence", "REL10-BP03": "reviewer"}, a
assert "open" not in a, a
' || fail "sources: the checks above failed"
run "$WA" answer r.yaml REL09 --accept-evidence=BP01
expect_out "REL09: accepted the evidence's suggestion for 1 best practice"
# in the standby Region no fault injection is defined: not verified, so accepting decides nothing
run "$WA" evidence r.yaml --question REL12 --regions eu-central-1
run "$WA" answer r.yaml REL12 --accept-evidence=BP04
expect_rc 0 "accept a practice the evidence does not decide"
expect_out "REL12: accepted the evidence's suggestion for 0 best practices (evidence decides a practice only when it proves it implemented or not implemented"
run "$WA" answer r.yaml REL09 --accept-evidence --none
expect_rc 2 "accept and none"
"$WA" new empty.yaml >/dev/null
run "$WA" answer empty.yaml REL10 --accept-evidence
expect_rc 2 "nothing to accept"
expect_err "holds no evidence yet"

# The lock: a review being edited elsewhere is not swept into; a failed sweep writes nothing.
cp r.yaml before.yaml
if command -v flock >/dev/null; then
	( flock -x 9; sleep 2 ) 9>r.yaml.lock &
	sleep 0.3
	run "$WA" evidence r.yaml
	expect_rc 2 "locked"
	expect_err "being edited by another"
	expect_same_file r.yaml before.yaml "locked"
	wait
fi
mkdir broken
printf '{"Regions": [' >broken/x.json
mkdir broken/ec2
printf '{"responses": [{"error": {"code": "UnauthorizedOperation", "message": "no", "status": 403}}]}\n' >broken/ec2/DescribeRegions.json
WA_EVIDENCE_FIXTURES="$T_DIR/broken" run "$WA" evidence r.yaml --regions all
expect_rc 2 "regions cannot be listed"
expect_err "cannot list the account's Regions: ec2:DescribeRegions: UnauthorizedOperation: no"
expect_same_file r.yaml before.yaml "failed sweep"
# Every call failing is still a complete sweep of error findings (the account's gone).
WA_EVIDENCE_FIXTURES="$T_DIR/broken" run "$WA" evidence --question REL01 --regions eu-west-1
expect_rc 1 "all errors"
expect_out "Evidence from account (unknown)"
expect_out "could not check: no fixture for this call:"
expect_out "Summary: 12 probes: 0 pass, 0 fail, 0 not applicable, 12 error"
# Config that could not be read leaves the verdicts to the probes: here they could not run
expect_out "    REL01-BP04  not verified     quota-usage-alarms could not run in eu-west-1"

finish
