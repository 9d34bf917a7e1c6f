#!/bin/sh
# Metric and log probes end to end through the AWS client against moto (datapoints and log
# events put by tests/aws/seed_metrics.py; the quotas from the fault proxy's fixture): for
# each probe the resource that fails is cited and the one that passes is not; a resource
# without datapoints is not checked, never passed; availability measured from request and
# 5xx counts over 30 and 90 days lands in the snapshot, the Markdown and JSON reports and
# status, next to the target; RDS connections are judged against the default max_connections
# computed from the class's memory, and a custom parameter group is not checked. Fails, never skips, when moto is missing.
. "$TESTS_CLI/lib.sh"
# Log events older than 14 days are refused, as AWS does: the sweep runs at the real time.
SOURCE_DATE_EPOCH=$(date +%s)
export SOURCE_DATE_EPOCH
MOTO_ENV_SH="$TESTS_CLI/../aws/moto_env.sh"
. "$MOTO_ENV_SH"
moto_seeded "$T_DIR" seed_metrics.py auth-off
P="$PROXY_URL"
cd "$T_DIR" || exit 1

# result PROBE PYTHON-CONDITION: the probe's us-east-1 result r satisfies the condition.
result() {
	T_CHECKS=$((T_CHECKS + 1))
	"$MOTO_PY" - all.json "$1" "$2" <<'PY' || fail "$1: $2"
import json, sys
doc = json.load(open(sys.argv[1]))
f = [f for q in doc["questions"] for f in q["findings"] if f["probe"] == sys.argv[2]][0]
r = [r for r in f["results"] if r["region"] == "us-east-1"][0]
cited = " | ".join(r.get("cited", []))
unchecked = " | ".join(r.get("unchecked", []))
if not eval(sys.argv[3]):
    sys.exit(f"{sys.argv[2]}: {r['outcome']} cited [{cited}] unchecked [{unchecked}]: {r['text']}")
PY
}

run "$WA" evidence --regions us-east-1 --format json --endpoint-url "$P"
expect_rc 1 "sweep"
printf '%s\n' "$T_OUT" >all.json
# One resource fails, one passes, per probe.
result alb-5xx-rate "r['outcome'] == 'fail' and 'bad-alb (3.00 %)' in cited and 'ok-alb' not in cited"
result apigw-5xx-rate "r['outcome'] == 'fail' and 'bad-api (15.00 %)' in cited and 'ok-api' not in cited"
result asg-pinned-at-max "r['outcome'] == 'fail' and 'bad-asg (100.00 %)' in cited and 'ok-asg' not in cited"
result lambda-throttles "r['outcome'] == 'fail' and 'bad-fn (7)' in cited and 'ok-fn' not in cited"
result quota-usage-high "r['outcome'] == 'fail' and 'instances (86.81 %)' in cited and 'G and VT' not in cited and r['examined'] == 2"
result lambda-timeouts-logged "r['outcome'] == 'fail' and '/aws/lambda/bad-fn (1 event)' in cited and 'ok-fn' not in cited"
# Connections against the default max_connections, from the class's memory (ec2
# DescribeInstanceTypes): busy-db fails; a custom parameter group is not checked, never passed.
result rds-connections-near-limit "r['outcome'] == 'fail' and cited == 'busy-db (93.75 %)' and r['examined'] == 3 and 'upper bound' in r['text']"
result rds-connections-near-limit "unchecked == 'tuned-db (parameter group custom-pg is not a default one: max_connections may be set there)' and '1 not checked' in r['text']"
# No datapoints: not checked, listed as such, never among the passes.
result alb-5xx-rate "'idle-alb (no RequestCount in the window)' in unchecked and 'not checked' in r['text']"
result lambda-throttles "'quiet-fn (no datapoints in the window)' in unchecked"
# The measured availability in the snapshot: 30 and 90 days from the sums.
T_CHECKS=$((T_CHECKS + 1))
"$MOTO_PY" - all.json <<'PY' || fail "measured availability in the snapshot"
import json, sys
doc = json.load(open(sys.argv[1]))
f = [f for q in doc["questions"] for f in q["findings"] if f["probe"] == "alb-5xx-rate"][0]
m = {(x["resource"], x["days"]): x for x in f["results"][0]["measured"]}
ok30, ok90 = m[("ok-alb", 30)], m[("ok-alb", 90)]
assert (ok30["requests"], ok30["errors"]) == (100000, 10), ok30
assert (ok90["requests"], ok90["errors"]) == (300000, 110), ok90
assert abs(ok90["availability"] - (1 - 110 / 300000)) < 1e-12, ok90
assert m[("bad-alb", 30)]["availability"] == 0.97, m
assert not any(r == "idle-alb" for r, _ in m), "a load balancer without requests has no figure"
api = [f for q in doc["questions"] for f in q["findings"] if f["probe"] == "apigw-5xx-rate"][0]
k = {(x["resource"], x["days"]) for x in api["results"][0]["measured"]}
assert k == {("ok-api", 30), ("ok-api", 90), ("bad-api", 30), ("bad-api", 90)}, k
PY

# Scoped to ok-fn and quiet-fn: one passes, one has no datapoints: could not check, not a pass.
run "$WA" evidence --question REL01 --regions us-east-1 --scope tag:app=metrics --format json \
	--endpoint-url "$P"
printf '%s\n' "$T_OUT" >scoped.json
cp scoped.json all.json
result lambda-throttles "r['outcome'] == 'error' and 'quiet-fn' in unchecked and 'could not check 1 of 2' in r['text']"

# Scoped to calm-db: under 75 % of the upper bound, a pass that says what it measured against.
run "$WA" evidence --question REL07 --regions us-east-1 --scope tag:app=metrics --format json \
	--endpoint-url "$P"
printf '%s\n' "$T_OUT" >all.json
result rds-connections-near-limit "r['outcome'] == 'pass' and r['examined'] == 1 and not cited and 'upper bound' in r['text']"

# Into a review with a 99.9 % target, and out through the reports.
"$WA" new r.yaml --region us-east-1 --availability 99.9 >/dev/null
run "$WA" evidence r.yaml --question REL11 --regions us-east-1 --endpoint-url "$P"
expect_rc 1 "stored sweep"
run "$WA" report r.yaml
expect_rc 0 "Markdown report"
expect_out "- **Measured from requests:** 99.99% measured (30 d, load balancer ok-alb in us-east-1) against a 99.9% target, which meets it; 4m 19s of downtime in 30 days, 52m 36s a year at this rate (10 errors in 100000 requests, AWS/ApplicationELB HTTPCode\\_ELB\\_5XX\\_Count / RequestCount)" "ok-alb over 30 days"
expect_out "99.963% measured (90 d, load balancer ok-alb in us-east-1) against a 99.9% target, which meets it" "ok-alb over 90 days"
expect_out "97% measured (30 d, load balancer bad-alb in us-east-1) against a 99.9% target, below it; 21h 36m of downtime in 30 days" "bad-alb below the target"
expect_out "85% measured (30 d, API bad-api in us-east-1)" "an API"
run "$WA" report r.yaml --format json
T_CHECKS=$((T_CHECKS + 1))
printf '%s\n' "$T_OUT" | "$MOTO_PY" -c '
import json, sys
a = json.load(sys.stdin)["availability"]["measured_from_requests"]
x = [m for m in a if m["resource"] == "bad-alb" and m["days"] == 30][0]
assert x["meets_target"] is False and x["availability"] == 0.97 and x["region"] == "us-east-1", x
assert abs(x["downtime_seconds"] - 0.03 * 30 * 86400) < 1e-6, x
assert len(a) == 8, a
' || fail "JSON report: measured from requests"
run "$WA" report r.yaml --format html
expect_out "97% measured (30 d, load balancer bad-alb in us-east-1)" "HTML report"
run "$WA" status r.yaml
expect_out "from requests: the lowest 30-day figure of 4 resources, API bad-api in us-east-1" "status names the source"
expect_out "measured   85% vs target 99.9%: below the target" "status: the figure against the target"
run "$WA" status r.yaml --json
T_CHECKS=$((T_CHECKS + 1))
printf '%s\n' "$T_OUT" | "$MOTO_PY" -c '
import json, sys
m = json.load(sys.stdin)["availability"]["measured_from_requests"]
assert abs(m["percent"] - 85) < 1e-9 and m["source"] == "requests" and m["days"] == 30, m
assert m["lowest_of"] == "API bad-api in us-east-1" and m["resources"] == 4, m
assert m["meets_target"] is False, m
' || fail "status --json: measured from requests"
finish
