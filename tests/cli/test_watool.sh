#!/bin/sh
# The local Well-Architected Tool (tests/aws/watool.py): boto3 drives it through workloads,
# answers, milestones, custom lenses (our exported set among them) and faults; then
# wa-review's own client reads what boto3 wrote, and its read-only guard refuses a write.
. "$TESTS_CLI/lib.sh"
MOTO_ENV_SH="$TESTS_CLI/../aws/moto_env.sh"
. "$MOTO_ENV_SH"
AWS_DIR="$TESTS_CLI/../aws"

PY=$(moto_python) || { fail "no python3 with boto3 (see above)"; finish; exit 1; }
# Bounded: the emulator cannot outlive a forgotten test by more than 10 minutes.
timeout 600 "$PY" "$AWS_DIR/watool.py" --check --port-file "$T_DIR/watool.port" \
	2>"$T_DIR/watool.log" &
EMU_PID=$!
trap 'kill $EMU_PID 2>/dev/null; rm -rf "$T_DIR"' EXIT
i=0
while [ ! -s "$T_DIR/watool.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s "$T_DIR/watool.port" ]; then
	fail "the emulator did not start: $(cat "$T_DIR/watool.log")"
	finish
	exit 1
fi
URL="http://127.0.0.1:$(cat "$T_DIR/watool.port")"

# boto3 against the emulator: every operation push and pull will use.
run env WATOOL_URL="$URL" WA="$WA" "$PY" "$AWS_DIR/watool_test.py"
expect_rc 0 "watool_test.py"
printf '%s\n' "$T_ERR" | grep -q '^OK$' || fail "watool_test.py: $T_ERR"
T_CHECKS=$((T_CHECKS + 1))
printf '%s\n' "$T_OUT" | grep -qE '^watool: [0-9]+ passed, 0 failed$' ||
	fail "watool_test.py did not report its tests: $T_OUT"

# wa-review's client reads what boto3 wrote, through the wellarchitected model.
export AWS_ACCESS_KEY_ID=AKIDWATOOLTEST AWS_SECRET_ACCESS_KEY=secret AWS_REGION=us-east-1
export AWS_CONFIG_FILE="$T_DIR/none" AWS_SHARED_CREDENTIALS_FILE="$T_DIR/none"
unset AWS_PROFILE AWS_SESSION_TOKEN
WID=$("$PY" - "$URL" <<'PY'
import sys, json, urllib.request, boto3
url = sys.argv[1]
urllib.request.urlopen(urllib.request.Request(url + "/__state/reset", data=b"{}"), timeout=10)
wa = boto3.client("wellarchitected", endpoint_url=url, region_name="us-east-1",
                  aws_access_key_id="AKIDWATOOLTEST", aws_secret_access_key="secret")
wid = wa.create_workload(WorkloadName="checkout", Description="The checkout service",
                         Environment="PRODUCTION", Lenses=["wellarchitected"])["WorkloadId"]
wa.update_answer(WorkloadId=wid, LensAlias="wellarchitected", QuestionId="manage-service-limits",
                 SelectedChoices=["rel_manage_service_limits_aware_quotas_and_constraints"])
print(wid)
PY
)
run "$WA" aws wellarchitected GetAnswer --endpoint-url "$URL" --param "WorkloadId=$WID" \
	--param LensAlias=wellarchitected --param QuestionId=manage-service-limits \
	--query 'Answer.[Risk, SelectedChoices[0]]'
expect_rc 0 "wa-review aws GetAnswer"
expect_out '"HIGH"' "the risk boto3's answer gave"
expect_out '"rel_manage_service_limits_aware_quotas_and_constraints"' "the choice boto3 selected"
run "$WA" aws wellarchitected ListWorkloads --endpoint-url "$URL" \
	--query 'WorkloadSummaries[].WorkloadName'
expect_out '"checkout"' "wa-review aws ListWorkloads"

# Writes are modelled now (push will use them), yet the read-only guard refuses every one,
# before anything is sent.
"$PY" - "$URL" <<'PY'
import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/__fault/reset", data=b"{}"), timeout=10)
PY
for op in CreateWorkload UpdateAnswer CreateMilestone ImportLens; do
	run "$WA" aws wellarchitected "$op" --endpoint-url "$URL" \
		--cli-input-json '{"WorkloadName":"x1x","ClientRequestToken":"t"}'
	expect_rc 2 "$op through wa-review aws"
	expect_err "wellarchitected:$op is not read-only" "$op refused"
done
SEEN=$("$PY" - "$URL" <<'PY'
import sys, json, urllib.request
print(len(json.load(urllib.request.urlopen(sys.argv[1] + "/__fault/log", timeout=10))))
PY
)
T_CHECKS=$((T_CHECKS + 1))
[ "$SEEN" = 0 ] || fail "a refused write reached the service ($SEEN requests)"

grep -q "response breaks the model" "$T_DIR/watool.log" &&
	fail "the emulator answered outside the model: $(grep 'breaks' "$T_DIR/watool.log")"
finish
