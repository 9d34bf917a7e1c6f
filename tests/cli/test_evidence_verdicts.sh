#!/bin/sh
# The verdict model end to end, against moto behind the fault proxy (one bucket's calls and
# RDS and Backup in eu-west-1 denied), on an account shaped like the defects it replaced
# (tests/aws/seed_verdicts.py): offenders kept beside failed calls, fan-outs past 200 items,
# every offender cited, existence never proving a practice, a pass beside an unknown Region
# left unverified, AWS's defaults proving nothing, NAT gateways per zone, overlapping
# ranges, half a failover pair; then the workload scoped by tag next to resources that must
# not be cited, stored in a review, accepted, and the same verdicts in status and roadmap.
# Fails, never skips, when moto is missing.
. "$TESTS_CLI/lib.sh"
MOTO_ENV_SH="$TESTS_CLI/../aws/moto_env.sh"
. "$MOTO_ENV_SH"
moto_seeded "$T_DIR" seed_verdicts.py auth-off
P="$PROXY_URL"
cd "$T_DIR" || exit 1
id() { "$MOTO_PY" -c 'import json, sys; print(json.load(open("seed.out"))[sys.argv[1]])' "$1"; }
check() {
	T_CHECKS=$((T_CHECKS + 1))
	"$MOTO_PY" "$TESTS_CLI/evidence_check.py" "$@" || fail "evidence checks ($1)"
}
proxy_rules '[{"service":"s3","operation":"GetBucketVersioning","match":"wa-v-050","fault":"denied"},
	{"service":"rds","region":"eu-west-1","fault":"denied"},
	{"service":"backup","region":"eu-west-1","fault":"denied"}]'

# The whole account, both Regions.
run "$WA" evidence --regions us-east-1,eu-west-1 --format json --endpoint-url "$P"
expect_rc 1 "whole account"
printf '%s\n' "$T_OUT" >all.json
check all.json \
	`# one bucket of 207 denied: the 6 offenders that answered are named, the denied one listed` \
	s3-versioning=fail "s3-versioning@global~wa-v-200,wa-v-201,wa-v-202,wa-v-203,wa-v-204,shop-logs" \
	"s3-versioning@global?wa-v-050" "s3-versioning@global%1 of 207 could not be checked (AccessDenied" \
	"REL09-BP01:not_implemented~s3-versioning found 6 offenders" \
	`# 121 queues without a dead-letter queue: every one cited` \
	"sqs-dead-letter-queues@us-east-1#121" \
	`# an offender in us-east-1 though eu-west-1 was denied` \
	rds-multi-az=fail "rds-multi-az@us-east-1~shop-reports,other-db" rds-multi-az@eu-west-1!AccessDenied \
	"REL10-BP01:not_implemented" \
	`# backup plans exist in us-east-1, eu-west-1 unknown: not a pass` \
	backup-plans=error backup-plans@us-east-1=pass backup-plans@eu-west-1!AccessDeniedException \
	`# something exists, nothing more: one function, some queues` \
	"REL03-BP01:partly_shown~lambda-functions shows that it exists" \
	"REL04-BP02:partly_shown~sqs-queues shows that it exists" \
	`# a PRIMARY failover record with no SECONDARY` \
	route53-failover-pairs=fail "route53-failover-pairs@global~www.shop.example.com." \
	"REL13-BP05:not_implemented" \
	`# 10.1.0.0/16 and 10.1.128.0/17 overlap; the default VPC is left out` \
	"vpc-cidrs-unique@us-east-1~$(id shop-net),$(id other-net)" \
	"vpc-cidrs-unique@us-east-1%1 AWS default left out" "REL02-BP05:not_implemented" \
	`# two NAT gateways in one zone: the private subnet in the other zone goes through it` \
	"nat-gateway-per-az@us-east-1~$(id private-b)" "REL02-BP03:not_implemented"

# An account with only what AWS creates in every Region: nothing to judge, nothing proved.
proxy_reset
run "$WA" evidence --question REL02 --regions ap-southeast-2 --format json --endpoint-url "$P"
printf '%s\n' "$T_OUT" >empty.json
check empty.json vpc-cidrs-unique=not_applicable "vpc-cidrs-unique@ap-southeast-2%AWS default left out" \
	route-tables-blackhole=not_applicable vpc-subnets-multi-az=not_applicable \
	"REL02-BP02:no_evidence" "REL02-BP03:no_evidence" "REL02-BP05:no_evidence"

# The workload's own resources: tagged app=shop. What is not the workload's is not cited.
run "$WA" evidence --regions us-east-1,eu-west-1 --scope tag:app=shop --format json --endpoint-url "$P"
printf '%s\n' "$T_OUT" >shop.json
check shop.json \
	"rds-multi-az@us-east-1~shop-reports" "rds-multi-az@us-east-1%1 outside the workload's scope left out" \
	"sqs-dead-letter-queues@us-east-1#1" "sqs-dead-letter-queues@us-east-1%120 outside the workload's scope" \
	"s3-versioning@global~shop-logs" \
	`# the overlapping VPC is not the workload's: within the scope, no overlap` \
	vpc-cidrs-unique@us-east-1=pass "REL02-BP05:implemented" \
	`# account-wide mechanisms are not narrowed by the scope` \
	backup-plans@us-east-1=pass
T_CHECKS=$((T_CHECKS + 1))
"$MOTO_PY" - shop.json <<'PY' || fail "scoped sweep: out-of-scope resources cited"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["scope"] == "resources tagged app=shop", d["scope"]
text = json.dumps(d)
for name in ("other-db", "bulk-000", "wa-v-200", "other-net"):
    assert name not in text.replace('"other-net"', ""), name
PY

# Stored in a review with its scope; accepting a question nobody answered records the proven
# gaps at once; status, roadmap and the stored verdicts agree.
"$WA" new r.yaml --region us-east-1 --scope tag:app=shop >/dev/null
run "$WA" evidence r.yaml --regions us-east-1 --endpoint-url "$P"
expect_out "Scope: resources tagged app=shop"
run "$WA" answer r.yaml REL10 --accept-evidence
expect_rc 0 "accept REL10"
expect_out "REL10: HIGH (0 of 3 best practices in place, 1 still open)"
run "$WA" answer r.yaml REL05 --accept-evidence
run "$WA" roadmap r.yaml --json
printf '%s\n' "$T_OUT" >roadmap.json
run "$WA" status r.yaml --json
printf '%s\n' "$T_OUT" >status.json
run "$WA" evidence --regions us-east-1 --format json --endpoint-url "$P" --scope tag:app=shop
printf '%s\n' "$T_OUT" >again.json
T_CHECKS=$((T_CHECKS + 1))
"$MOTO_PY" - r.yaml roadmap.json status.json again.json <<'PY' || fail "review, roadmap and status disagree"
import json, sys, yaml
rv = yaml.safe_load(open(sys.argv[1]))
assert rv["workload"]["scope"] == {"tags": {"app": "shop"}}, rv["workload"]
a = rv["answers"]["REL10"]
assert a["sources"] == {"REL10-BP01": "evidence", "REL10-BP03": "evidence"} and a["open"] == ["REL10-BP02"], a
rm = {i["id"]: i for i in json.load(open(sys.argv[2]))["roadmap"]["items"]}
verdicts = {v["best_practice"]: v["verdict"] for q in json.load(open(sys.argv[4]))["questions"]
            for v in q["verdicts"]}
# every practice the evidence proves missing is a confirmed roadmap item, and only those
for bp in ("REL10-BP01", "REL05-BP04"):
    assert verdicts[bp] == "not_implemented" and rm[bp]["confirmed"], (bp, rm.get(bp))
assert all(verdicts.get(i) == "not_implemented" for i, it in rm.items() if it["confirmed"]), rm
assert "REL10-BP02" not in rm  # open: waiting for people, not a gap yet
qs = {q["id"]: q for q in json.load(open(sys.argv[3]))["questions"]}
assert qs["REL10"]["risk"] == "HIGH", qs["REL10"]  # REL10-BP01 is a high-risk practice
PY

finish
