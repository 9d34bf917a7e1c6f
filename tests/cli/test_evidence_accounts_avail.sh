#!/bin/sh
# Measured availability across the workload's accounts, end to end against moto's
# Organizations, STS and CloudWatch behind the fault proxy (tests/aws/seed_accounts_metrics.py):
# two accounts of an OU, two Regions, a load balancer named "web" in each account with a
# week of request and 5xx counts put into moto as that account. `evidence --role` sweeps
# both; the snapshot, the Markdown and JSON reports and `status` give each figure with its
# account and Region, so the two balancers of the same name are told apart, and the lowest
# figure is the one of the account that served the errors. Fails, never skips, when moto is
# missing.
. "$TESTS_CLI/lib.sh"
# The sweep at the real time: the datapoints were put an hour ago.
SOURCE_DATE_EPOCH=$(date +%s)
export SOURCE_DATE_EPOCH
MOTO_ENV_SH="$TESTS_CLI/../aws/moto_env.sh"
. "$MOTO_ENV_SH"
moto_seeded "$T_DIR" seed_accounts_metrics.py auth-off
P="$PROXY_URL"
cd "$T_DIR" || exit 1
ids() { "$MOTO_PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' seed.out "$1"; }
A=$(ids a) B=$(ids b) OU=$(ids ou)

"$WA" new r.yaml --region us-east-1,eu-west-1 --account "$A,$B" --availability 99.9 >/dev/null
run "$WA" evidence r.yaml --role WaReview --question REL11 --endpoint-url "$P"
expect_rc 1 "sweep of two accounts (findings: exit 1)"
expect_out "FAIL   alb-5xx-rate" "the 3 % balancer fails"

# The snapshot keeps each figure with its account and Region.
T_CHECKS=$((T_CHECKS + 1))
"$MOTO_PY" - r.yaml "$A" "$B" <<'PY' || fail "snapshot: measures per account"
import sys, yaml
ev, a, b = yaml.safe_load(open(sys.argv[1]))["evidence"], sys.argv[2], sys.argv[3]
f = [f for f in ev["findings"] if f["probe"] == "alb-5xx-rate"][0]
got = {(r["account"], r["region"]): {m["days"]: (round(m["requests"]), round(m["errors"]))
                                     for m in r.get("measured", [])}
       for r in f["results"]}
assert got[(a, "us-east-1")][30] == (100000, 10), got
assert got[(b, "eu-west-1")][30] == (10000, 300), got
assert got[(a, "eu-west-1")] == {} and got[(b, "us-east-1")] == {}, got
PY

run "$WA" report r.yaml --format md
expect_rc 0 "Markdown report"
printf '%s\n' "$T_OUT" >r.md
expect_out "99.99% measured (30 d, load balancer web in account $A, us-east-1) against a 99.9% target, which meets it" \
	"report: a's balancer, with its account"
expect_out "97% measured (30 d, load balancer web in account $B, eu-west-1) against a 99.9% target, below it" \
	"report: b's balancer, with its account"
expect_out "21h 36m of downtime in 30 days" "report: the downtime b's figure implies"

run "$WA" report r.yaml --format json
expect_rc 0 "JSON report"
printf '%s\n' "$T_OUT" >r.json
T_CHECKS=$((T_CHECKS + 1))
"$MOTO_PY" - r.json "$A" "$B" <<'PY' || fail "JSON report: measures per account"
import json, sys
d, a, b = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
m = {(x["account"], x["region"], x["days"]): x for x in d["availability"]["measured_from_requests"]}
assert m[(a, "us-east-1", 30)]["meets_target"] is True, m
assert m[(b, "eu-west-1", 30)]["meets_target"] is False and m[(b, "eu-west-1", 30)]["availability"] == 0.97, m
PY
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 -c '
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' \
	r.json "$TESTS_CLI/../../man/wa-review-report.schema.json" || fail "JSON report against the schema"

# status: the lowest figure, named by account and Region.
run "$WA" status r.yaml
expect_out "the lowest 30-day figure of 2 resources, load balancer web in account $B, eu-west-1" "status: the lowest, with its account"
finish
