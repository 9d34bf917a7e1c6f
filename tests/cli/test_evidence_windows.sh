#!/bin/sh
# Probes whose request asks for a time window, end to end through the AWS client against
# moto behind the fault proxy (which answers CodeDeploy's failed deployments and CloudTrail's
# event history from tests/aws/fixtures, since moto keeps neither): the failed deployment
# that was not rolled back is cited and the one rolled back is not; the change made from the
# console is cited and the pipeline's is not. The window goes out as botocore sends the same
# parameters (epoch seconds, 30 and 7 days before the sweep's time), and a history longer
# than the probe's page bound is read only that far and then said not checked, never passed.
# Fails, never skips, when moto is missing.
. "$TESTS_CLI/lib.sh"
# A fixed sweep time, so the window's bounds are known to the second.
SOURCE_DATE_EPOCH=1796202600
export SOURCE_DATE_EPOCH
MOTO_ENV_SH="$TESTS_CLI/../aws/moto_env.sh"
. "$MOTO_ENV_SH"
moto_started "$T_DIR"
trap 'moto_down; [ -n "${PROXY2:-}" ] && kill "$PROXY2" 2>/dev/null; rm -rf "$T_DIR"' EXIT
cd "$T_DIR" || exit 1

# result FILE PROBE PYTHON-CONDITION: the probe's us-east-1 result r satisfies it.
result() {
	T_CHECKS=$((T_CHECKS + 1))
	"$MOTO_PY" - "$1" "$2" "$3" <<'PY' || fail "$2: $3"
import json, sys
doc = json.load(open(sys.argv[1]))
f = [f for q in doc["questions"] for f in q["findings"] if f["probe"] == sys.argv[2]][0]
r = [r for r in f["results"] if r["region"] == "us-east-1"][0]
cited = r.get("cited", [])
if not eval(sys.argv[3]):
    sys.exit(f"{sys.argv[2]}: {r['outcome']} cited {cited}: {r['text']}")
PY
}

# requests URL OPERATION: the bodies of the calls the proxy saw for OPERATION, one a line.
requests() {
	"$MOTO_PY" - "$1" "$2" <<'PY'
import json, sys, urllib.request
for e in json.load(urllib.request.urlopen(sys.argv[1] + "/__fault/log", timeout=10)):
    if e["operation"] == sys.argv[2]:
        print(e["body"])
PY
}

run "$WA" evidence --question REL08 --regions us-east-1 --format json --endpoint-url "$PROXY_URL"
expect_rc 1 "sweep"
printf '%s\n' "$T_OUT" >rel08.json
result rel08.json codedeploy-failures-rolled-back \
	"r['outcome'] == 'fail' and cited == ['shop/bad-group/d-BADROLL01'] and r['examined'] == 2"
result rel08.json cloudtrail-console-changes \
	"r['outcome'] == 'fail' and cited == ['UpdateService (ecs.amazonaws.com) by bad-user'] and r['examined'] == 2"

# The windows as sent, against botocore's serializer given the same parameters and times.
requests "$PROXY_URL" ListDeployments >list.txt
requests "$PROXY_URL" LookupEvents >lookup.txt
T_CHECKS=$((T_CHECKS + 1))
"$MOTO_PY" - list.txt lookup.txt <<'PY' || fail "the time windows are not sent as botocore sends them"
import datetime, json, sys
import botocore.session
from botocore.serialize import create_serializer

now = datetime.datetime.fromtimestamp(1796202600, datetime.timezone.utc)
ago = lambda d: now - datetime.timedelta(days=d)
session = botocore.session.get_session()

def botocore_body(service, op, params):
    model = session.get_service_model(service).operation_model(op)
    req = create_serializer(model.metadata["protocol"]).serialize_to_request(params, model)
    return json.loads(req["body"])

ours = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert len(ours) == 1, ours
want = botocore_body("codedeploy", "ListDeployments", {
    "includeOnlyStatuses": ["Failed"], "createTimeRange": {"start": ago(30), "end": now}})
assert ours[0] == want, (ours[0], want)
assert want["createTimeRange"]["end"] == 1796202600, want

ours = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
assert len(ours) == 1, ours
want = botocore_body("cloudtrail", "LookupEvents", {
    "LookupAttributes": [{"AttributeKey": "ReadOnly", "AttributeValue": "false"}],
    "StartTime": ago(7), "EndTime": now, "MaxResults": 50})
assert ours[0] == want, (ours[0], want)
PY

# A history longer than the bound: 7 pages of 50 pipeline changes, no console change. A
# second proxy over the same moto answers from a copy of the fixtures that pages so.
cp -R "$TESTS_CLI/../aws/fixtures" fx
"$MOTO_PY" - fx/cloudtrail/LookupEvents.json <<'PY'
import json, sys
event = lambda p, i: {"EventId": f"p{p}-{i}", "EventName": "UpdateStack", "ReadOnly": "false",
                      "EventTime": 1796000000, "EventSource": "cloudformation.amazonaws.com",
                      "Username": "ok-pipeline", "CloudTrailEvent": "{}"}
pages = []
for p in range(7):
    body = {"Events": [event(p, i) for i in range(50)]}
    if p < 6:
        body["NextToken"] = f"page{p + 1}"
    pages.append({"token": None if p == 0 else f"page{p}", "body": body})
json.dump({"source": "paged for the bound", "pages": pages}, open(sys.argv[1], "w"))
PY
timeout 600 "$MOTO_PY" "$TESTS_CLI/../aws/faultproxy.py" --upstream "$MOTO_URL" --fixtures fx \
	--port-file proxy2.port >proxy2.log 2>&1 &
PROXY2=$!
i=0
while [ ! -s proxy2.port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
P2="http://127.0.0.1:$(cat proxy2.port)"
run "$WA" evidence --question REL08 --regions us-east-1 --format json --endpoint-url "$P2"
expect_rc 1 "bounded sweep"
printf '%s\n' "$T_OUT" >bounded.json
result bounded.json cloudtrail-console-changes \
	"r['outcome'] == 'error' and r['text'].startswith('could not check: only the first 5 pages of cloudtrail:LookupEvents in us-east-1 were read, more were left; in what was read: None of the 250 write calls') and r['error']['call'] == 'cloudtrail:LookupEvents in us-east-1'"
T_CHECKS=$((T_CHECKS + 1))
n=$(requests "$P2" LookupEvents | grep -c .)
[ "$n" = 5 ] || fail "the bound of 5 pages sent $n LookupEvents calls"
# The verdict: a bound reached is not a pass, so the practice stays unverified.
T_CHECKS=$((T_CHECKS + 1))
"$MOTO_PY" - bounded.json <<'PY' || fail "REL08-BP05 is not left unverified by the bound"
import json, sys
d = json.load(open(sys.argv[1]))
v = {x["best_practice"]: x for q in d["questions"] for x in q["verdicts"]}["REL08-BP05"]
assert v["verdict"] != "implemented" and v["verdict"] != "partly_shown", v
assert any("cloudtrail-console-changes" in r for r in v["reasons"]), v
PY
finish
