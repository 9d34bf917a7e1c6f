#!/bin/sh
# Benchmark: 200 AWS calls through the fault proxy with 50 ms of injected latency each.
# wa-review's batch (the way evidence probes fan out) against the ideal at its
# concurrency, ceil(200 / C) x 50 ms, and the aws CLI making the same calls one process
# per call, as scripts do, timed in the same run. Prints medians and ratios.
#   WA (the binary) is set by `make bench`; WA_TOOLS defaults to build/tests/tools.
#   BENCH_CALLS (200), BENCH_LATENCY_MS (50), BENCH_CONCURRENCY (20), BENCH_RUNS (5, of
#   wa-review), BENCH_CLI_CALLS (200: fewer for a quicker run; the CLI total is scaled).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${WA:=$root/build/wa-review}"
: "${WA_TOOLS:=$(dirname "$WA")/tests/tools}"
CALLS=${BENCH_CALLS:-200}
LAT=${BENCH_LATENCY_MS:-50}
CONC=${BENCH_CONCURRENCY:-20}
RUNS=${BENCH_RUNS:-5}
CLI_CALLS=${BENCH_CLI_CALLS:-$CALLS}
MOTO_ENV_SH="$root/tests/aws/moto_env.sh"
. "$MOTO_ENV_SH"
dir=$(mktemp -d)
trap 'moto_down; rm -rf "$dir"' EXIT
[ -x "$WA_TOOLS/aws_batch" ] || { echo "bench_aws: build first ($WA_TOOLS/aws_batch)"; exit 1; }
moto_up "$dir" noseed || exit 1
AWS=$(moto_awscli) || exit 1
proxy_rules "[{\"fault\":\"latency\",\"latency_ms\":$LAT}]"

# The calls: a mix over the protocols (json 1.0 and 1.1, rest-json), each answered by the
# proxy from its fixtures after the injected latency, so the time measured is the client's
# and the latency's, not moto's. (Through moto, its single Python process adds its own
# few ms a call, serialized: the parity test covers moto.)
"$MOTO_PY" - "$CALLS" >"$dir/spec.json" <<'PY'
import json, sys
n = int(sys.argv[1])
ops = [("backup", "ListRestoreJobs", None), ("service-quotas", "ListServiceQuotas",
        {"ServiceCode": "ec2", "NextToken": "q-2"}), ("fis", "ListExperiments", None),
       ("ssm", "DescribeInstanceInformation", None), ("dynamodb", "ListGlobalTables", None),
       ("wellarchitected", "ListWorkloads", None)]
calls = []
for i in range(n):
    svc, op, params = ops[i % len(ops)]
    c = {"service": svc, "operation": op, "region": ["us-east-1", "eu-west-1"][i // len(ops) % 2]}
    if params:
        c["params"] = params
    calls.append(c)
json.dump(calls, sys.stdout)
PY


: >"$dir/wa.times"
for r in $(seq "$RUNS"); do
	"$WA_TOOLS/aws_batch" --quiet --concurrency "$CONC" --endpoint-url "$PROXY_URL" \
		"$dir/spec.json" 2>"$dir/wa.err" || { cat "$dir/wa.err"; exit 1; }
	sed -E 's/.* seconds ([0-9.]+).*/\1/' "$dir/wa.err" >>"$dir/wa.times"
done

# The aws CLI, one process per call, sequentially, as a script would: timed per call.
"$MOTO_PY" - "$dir/spec.json" "$CLI_CALLS" "$AWS" "$PROXY_URL" >"$dir/cli.times" <<'PY' || exit 1
import json, re, subprocess, sys, time
calls = json.load(open(sys.argv[1]))[: int(sys.argv[2])]
aws, url = sys.argv[3], sys.argv[4]
for c in calls:
    op = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", c["operation"]).lower()
    argv = [aws, "--endpoint-url", url, "--region", c["region"], c["service"], op]
    if c.get("params"):
        argv += ["--cli-input-json", json.dumps(c["params"])]
    t0 = time.monotonic()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
    if p.returncode != 0:
        sys.exit(f"bench_aws: the aws CLI failed: {p.stderr.decode()[:300]}")
    print(f"{time.monotonic() - t0:.4f}")
PY

"$MOTO_PY" - "$CALLS" "$LAT" "$CONC" "$dir/wa.times" "$dir/cli.times" "$RUNS" <<'PY'
import math, statistics, sys
calls, lat, conc = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
wa = [float(x) for x in open(sys.argv[4])]
cli = [float(x) for x in open(sys.argv[5])]
runs = int(sys.argv[6])
ideal = math.ceil(calls / conc) * lat / 1000.0
wa_med = statistics.median(wa)
cli_total = sum(cli) * calls / len(cli)
print(f"bench_aws: {calls} calls, {lat} ms injected latency each, concurrency {conc}")
print(f"  wa-review, one batch:   median {wa_med:.3f} s of {runs} runs ({', '.join(f'{x:.3f}' for x in wa)}); "
      f"ideal {ideal:.3f} s; {wa_med / ideal:.2f}x ideal (target <= 1.25x)")
scaled = "" if len(cli) == calls else f", {len(cli)} calls measured and scaled to {calls}"
print(f"  aws CLI, one per call:  {cli_total:.1f} s (median {statistics.median(cli):.3f} s a call{scaled}); "
      f"{cli_total / wa_med:.0f}x wa-review")
if wa_med / ideal > 1.25:
    print("  NOTE: above the 1.25x target on this run")
PY
