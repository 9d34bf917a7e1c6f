#!/bin/sh
# wa-review evidence end to end through the AWS client, against moto seeded with a fixture
# account whose gaps are known (tests/aws/seed_evidence.py), behind the fault proxy: each
# targeted probe's outcome and cited resources, the suggestions drawn from them, a fan-out
# probe, two Regions, partial failure, and one run with moto verifying signatures. Fails,
# never skips, when moto is missing.
. "$TESTS_CLI/lib.sh"
MOTO_ENV_SH="$TESTS_CLI/../aws/moto_env.sh"
. "$MOTO_ENV_SH"
# Seeded with signatures verified (moto_up turned checking on).
moto_seeded "$T_DIR" seed_evidence.py
P="$PROXY_URL"
cd "$T_DIR" || exit 1
check() {
	T_CHECKS=$((T_CHECKS + 1))
	"$MOTO_PY" "$TESTS_CLI/evidence_check.py" "$@" || fail "evidence checks ($1)"
}
# seen SERVICE OPERATION: "REGION PARAMS" per request the proxy forwarded since the reset.
seen() {
	"$MOTO_PY" - "$P" "$1" "$2" <<'PY'
import json, sys, urllib.request
for e in json.load(urllib.request.urlopen(sys.argv[1] + "/__fault/log", timeout=10)):
    if e["service"] == sys.argv[2] and e["operation"] == sys.argv[3]:
        print(e["region"])
PY
}

# With moto verifying every signature: the services whose checks moto gets right.
run "$WA" evidence --question REL10 --regions us-east-1,eu-west-1 --format json --endpoint-url "$P"
expect_rc 1 "signed sweep (findings: exit 1)"
printf '%s\n' "$T_OUT" >signed.json
check signed.json rds-multi-az@us-east-1=fail rds-multi-az@eu-west-1=pass \
	asg-multi-az@us-east-1=fail asg-multi-az@eu-west-1=pass
run env AWS_SECRET_ACCESS_KEY=wrong-secret "$WA" evidence --question REL10 \
	--regions us-east-1 --format json --endpoint-url "$P"
printf '%s\n' "$T_OUT" >badsig.json
check badsig.json rds-multi-az@us-east-1!SignatureDoesNotMatch asg-multi-az=error

# The rest with checking off: moto's check is wrong for some REST services (see the parity
# test), and here the findings are the point.
"$MOTO_PY" "$TESTS_CLI/../aws/moto_env.py" auth-off "$MOTO_URL"
"$WA" new r.yaml --region us-east-1 >/dev/null
proxy_reset
run "$WA" evidence r.yaml --regions us-east-1,eu-west-1 --format json --endpoint-url "$P"
expect_rc 1 "full sweep"
printf '%s\n' "$T_OUT" >full.json
check full.json regions=eu-west-1,us-east-1 \
	rds-multi-az=fail rds-multi-az@us-east-1=fail rds-multi-az@us-east-1~reports-db \
	rds-multi-az@eu-west-1=pass \
	asg-multi-az@us-east-1=fail asg-multi-az@us-east-1~batch asg-multi-az@eu-west-1=pass \
	sqs-dead-letter-queues@us-east-1=fail \
	"sqs-dead-letter-queues@us-east-1~$P/123456789012/emails" \
	sqs-dead-letter-queues@eu-west-1=not_applicable \
	s3-versioning=fail s3-versioning@global~wa-ev-unversioned \
	sqs-queues=pass \
	"REL10-BP01:not_implemented~FAIL rds-multi-az (us-east-1): DB instances in us-east-1 in a single Availability Zone (1 of 2): reports-db." \
	"REL10-BP01:not_implemented~FAIL asg-multi-az (us-east-1)" \
	"REL09-BP01:not_implemented~wa-ev-unversioned" \
	"REL05-BP04:not_implemented~1 of 2" \
	"REL04-BP02:partly_shown~sqs-queues shows that it exists"
# Fan-out: ListBuckets once, then GetBucketVersioning once per bucket (moto's ListBuckets
# has no BucketRegion, so both go to the default Region here).
T_CHECKS=$((T_CHECKS + 1))
[ "$(seen s3 ListBuckets | wc -l)" = 1 ] || fail "fan-out: ListBuckets $(seen s3 ListBuckets | wc -l) times"
T_CHECKS=$((T_CHECKS + 1))
[ "$(seen s3 GetBucketVersioning | wc -l)" = 2 ] ||
	fail "fan-out: GetBucketVersioning $(seen s3 GetBucketVersioning | wc -l) times, not 2"
# Both Regions swept for a regional probe; the snapshot stored in the review.
T_CHECKS=$((T_CHECKS + 1))
[ "$(seen rds DescribeDBInstances | sort | tr '\n' ' ')" = "eu-west-1 us-east-1 " ] ||
	fail "rds swept in: $(seen rds DescribeDBInstances | tr '\n' ' ')"
run "$WA" status r.yaml --json
expect_rc 0 "status after evidence"
run "$WA" answer r.yaml REL10 --accept-evidence
expect_rc 0 "accept evidence"
run "$WA" status r.yaml --json
expect_out '"REL10"' "status names REL10"

# Partial failure: RDS refuses (AccessDenied) and Auto Scaling throttles until the client
# gives up; those probes are errors with the API's code, the others complete, and the
# snapshot is stored whole.
cp r.yaml before.yaml
proxy_reset
proxy_rules '[{"service":"rds","fault":"denied"},{"service":"autoscaling","fault":"throttle"}]'
run "$WA" evidence r.yaml --regions us-east-1,eu-west-1 --format json --endpoint-url "$P"
expect_rc 1 "partial failure"
printf '%s\n' "$T_OUT" >partial.json
check partial.json rds-multi-az=error rds-multi-az@us-east-1!AccessDenied \
	rds-multi-az@eu-west-1!AccessDenied asg-multi-az@us-east-1!Throttling \
	s3-versioning=fail s3-versioning@global~wa-ev-unversioned \
	sqs-dead-letter-queues@us-east-1=fail "REL05-BP04:not_implemented" \
	"REL10-BP01:not_verified~rds-multi-az could not run in us-east-1: AccessDenied"
T_CHECKS=$((T_CHECKS + 1))
[ "$(seen autoscaling DescribeAutoScalingGroups | wc -l)" -ge 6 ] ||
	fail "throttling: expected 3 attempts per Region, saw $(seen autoscaling DescribeAutoScalingGroups | wc -l)"
T_CHECKS=$((T_CHECKS + 1))
"$MOTO_PY" - r.yaml "$TESTS_CLI/../../questions" <<'PY' || fail "stored snapshot is not whole"
import glob, sys, yaml
ev = yaml.safe_load(open(sys.argv[1]))["evidence"]
probes = {f["probe"]: f for f in ev["findings"]}
declared = sum(len(q.get("probes", [])) + len(q.get("config_rules", []))
               for f in glob.glob(sys.argv[2] + "/*.yaml")
               for q in (yaml.safe_load(open(f)) or {}).get("questions", []))
assert len(probes) == declared, (len(probes), declared)
assert probes["rds-multi-az"]["outcome"] == "error", probes["rds-multi-az"]
assert probes["s3-versioning"]["outcome"] == "fail", probes["s3-versioning"]
PY
cmp -s r.yaml before.yaml && fail "partial failure: snapshot not stored"

finish
