#!/bin/sh
# Faults between wa-review and AWS, injected by tests/aws/faultproxy.py in front of moto:
# each ends in a clear per-call error (or a retried success), never a crash, a hang past
# the timeout, or lost results from the calls that succeeded.
. "$TESTS_CLI/lib.sh"
MOTO_ENV_SH="$TESTS_CLI/../aws/moto_env.sh"
. "$MOTO_ENV_SH"

moto_started "$T_DIR"
P="$PROXY_URL"
BATCH="$WA_TOOLS/aws_batch"
# Signatures are the parity test's business; here moto must answer whatever gets through,
# including the REST services whose signature check moto gets wrong.
"$MOTO_PY" "$TESTS_CLI/../aws/moto_env.py" auth-off "$MOTO_URL"

# requests SERVICE: how many requests the proxy saw for SERVICE since the last reset.
requests() {
	"$MOTO_PY" - "$P" "$1" <<'PY'
import json, sys, urllib.request
log = json.load(urllib.request.urlopen(sys.argv[1] + "/__fault/log", timeout=10))
print(sum(1 for e in log if e["service"] == sys.argv[2]))
PY
}

# fault NAME RULES CMD...: resets the proxy, installs RULES, runs CMD.
fault() {
	proxy_reset
	proxy_rules "$2"
	shift 2
	run "$@"
}

now_ms() { "$MOTO_PY" -c 'import time; print(int(time.time() * 1000))'; }

# Throttling in each protocol's own shape: retried, and the call succeeds.
for svc_op in "rds DescribeDBInstances" "ec2 DescribeVpcs" "dynamodb ListTables" \
	"backup ListBackupPlans" "s3 ListBuckets" "route53 ListHealthChecks" "sqs ListQueues"; do
	set -- $svc_op
	fault throttle "[{\"service\":\"$1\",\"fault\":\"throttle\",\"times\":1}]" \
		"$WA" aws "$1" "$2" --endpoint-url "$P"
	expect_rc 0 "$1 throttled once, then fine"
	T_CHECKS=$((T_CHECKS + 1))
	[ "$(requests "$1")" = 2 ] || fail "$1: throttled once should take 2 requests, took $(requests "$1")"
done

# Throttled every time: five attempts (the legacy retry mode, the aws CLI v1's), then the
# service's words; three in the standard mode. The aws CLI, given the same, tries as often.
AWS=$(moto_awscli) || { fail "no aws CLI"; finish; exit 1; }
for mode in legacy standard; do
	fault throttle '[{"service":"rds","fault":"throttle"}]' \
		env AWS_RETRY_MODE=$mode "$WA" aws rds DescribeDBInstances --endpoint-url "$P"
	expect_rc 1 "rds always throttled ($mode)"
	expect_err "rds:DescribeDBInstances in us-east-1: Throttling — Rate exceeded" "throttling message"
	expect_err_lines 1 "one line"
	ours=$(requests rds)
	fault throttle '[{"service":"rds","fault":"throttle"}]' \
		env AWS_RETRY_MODE=$mode "$AWS" rds describe-db-instances --endpoint-url "$P"
	T_CHECKS=$((T_CHECKS + 1))
	[ "$ours" = "$(requests rds)" ] && [ "$ours" = "$([ $mode = legacy ] && echo 5 || echo 3)" ] ||
		fail "always throttled ($mode): wa-review tried $ours times, the aws CLI $(requests rds)"
done
fault throttle '[{"service":"ec2","fault":"throttle"}]' \
	"$WA" aws ec2 DescribeVpcs --endpoint-url "$P" --region eu-west-1 --max-attempts 2
expect_err "ec2:DescribeVpcs in eu-west-1: RequestLimitExceeded" "ec2's throttling code"
fault throttle '[{"service":"lambda","fault":"throttle"}]' \
	"$WA" aws lambda ListFunctions --endpoint-url "$P" --max-attempts 2
expect_err "lambda:ListFunctions in us-east-1: TooManyRequestsException" "rest-json throttling"
T_CHECKS=$((T_CHECKS + 1))
[ "$(requests lambda)" = 2 ] || fail "--max-attempts 2: saw $(requests lambda)"

# Retry-After is honoured: a 2 s wish makes the call take at least 2 s.
t0=$(now_ms)
fault throttle '[{"service":"sqs","fault":"throttle","times":1,"retry_after":2}]' \
	"$WA" aws sqs ListQueues --endpoint-url "$P"
t1=$(now_ms)
expect_rc 0 "Retry-After then fine"
T_CHECKS=$((T_CHECKS + 1))
[ $((t1 - t0)) -ge 2000 ] || fail "Retry-After: 2 ignored (took $((t1 - t0)) ms)"

# 500 and 503: retried; when they persist, a clear error.
fault status '[{"service":"cloudformation","fault":"status","status":500,"times":2}]' \
	"$WA" aws cloudformation ListStacks --endpoint-url "$P"
expect_rc 0 "500 twice, then fine"
fault status '[{"service":"cloudformation","fault":"status","status":500}]' \
	"$WA" aws cloudformation ListStacks --endpoint-url "$P" --max-attempts 2
expect_rc 1 "500 always"
expect_err "cloudformation:ListStacks in us-east-1: InternalError — We encountered an internal error" "500"
fault status '[{"service":"logs","fault":"status","status":503,"html":true}]' \
	"$WA" aws logs DescribeLogGroups --endpoint-url "$P" --max-attempts 2
expect_rc 1 "503 HTML always"
expect_err "logs:DescribeLogGroups in us-east-1: 503 — Service Unavailable" "503 page"
expect_err_lines 1 "503 page: one line"

# Connection resets and truncated bodies: retried, then reported.
fault reset '[{"service":"ec2","fault":"reset","times":1}]' \
	"$WA" aws ec2 DescribeRegions --endpoint-url "$P"
expect_rc 0 "reset once, then fine"
fault reset '[{"service":"ec2","fault":"reset"}]' \
	"$WA" aws ec2 DescribeRegions --endpoint-url "$P" --max-attempts 2
expect_rc 1 "reset always"
expect_err "ec2:DescribeRegions in us-east-1: connection broken:" "reset message"
fault truncate '[{"service":"autoscaling","fault":"truncate","times":1}]' \
	"$WA" aws autoscaling DescribeAutoScalingGroups --endpoint-url "$P"
expect_rc 0 "truncated once, then fine"
fault truncate '[{"service":"autoscaling","fault":"truncate"}]' \
	"$WA" aws autoscaling DescribeAutoScalingGroups --endpoint-url "$P" --max-attempts 2
expect_rc 1 "truncated always"
expect_err "autoscaling:DescribeAutoScalingGroups in us-east-1: connection broken:" "truncated"

# Bodies that do not parse, in XML and JSON protocols.
fault malformed '[{"service":"rds","fault":"malformed"}]' \
	"$WA" aws rds DescribeDBClusters --endpoint-url "$P"
expect_rc 1 "malformed XML"
expect_err "rds:DescribeDBClusters in us-east-1: malformed response (HTTP 200)" "malformed XML"
fault malformed '[{"service":"dynamodb","fault":"malformed"}]' \
	"$WA" aws dynamodb ListTables --endpoint-url "$P"
expect_rc 1 "malformed JSON"
expect_err "dynamodb:ListTables in us-east-1: malformed response (HTTP 200)" "malformed JSON"

# Expired tokens and AccessDenied: not retried, the service's message shown.
fault expired '[{"service":"sts","fault":"expired"}]' \
	"$WA" aws sts GetCallerIdentity --endpoint-url "$P"
expect_rc 1 "expired token"
expect_err "sts:GetCallerIdentity in us-east-1: ExpiredToken — The security token included in the request is expired" "expired"
T_CHECKS=$((T_CHECKS + 1))
[ "$(requests sts)" = 1 ] || fail "ExpiredToken must not be retried: saw $(requests sts)"
fault denied '[{"service":"rds","fault":"denied"}]' \
	"$WA" aws rds DescribeDBInstances --endpoint-url "$P" --region eu-west-1
expect_rc 1 "AccessDenied"
expect_err "rds:DescribeDBInstances in eu-west-1: AccessDenied — User: arn:aws:iam::123456789012:user/test is not authorized" "AccessDenied"
fault denied '[{"service":"service-quotas","fault":"denied"}]' \
	"$WA" aws service-quotas ListServiceQuotas --param ServiceCode=ec2 --endpoint-url "$P"
expect_err "service-quotas:ListServiceQuotas in us-east-1: AccessDeniedException — " "json AccessDenied"

# moto's gaps answer 404 with an HTML page: reported cleanly.
fault notfound '[{"service":"backup","operation":"ListBackupVaults","fault":"notfound"}]' \
	"$WA" aws backup ListBackupVaults --endpoint-url "$P"
expect_rc 1 "404 HTML"
expect_err "backup:ListBackupVaults in us-east-1: 404 — Not Found" "404 page"
expect_err_lines 1 "404 page: one line"

# Latency beyond the timeout: gives up in bounded time, with the reason.
t0=$(now_ms)
fault latency '[{"service":"sts","fault":"latency","latency_ms":5000}]' \
	"$WA" aws sts GetCallerIdentity --endpoint-url "$P" --timeout 0.5 --max-attempts 2
t1=$(now_ms)
expect_rc 1 "timeout"
expect_err "sts:GetCallerIdentity in us-east-1: timed out:" "timeout message"
# Without the timeout the two attempts would take 10 s; 6 s leaves room for the backoff
# and a loaded ASan build without passing a timeout that is ignored.
T_CHECKS=$((T_CHECKS + 1))
[ $((t1 - t0)) -lt 6000 ] || fail "2 attempts of 0.5 s took $((t1 - t0)) ms"

# Nothing listening: a connection error, not a hang.
run "$WA" aws sts GetCallerIdentity --endpoint-url "http://127.0.0.1:9" --max-attempts 1
expect_rc 1 "connection refused"
expect_err "sts:GetCallerIdentity in us-east-1: connection failed:" "refused"

# A batch: faults on some calls never lose the others' results.
cat >"$T_DIR/batch.json" <<JSON
[{"service":"sts","operation":"GetCallerIdentity","repeat":5},
 {"service":"rds","operation":"DescribeDBInstances","region":"eu-west-1","repeat":3},
 {"service":"sqs","operation":"ListQueues","repeat":3},
 {"service":"ec2","operation":"DescribeRegions","repeat":3},
 {"service":"dynamodb","operation":"ListTables","repeat":3},
 {"service":"logs","operation":"DescribeLogGroups","repeat":3}]
JSON
fault mixed '[{"service":"rds","fault":"denied"},{"service":"sqs","fault":"throttle"},
	{"service":"ec2","fault":"reset"},{"service":"dynamodb","fault":"malformed"},
	{"service":"logs","fault":"latency","latency_ms":100}]' \
	"$BATCH" --endpoint-url "$P" --max-attempts 2 "$T_DIR/batch.json"
expect_rc 1 "batch with failures"
T_CHECKS=$((T_CHECKS + 1))
printf '%s\n' "$T_OUT" >"$T_DIR/batch.out"
"$MOTO_PY" - "$T_DIR/batch.out" <<'PY' || fail "batch outcomes"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert len(rows) == 20, len(rows)
want = {"sts": "ok", "rds": "api-error", "sqs": "api-error", "ec2": "failed",
        "dynamodb": "failed", "logs": "ok"}
for r in rows:
    svc = r["call"].split(":")[0]
    assert r["status"] == want[svc], r
    if svc == "sts":
        assert r["result"]["Account"] == "123456789012", r
    if svc == "logs":
        assert "logGroups" in r["result"], r
PY
expect_err "calls 20 ok 8 failed 12" "batch summary"

# Not read-only: refused before the network (the proxy sees nothing). The models ship
# read-only operations alone, so a write is not even known (the client's own check is
# unit-tested with a model that has one).
proxy_reset
run "$WA" aws ec2 TerminateInstances --param 'InstanceIds=["i-1"]' --endpoint-url "$P"
expect_rc 2 "TerminateInstances refused"
expect_err "TerminateInstances" "refusal message"
run "$WA" aws sts AssumeRole --param RoleArn=arn:aws:iam::1:role/r --param RoleSessionName=x --endpoint-url "$P"
expect_rc 2 "AssumeRole only for the credential chain"
expect_err "sts:AssumeRole is not read-only" "AssumeRole refusal"
T_CHECKS=$((T_CHECKS + 1))
[ "$(requests ec2)$(requests sts)" = 00 ] || fail "a refused call reached the network: ec2 $(requests ec2), sts $(requests sts)"

# No credentials anywhere: says which sources were tried, and exits 2 as for any input that
# stops a call before it is sent.
run env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY AWS_SHARED_CREDENTIALS_FILE=/nonexistent \
	AWS_CONFIG_FILE=/nonexistent AWS_EC2_METADATA_DISABLED=true \
	AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9 \
	"$WA" aws sts GetCallerIdentity --endpoint-url "$P" --max-attempts 1
expect_rc 2 "no credentials"
expect_err "environment" "sources tried"

moto_down
finish
