#!/bin/sh
# The probes added for evidence breadth, end to end through the AWS client against moto
# behind the fault proxy (tests/aws/seed_breadth.py): for each probe moto can answer, the
# resource that fails is cited and the one that passes is not; AWS Config's results, which
# the proxy answers from fixtures, shown as from AWS Config, weighed in the verdicts, a
# disagreement with our probe said, the workload's scope narrowing what a rule evaluated,
# and Config that cannot be read leaving the verdicts to our probes. The fixture account
# (tests/cli/test_evidence.sh) holds a failing and a passing resource for every new probe,
# these included. Fails, never skips, when moto is missing.
. "$TESTS_CLI/lib.sh"
MOTO_ENV_SH="$TESTS_CLI/../aws/moto_env.sh"
. "$MOTO_ENV_SH"
moto_seeded "$T_DIR" seed_breadth.py auth-off
P="$PROXY_URL"
cd "$T_DIR" || exit 1
id() { "$MOTO_PY" -c 'import json, sys; print(json.load(open("seed.out"))[sys.argv[1]])' "$1"; }
check() {
	T_CHECKS=$((T_CHECKS + 1))
	"$MOTO_PY" "$TESTS_CLI/evidence_check.py" "$@" || fail "evidence checks ($1)"
}
# cites PROBE BAD OK: the probe fails in us-east-1, citing BAD and not OK.
cites() {
	T_CHECKS=$((T_CHECKS + 1))
	"$MOTO_PY" - all.json "$@" <<'PY' || fail "cites $1 $2 (not $3)"
import json, sys
doc = json.load(open(sys.argv[1]))
probe, bad, ok = sys.argv[2:5]
f = [f for q in doc["questions"] for f in q["findings"] if f["probe"] == probe][0]
r = [r for r in f["results"] if r["region"] == "us-east-1"][0]
cited = r.get("cited", [])
if r["outcome"] != "fail" or bad not in cited or ok in cited:
    sys.exit(f"{probe}: {r['outcome']} citing {cited}: {r['text']}")
PY
}

run "$WA" evidence --regions us-east-1 --format json --endpoint-url "$P"
expect_rc 1 "sweep"
printf '%s\n' "$T_OUT" >all.json
cites ebs-burst-volumes "$(id bad-volume)" "$(id ok-volume)"
cites internet-gateways-attached "$(id bad-igw)" "$(id ok-igw)"
cites vpc-flow-logs "$(id bad-vpc)" "$(id ok-vpc)"
cites instances-own-security-groups "$(id bad-instance)" "$(id ok-instance)"
cites ec2-detailed-monitoring "$(id bad-instance)" "$(id ok-instance)"
cites lambda-roles-unshared bad-fn ok-fn
cites lambda-timeout-chosen bad-fn ok-fn
cites api-gateway-request-validation bad-api ok-api
cites eventbridge-rules-targeted bad-rule ok-rule
cites alarm-topics-subscribed bad-alarm ok-alarm
cites alarms-name-playbook bad-alarm ok-alarm
cites dynamodb-autoscaling bad-table ok-table
cites cloudtrail-logging bad-trail ok-trail
cites cloudtrail-to-cloudwatch bad-trail ok-trail
cites load-balancer-access-logs bad-alb ok-alb
cites load-balancer-deletion-protection bad-alb ok-alb
cites clb-multi-az bad-clb ok-clb
cites clb-cross-zone bad-clb ok-clb
cites rds-deletion-protection bad-db ok-db
cites elasticache-backups bad-cache ok-cache
check all.json \
	`# a target with a dead-letter queue passes; the rule without targets is not examined` \
	eventbridge-targets-dead-letter@us-east-1=pass \
	`# AWS Config, from the proxy: offenders named, the other rule a pass` \
	"config-lambda-dlq-check@us-east-1~bad-fn,bad-fn-2" \
	config-rds-instance-deletion-protection-enabled@us-east-1=pass \
	"config-lambda-dlq-check@us-east-1%AWS Config rule lambda-dlq-check finds resources in us-east-1 non-compliant (2 of 3 evaluated)" \
	`# a rule the account does not run says nothing` \
	config-vpc-flow-logs-enabled=not_applicable \
	"REL05-BP04:not_implemented~FAIL config-lambda-dlq-check (us-east-1, from AWS Config)" \
	`# Config passes both databases, our probe names bad-db: said, and the offender counts` \
	"REL10-BP03:not_implemented~AWS Config disagrees: config-rds-instance-deletion-protection-enabled finds every resource it evaluated compliant where rds-deletion-protection names offenders (bad-db)"
T_CHECKS=$((T_CHECKS + 1))
"$MOTO_PY" - all.json <<'PY' || fail "Config findings are not marked"
import json, sys
fs = [f for q in json.load(open(sys.argv[1]))["questions"] for f in q["findings"]]
cfg = {f["probe"]: f for f in fs if f.get("source") == "aws_config"}
assert len(cfg) == 52, len(cfg)
assert cfg["config-rds-instance-deletion-protection-enabled"]["same_as"] == "rds-deletion-protection"
PY
# The text names the source.
run "$WA" evidence --question REL05 --regions us-east-1 --endpoint-url "$P"
expect_out "config-lambda-dlq-check      lambda-dlq-check: every AWS::Lambda::Function it evaluated is compliant (from AWS Config)"
expect_out "AWS Config: 1 of the 1 mapped rules have results in the account"

# The workload's scope narrows what a rule evaluated: only ok-fn is tagged app=shop.
run "$WA" evidence --question REL05 --regions us-east-1 --scope tag:app=shop --format json --endpoint-url "$P"
printf '%s\n' "$T_OUT" >shop.json
check shop.json config-lambda-dlq-check@us-east-1=pass \
	"config-lambda-dlq-check@us-east-1%finds every resource it evaluated in us-east-1 compliant (1 evaluated). (2 outside the workload's scope left out)"

# Config that cannot be read is a source missing: the verdicts are our probes' alone.
proxy_rules '[{"service":"config","fault":"denied"}]'
run "$WA" evidence --question REL10 --regions us-east-1 --format json --endpoint-url "$P"
printf '%s\n' "$T_OUT" >denied.json
check denied.json config-rds-instance-deletion-protection-enabled@us-east-1!AccessDeniedException \
	"REL10-BP03:not_implemented~rds-deletion-protection found 1 offender in us-east-1"
T_CHECKS=$((T_CHECKS + 1))
grep -q "disagrees" denied.json && fail "a disagreement with Config that could not be read"
proxy_reset

finish
