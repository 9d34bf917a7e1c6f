#!/bin/sh
# wa-review import-components: the pillar guide's component inventory into a review, the
# composite availability and single points of failure status then reports, and bad
# inventories refused at file:line:column with the review left as it was.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1

# The inventory exactly as the guide writes it (AZs as names, redundancy in words).
cat >inventory.yaml <<'EOF'
workload_name: "Production Web Application"
business_criticality: "High"
availability_requirement: "99.9%"
rto_requirement: "1 hour"
rpo_requirement: "15 minutes"

components:
  web_tier:
    service: "Application Load Balancer + EC2 Auto Scaling"
    availability_zones: ["us-east-1a", "us-east-1b", "us-east-1c"]
    redundancy: "Multi-AZ"
    single_points_of_failure: []

  application_tier:
    service: "EC2 instances in Auto Scaling Group"
    availability_zones: ["us-east-1a", "us-east-1b"]
    redundancy: "Multi-AZ"
    single_points_of_failure: ["Application configuration stored locally"]

  database_tier:
    service: "RDS MySQL"
    availability_zones: ["us-east-1a"]
    redundancy: "Single AZ"
    single_points_of_failure: ["Primary database instance"]

dependencies:
  external_apis:
    - name: "Payment Gateway"
      availability: "99.95%"
      timeout: "30 seconds"
      retry_policy: "3 retries with exponential backoff"
    - name: "Email Service"
      availability: "99.9%"
      timeout: "10 seconds"
      retry_policy: "No retries"

monitoring:
  health_checks: ["ALB health checks", "Custom application health endpoint"]
  metrics: ["CPU utilization", "Memory usage", "Response time"]
EOF

run "$WA" new shop.yaml --name "Web shop" --availability 99.95
expect_rc 0 "new"
run "$WA" import-components inventory.yaml shop.yaml
expect_rc 0 "import"
expect_out "imported 3 components and 2 external APIs into shop.yaml" "import summary"
expect_out "vs target 99.95%: below the target" "import verdict"
expect_out "single points of failure: application_tier, database_tier" "import SPOFs"
expect_out "kept the review's name 'Web shop' (the inventory says 'Production Web Application')"
expect_out "kept the review's availability_target 99.95 (the inventory says 99.9)"

T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - shop.yaml <<'PY' || fail "imported review content"
import yaml, sys
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
w = d["workload"]
assert w["name"] == "Web shop" and w["availability_target"] == 99.95, w
assert w["rto"] == "1h" and w["rpo"] == "15m" and w["business_criticality"] == "high", w
c = {x["name"]: x for x in w["components"]}
assert [x["name"] for x in w["components"]] == ["web_tier", "application_tier", "database_tier"]
assert c["web_tier"] == {"name": "web_tier", "tier": "web",
    "service": "Application Load Balancer + EC2 Auto Scaling",
    "availability_zones": 3, "redundancy": "active-active"}, c["web_tier"]
assert c["application_tier"]["availability_zones"] == 2
assert c["application_tier"]["single_points_of_failure"] == ["Application configuration stored locally"]
assert c["database_tier"]["redundancy"] == "none" and c["database_tier"]["availability_zones"] == 1
assert w["dependencies"]["external_apis"] == [
    {"name": "Payment Gateway", "availability": 99.95},
    {"name": "Email Service", "availability": 99.9}], w["dependencies"]
assert "timeout" not in str(d)
PY

# status: the composite from the SLA figures, derived here by hand:
#   web  = ELB 1-(0.001)^3 capped at its multi-AZ 99.99%, times EC2 1-(0.005)^3 capped at the
#          region-level 99.99%                                  = 0.9999 * 0.9999
#   app  = EC2 in two AZs, 1-(0.005)^2 = 0.999975, capped       = 0.9999
#   db   = one RDS instance, the Single-DB SLA                  = 0.995
#   APIs = 0.9995 * 0.999, both on the critical path
run "$WA" status shop.yaml --json
expect_rc 0 "status --json"
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - "$T_DIR/out" <<'PY' || fail "status availability JSON"
import json, sys
a = json.load(open(sys.argv[1]))["availability"]
want = 0.9999 * 0.9999 * 0.9999 * 0.995 * 0.9995 * 0.999
assert abs(a["computed_percent"] - want * 100) < 1e-9, (a["computed_percent"], want * 100)
assert a["target_percent"] == 99.95 and a["meets_target"] is False
assert a["single_points_of_failure"] == ["application_tier", "database_tier"]
parts = {p["name"]: p for p in a["parts"]}
assert parts["database_tier"]["why_single_point"].startswith("redundancy none")
assert abs(parts["application_tier"]["availability_percent"] - 99.99) < 1e-9
assert parts["Email Service"]["external"] and parts["Email Service"]["critical"]
assert "measured" not in a and "cost" not in a
PY
run "$WA" status shop.yaml
expect_out "Availability" "status text section"
expect_out "target     99.95%"
expect_out "computed   99.3209975% vs target 99.95%" "status computed"
expect_out "database_tier (redundancy none; named by the team: Primary database instance)"

# --overwrite takes the inventory's target and name; a second import replaces, not appends.
run "$WA" import-components --overwrite inventory.yaml shop.yaml
expect_rc 0 "import --overwrite"
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - shop.yaml <<'PY' || fail "--overwrite"
import yaml, sys
w = yaml.safe_load(open(sys.argv[1]))["workload"]
assert w["name"] == "Production Web Application" and w["availability_target"] == 99.9, w
assert len(w["components"]) == 3 and len(w["dependencies"]["external_apis"]) == 2
PY

# Extensions: a list of components with tier, availability, depends_on and critical.
cat >list.yaml <<'EOF'
availability_requirement: 99.9
components:
  - name: api
    service: lambda
    depends_on: [table, Payments]
  - name: table
    service: DynamoDB
  - name: batch
    availability: "99%"
    critical: false
    depends_on: [Mailer]
dependencies:
  external_apis:
    - {name: Payments, availability: 99.99}
    - {name: Mailer, availability: 95, critical: false}
EOF
run "$WA" new list-review.yaml
run "$WA" import-components list.yaml list-review.yaml
expect_rc 0 "import list form"
run "$WA" status list-review.yaml --json
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - "$T_DIR/out" <<'PY' || fail "list form composite"
import json, sys
a = json.load(open(sys.argv[1]))["availability"]
# Lambda 99.95%, DynamoDB 99.99% (both run across AZs by AWS), Payments 99.99%; the batch job
# and its mailer are off the critical path.
want = 0.9995 * 0.9999 * 0.9999
assert abs(a["computed_percent"] - want * 100) < 1e-9, a["computed_percent"]
assert a["meets_target"] is True and a["single_points_of_failure"] == []
PY

# Bad inventories: exit 2, one line at file:line:column, the review untouched.
cp shop.yaml before.yaml
bad_inventory() { # TEXT EXPECTED-STDERR-PART
	printf '%s\n' "$1" >bad.yaml
	run "$WA" import-components bad.yaml shop.yaml
	expect_rc 2 "bad inventory: $2"
	expect_err "$2" "bad inventory"
	expect_err_lines 1 "bad inventory: $2"
	expect_same_file shop.yaml before.yaml "bad inventory: $2"
}
bad_inventory "workload_name: x
colour: blue" "bad.yaml:2:1: inventory: unknown key 'colour'"
bad_inventory "components:
  db:
    service: RDS
    redundancy: Triple mirrored" "bad.yaml:4:17: component 'db': redundancy 'Triple mirrored' is not one this tool can place"
bad_inventory "availability_requirement: 100%" "bad.yaml:1:27: availability_requirement: expected a percentage above 0 and below 100"
bad_inventory "availability_requirement: high" "bad.yaml:1:27: availability_requirement: expected a percentage such as 99.9%"
bad_inventory "rto_requirement: soon" "bad.yaml:1:18: rto_requirement: expected a duration"
bad_inventory "components:
  mainframe:
    service: IBM z16" "bad.yaml:3:14: component 'mainframe': no published figure for 'IBM z16'; give its availability"
bad_inventory "components:
  web:
    service: ec2
    availability_zones: [a, b, a]" "bad.yaml:4:32: availability_zones: a is listed twice"
bad_inventory "components:
  Payments:
    service: s3
dependencies:
  external_apis:
    - {name: Payments, availability: 99.9}" "bad.yaml:6:14: 'Payments' names two parts of the workload (first at line 2)"
bad_inventory "components:
  web:
    service: ec2
    depends_on: [cache]" "bad.yaml:4:18: component 'web' depends on 'cache', which is neither"
bad_inventory "dependencies:
  external_apis:
    - {name: Pay}" "bad.yaml:3:7: dependencies.external_apis item 1: missing required key 'availability'"
bad_inventory "business_criticality: extreme" "bad.yaml:1:23: business_criticality: 'extreme' is not one of critical, high, medium, low"
bad_inventory "components: [
" "bad.yaml:"

run "$WA" import-components missing.yaml shop.yaml
expect_rc 2 "missing inventory"
expect_err "missing.yaml"
run "$WA" import-components inventory.yaml
expect_rc 2 "one argument"
run "$WA" import-components inventory.yaml nosuch.yaml
expect_rc 2 "missing review"
T_CHECKS=$((T_CHECKS + 1))
[ ! -e nosuch.yaml ] || fail "import-components created a review"

# A review being edited elsewhere is refused.
if command -v flock >/dev/null; then
	# Held until the command has run, however slow (valgrind) it is.
	( flock -x 9; touch locked; while [ ! -e release ]; do sleep 0.1; done ) 9>shop.yaml.lock &
	while [ ! -e locked ]; do sleep 0.1; done
	run "$WA" import-components inventory.yaml shop.yaml
	touch release
	wait
	expect_rc 2 "locked review"
	expect_err "being edited by another"
	expect_same_file shop.yaml before.yaml "locked review"
fi

# A hand-edited review with a bad component is refused by every command.
sed 's/redundancy: none/redundancy: sometimes/' shop.yaml >edited.yaml
run "$WA" status edited.yaml
expect_rc 2 "status of a bad component"
expect_err "edited.yaml:"
expect_err "redundancy: 'sometimes' is not one of none, active-active, active-passive, n+1, managed"

finish
