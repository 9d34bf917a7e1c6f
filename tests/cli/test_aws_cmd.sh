#!/bin/sh
# `wa-review aws` and `whoami` on their own: usage errors, refusals, and output against the
# fault proxy's fixtures alone (no moto: no upstream is given, so anything not answered from
# a fixture would be a 502).
. "$TESTS_CLI/lib.sh"
MOTO_ENV_SH="$TESTS_CLI/../aws/moto_env.sh"
. "$MOTO_ENV_SH"
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret AWS_REGION=us-east-1
export AWS_CONFIG_FILE=/nonexistent AWS_SHARED_CREDENTIALS_FILE=/nonexistent
export AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL

# Usage.
run "$WA" aws
expect_rc 2 "no arguments"
expect_err "give SERVICE and OPERATION"
run "$WA" aws ec2
expect_rc 2 "no operation"
run "$WA" aws ec2 DescribeVpcs extra
expect_rc 2 "extra argument"
run "$WA" aws ec2 DescribeVpcs --param NoEquals
expect_rc 2 "--param without ="
expect_err "NAME=VALUE"
run "$WA" aws ec2 DescribeVpcs --param 'VpcIds=[oops'
expect_rc 2 "--param bad JSON"
run "$WA" aws ec2 DescribeVpcs --cli-input-json '[1]'
expect_rc 2 "--cli-input-json not an object"
run "$WA" aws ec2 DescribeVpcs --cli-input-json file:///nonexistent/x.json
expect_rc 2 "--cli-input-json missing file"
expect_err "/nonexistent/x.json"
run "$WA" aws ec2 DescribeVpcs --query 'Vpcs[?'
expect_rc 2 "bad --query"
expect_err "--query"
run "$WA" aws nosuchservice ListThings
expect_rc 2 "unknown service"
run "$WA" aws ec2 DescribeNothing
expect_rc 2 "unknown operation"
run "$WA" aws ec2 DescribeVpcs --timeout 0
expect_rc 2 "bad --timeout"
run "$WA" aws --help
expect_rc 0 "help"
expect_out "Describe*, List* and Get*"
run "$WA" whoami extra
expect_rc 2 "whoami extra argument"
# Bad input, whatever step finds it: no credentials, parameters the model refuses.
run env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY "$WA" whoami
expect_rc 2 "whoami without credentials"
expect_err "no AWS credentials"
run env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY "$WA" aws sts GetCallerIdentity
expect_rc 2 "aws without credentials"
run "$WA" aws ec2 DescribeVpcs --param VpcIds=5 --endpoint-url http://127.0.0.1:1
expect_rc 2 "a parameter of the wrong type"
expect_err "parameter VpcIds: expected a list, got a string"
run "$WA" aws rds DescribeDBInstances --param MaxRecords=abc --endpoint-url http://127.0.0.1:1
expect_rc 2 "a parameter that is not an integer"
run "$WA" aws ec2 DescribeVpcs --region 'eu-west-1.evil.example' --max-attempts 1
expect_rc 2 "a Region that is not one"
expect_err "not a Region"
# Paging options as the aws CLI takes them.
run "$WA" aws sts GetCallerIdentity --page-size 5
expect_rc 2 "--page-size on an operation that does not page"
expect_err "takes no --page-size"
run "$WA" aws dynamodb ListTables --page-size 5 --no-paginate
expect_rc 2 "--page-size with --no-paginate"
run "$WA" aws dynamodb ListTables --page-size 5 --param Limit=2
expect_rc 2 "--page-size with the operation's own limit"
expect_err "cannot go with --param Limit"
run "$WA" aws dynamodb ListTables --page-size 0
expect_rc 2 "--page-size 0"
# Settings botocore refuses, refused before any call.
run env AWS_MAX_ATTEMPTS=0 "$WA" aws sts GetCallerIdentity
expect_rc 2 "AWS_MAX_ATTEMPTS=0"
expect_err "AWS_MAX_ATTEMPTS"
run env AWS_RETRY_MODE=fast "$WA" aws sts GetCallerIdentity
expect_rc 2 "an unknown retry mode"
expect_err "legacy, standard, adaptive"

# A fixture-only proxy.
MOTO_PY=$(moto_python) || { fail "no python for the proxy"; finish; exit 1; }
timeout 300 "$MOTO_PY" "$TESTS_CLI/../aws/faultproxy.py" --fixtures "$TESTS_CLI/../aws/fixtures" \
	--port-file "$T_DIR/port" >"$T_DIR/proxy.log" 2>&1 &
PROXY_PID=$!
trap 'kill $PROXY_PID 2>/dev/null; rm -rf "$T_DIR"' EXIT
i=0
while [ ! -s "$T_DIR/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
P="http://127.0.0.1:$(cat "$T_DIR/port")"

# The aws CLI's layout: four-space indent, ISO 8601 timestamps from epoch seconds, pages
# merged (this fixture has two).
run "$WA" aws backup list-backup-jobs --endpoint-url "$P"
expect_rc 0 "ListBackupJobs"
expect_out '    "BackupJobs": [' "indent"
expect_out '"CreationDate": "2024-11-24T07:00:00.123000+00:00",' "fractional timestamp"
expect_out '"CreationDate": "2024-11-25T07:00:00+00:00",' "second page's timestamp"
expect_out '"BackupSizeInBytes": 21474836480,' "a long stays an integer"
expect_out '"IsParent": false,' "booleans"
run "$WA" aws backup ListBackupJobs --endpoint-url "$P" --no-paginate --query 'length(BackupJobs)'
expect_rc 0 "--no-paginate"
expect_out "1" "first page only"
run "$WA" aws backup ListBackupJobs --endpoint-url "$P" --param MaxResults=1 \
	--query 'length(BackupJobs)'
expect_rc 0 "the operation's own MaxResults"
expect_out "1" "first page only, as the aws CLI does with --max-results"
run "$WA" aws backup ListBackupJobs --endpoint-url "$P" --query 'BackupJobs[?State==`FAILED`].ResourceName'
expect_out '"orders"' "--query over all pages"
run "$WA" aws service-quotas ListServiceQuotas --param ServiceCode=ec2 --endpoint-url "$P"
expect_rc 0 "service quotas"
expect_out '"Value": 1152.0,' "a double prints as the CLI prints it"
# … and so does --query, as `aws service-quotas list-service-quotas --query` prints 1152.0.
run "$WA" aws service-quotas ListServiceQuotas --param ServiceCode=ec2 --endpoint-url "$P" \
	--query 'Quotas[0].Value'
expect_rc 0 "--query on a double"
T_CHECKS=$((T_CHECKS + 1))
[ "$T_OUT" = "1152.0" ] || fail "--query on a double: '$T_OUT', the aws CLI prints 1152.0"
run "$WA" aws service-quotas ListServiceQuotas --param ServiceCode=ec2 --endpoint-url "$P" \
	--query 'Quotas[0].{v: Value}'
expect_out '"v": 1152.0' "--query keeps .0 inside a projection"
run "$WA" aws fis ListExperiments --endpoint-url "$P" --query 'experiments[0].tags.Name'
expect_out '"az-outage-game-day"' "rest-json maps"
run "$WA" aws fis ListExperiments --endpoint-url "$P" --query 'experiments[0].nothing'
expect_rc 0 "null result"
expect_out "null" "null printed as the CLI does"
# Not answered from a fixture, and no upstream: the proxy's 502 is a clean error.
run "$WA" aws sts GetCallerIdentity --endpoint-url "$P" --max-attempts 1
expect_rc 1 "no upstream"
expect_err "sts:GetCallerIdentity in us-east-1: "
expect_err_lines 1 "one line"
finish
