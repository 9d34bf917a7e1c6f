#!/bin/sh
# Benchmark: peak memory (maximum resident set size, from GNU time) of a full evidence
# sweep (every probe, one Region) against moto holding 0, 1,000 and 10,000 resources of
# each of two kinds: SNS topics (listed 100 a page, then one ListSubscriptionsByTopic each:
# the subscription probe's fan-out) and CloudWatch alarms (moto answers DescribeAlarms in
# one page). (Not SQS queues: moto's ListQueues stops at 1,000, without a NextToken.) Prints the
# median peak RSS and wall time per size, the RSS per resource between sizes, and whether
# memory is flat or grows with the resources (linear: the snapshot lists every offender,
# and every fan-out item and answer is held until the sweep is judged).
#   WA (the binary) is set by `make bench`. BENCH_MEM_SIZES ("0 1000 10000"),
#   BENCH_MEM_RUNS (3 sweeps per size).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${WA:=$root/build/wa-review}"
SIZES=${BENCH_MEM_SIZES:-0 1000 10000}
RUNS=${BENCH_MEM_RUNS:-3}
MOTO_ENV_SH="$root/tests/aws/moto_env.sh"
. "$MOTO_ENV_SH"
dir=$(mktemp -d)
trap 'moto_down; rm -rf "$dir"' EXIT
unset WA_EVIDENCE_FIXTURES
[ -x /usr/bin/time ] || { echo "bench_evidence_memory: needs GNU time (/usr/bin/time)" >&2; exit 1; }
moto_up "$dir" noseed || exit 1
"$MOTO_PY" "$root/tests/aws/moto_env.py" auth-off "$MOTO_URL"
: >"$dir/results"
have=0
for n in $SIZES; do
	# Grows the account to n of each kind (sizes ascending): topics t-00001…, alarms a-00001…
	"$MOTO_PY" - "$MOTO_URL" "$have" "$n" >>"$dir/seed.log" 2>&1 <<'PY' || { tail -5 "$dir/seed.log"; exit 1; }
import sys
from concurrent.futures import ThreadPoolExecutor
import boto3
from botocore.config import Config
ep, have, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
cfg = Config(max_pool_connections=16, retries={"max_attempts": 5})
sns = boto3.client("sns", endpoint_url=ep, region_name="us-east-1", config=cfg)
cw = boto3.client("cloudwatch", endpoint_url=ep, region_name="us-east-1", config=cfg)
def one(i):
    sns.create_topic(Name=f"t-{i:05d}")
    cw.put_metric_alarm(AlarmName=f"a-{i:05d}", MetricName="Errors", Namespace="App",
                        Statistic="Sum", Period=60, EvaluationPeriods=1, Threshold=1,
                        ComparisonOperator="GreaterThanThreshold",
                        Dimensions=[{"Name": "Topic", "Value": f"t-{i:05d}"}])
with ThreadPoolExecutor(8) as ex:
    list(ex.map(one, range(have, n)))
PY
	have=$n
	for r in $(seq "$RUNS"); do
		/usr/bin/time -f '%M %e' -o "$dir/time" "$WA" evidence --regions us-east-1 \
			--format json --endpoint-url "$MOTO_URL" >"$dir/sweep.json" 2>"$dir/wa.err"
		rc=$?
		[ $rc -le 1 ] || { cat "$dir/wa.err" "$dir/time"; exit 1; }
		echo "$n $(tail -1 "$dir/time")" >>"$dir/results"
	done
	# the sweep saw them all: the subscription probe examined n topics
	"$MOTO_PY" - "$dir/sweep.json" "$n" <<'PY' || exit 1
import json, sys
d, n = json.load(open(sys.argv[1])), int(sys.argv[2])
r = [r for q in d["questions"] for f in q["findings"] if f["probe"] == "sns-topics-subscribed"
     for r in f["results"]][0]
got = r.get("examined", 0) if r["outcome"] != "not_applicable" else 0
assert got == n, f"sns-topics-subscribed examined {got} topics, not {n}: {r['outcome']}, {r.get('text', '')[:200]}"
PY
done
"$MOTO_PY" - "$dir/results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    n, kb, s = line.split()
    rows.setdefault(int(n), []).append((int(kb), float(s)))
sizes = sorted(rows)
med = {n: (statistics.median(k for k, _ in rows[n]), statistics.median(s for _, s in rows[n]))
       for n in sizes}
print("bench_evidence_memory: full sweep, one Region, N SNS topics and N CloudWatch alarms")
for n in sizes:
    print(f"  N = {n:>6}: peak RSS median {med[n][0] / 1024:7.1f} MiB, wall {med[n][1]:6.1f} s "
          f"({len(rows[n])} runs: {', '.join(f'{k / 1024:.1f}' for k, _ in rows[n])} MiB)")
for a, b in zip(sizes, sizes[1:]):
    per = (med[b][0] - med[a][0]) * 1024 / (2 * (b - a))
    print(f"  {a} -> {b}: +{(med[b][0] - med[a][0]) / 1024:.1f} MiB, {per:.0f} bytes per resource")
if len(sizes) >= 3:
    a, b, c = sizes[-3:]
    d1 = (med[b][0] - med[a][0]) / (b - a)
    d2 = (med[c][0] - med[b][0]) / (c - b)
    flat = med[c][0] - med[a][0] < 0.1 * med[a][0]
    print("  memory is " + ("flat" if flat else
          f"linear in the resources ({d1 * 1024 / 2:.0f}, then {d2 * 1024 / 2:.0f} bytes per "
          f"resource)"))
PY
