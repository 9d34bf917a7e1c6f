#!/bin/sh
# The availability section of `wa-review status`: absent when a review lists nothing for it,
# and for the demo review the composite, measured figure, single points of failure and cost
# python derives on its own from the demo's data and the documented rules.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1

run "$WA" new plain.yaml --availability 99.9
run "$WA" status plain.yaml
expect_rc 0 "status without components"
T_CHECKS=$((T_CHECKS + 1))
printf '%s\n' "$T_OUT" | grep -q '^Availability' && fail "an availability section with no data"
run "$WA" status plain.yaml --json
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 -c "import json,sys; assert 'availability' not in json.load(open('$T_DIR/out'))" ||
	fail "availability key with no data"

run "$WA" status --demo --json
expect_rc 0 "demo --json"
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - "$T_DIR/out" <<'PY' || fail "demo availability"
import json, sys, calendar, time
a = json.load(open(sys.argv[1]))["availability"]
# Critical path: ALB in 3 AZs and Fargate in 3 AZs, both at their multi-AZ SLA 99.99%; Aurora
# in one AZ at its Single-AZ 99.9%; SQS 99.9%; the payment provider 99.95%. The mailer
# (Lambda) and the e-mail provider are marked not critical.
computed = 0.9999 * 0.9999 * 0.999 * 0.999 * 0.9995
assert abs(a["computed_percent"] - computed * 100) < 1e-9, a["computed_percent"]
assert a["single_points_of_failure"] == ["Orders database"], a["single_points_of_failure"]
crit = [p["name"] for p in a["parts"] if p["critical"]]
assert crit == ["Load balancer", "Checkout API", "Orders database", "Order queue", "Payment provider"], crit
# Measured: from the first incident (before the review's creation) to now; the partial one
# counts half.
now = 1795000000
start = calendar.timegm(time.strptime("2026-10-06T14:20:00", "%Y-%m-%dT%H:%M:%S"))
down = 25 * 60 * 0.5 + 12 * 60
m = a["measured"]
assert abs(m["percent"] - (1 - down / (now - start)) * 100) < 1e-9, m
assert abs(m["mttr_hours"] - (25 + 12) / 2 / 60) < 1e-12, m
# Cost at EUR 18,000 an hour of downtime over a 365-day year.
c = a["cost"]
assert c["currency"] == "EUR" and c["basis"] == "computed"
assert abs(c["per_year"] - (1 - computed) * 8760 * 18000) < 1e-6, c
assert abs(c["per_year_at_target"] - 0.0005 * 8760 * 18000) < 1e-6, c
assert a["target_percent"] == 99.95 and a["meets_target"] is False
PY

run "$WA" --demo
expect_out "Availability" "demo text section"
expect_out "single points of failure: Orders database (redundancy none; named by the team: Writer instance without a replica)"
# 0.0005 of 8,760 h is 4.38 h, at EUR 18,000 an hour: EUR 78,840.
expect_out "; EUR 78,840 at the target" "demo cost at the target"
expect_out "Confirmation mailer" "demo parts table"
expect_out "[off the critical path]" "demo non-critical part"

finish
