#!/bin/sh
# Benchmark: a full evidence sweep (every probe, two Regions, fan-outs included) through the
# fault proxy with 50 ms of injected latency on every request, against moto seeded with
# tests/aws/seed_evidence.py; compared in the same run with the aws CLI making the same
# requests one process at a time, as the pillar's assessment scripts do. The CLI's list is
# what the proxy saw during a sweep (service, operation, Region; fan-out calls get the
# seeded bucket names and queue URLs as parameters). Prints medians and the ratio.
#   WA (the binary) is set by `make bench`. BENCH_LATENCY_MS (50), BENCH_RUNS (5 sweeps),
#   BENCH_CLI_RUNS (1 pass of the CLI over the whole list). WA_BASELINE: another wa-review
#   (an earlier build) whose sweeps alternate with WA's, for a before/after in one run.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${WA:=$root/build/wa-review}"
LAT=${BENCH_LATENCY_MS:-50}
RUNS=${BENCH_RUNS:-5}
CLI_RUNS=${BENCH_CLI_RUNS:-1}
MOTO_ENV_SH="$root/tests/aws/moto_env.sh"
. "$MOTO_ENV_SH"
dir=$(mktemp -d)
trap 'moto_down; rm -rf "$dir"' EXIT
unset WA_EVIDENCE_FIXTURES
moto_up "$dir" noseed || exit 1
AWS=$(moto_awscli) || exit 1
"$MOTO_PY" "$root/tests/aws/seed_evidence.py" "$MOTO_URL" >"$dir/seed.log" 2>&1 ||
	{ cat "$dir/seed.log"; exit 1; }
"$MOTO_PY" "$root/tests/aws/moto_env.py" auth-off "$MOTO_URL"
# moto lacks these (HTTP 500, retried with backoff, 5 attempts each): the proxy answers
# AccessDenied, not retried, for wa-review, the baseline and the CLI alike, so the figures
# measure the sweep, not five calls' backoff (about 20 s of the sweep when left in).
DENY='{"service":"appconfig","fault":"denied"},{"service":"fis","fault":"denied"},
{"service":"ssm","operation":"DescribeAutomationExecutions","fault":"denied"},
{"service":"ssm","operation":"DescribeOpsItems","fault":"denied"},
{"service":"service-quotas","operation":"ListServiceQuotaIncreaseRequestsInTemplate","fault":"denied"}'
RULES="[{\"fault\":\"latency\",\"latency_ms\":$LAT},$DENY]"
proxy_rules "$RULES"
REGIONS=us-east-1,eu-west-1

now() { "$MOTO_PY" -c 'import time; print(f"{time.monotonic():.4f}")'; }
: >"$dir/wa.times"
: >"$dir/base.times"
for r in $(seq "$RUNS"); do
	if [ -n "${WA_BASELINE:-}" ]; then
		t0=$(now)
		"$WA_BASELINE" evidence --regions "$REGIONS" --format json --endpoint-url "$PROXY_URL" \
			>/dev/null 2>"$dir/base.err"
		[ $? -le 1 ] || { cat "$dir/base.err"; exit 1; }
		echo "$t0 $(now)" | awk '{ printf "%.4f\n", $2 - $1 }' >>"$dir/base.times"
	fi
	# The proxy's log keeps the last sweep of WA alone: the calls the aws CLI repeats.
	if [ "$r" = "$RUNS" ]; then
		proxy_reset
		proxy_rules "$RULES"
	fi
	t0=$(now)
	"$WA" evidence --regions "$REGIONS" --format json --endpoint-url "$PROXY_URL" \
		>"$dir/sweep.json" 2>"$dir/wa.err"
	rc=$?
	t1=$(now)
	[ $rc -le 1 ] || { cat "$dir/wa.err"; exit 1; }
	echo "$t0 $t1" | awk '{ printf "%.4f\n", $2 - $1 }' >>"$dir/wa.times"
done
# The requests of one sweep, as the proxy logged them (the last run's).
"$MOTO_PY" - "$PROXY_URL" >"$dir/log.json" <<'PY'
import sys, urllib.request
print(urllib.request.urlopen(sys.argv[1] + "/__fault/log", timeout=10).read().decode())
PY

"$MOTO_PY" - "$dir/log.json" "$AWS" "$PROXY_URL" "$RUNS" "$CLI_RUNS" "$dir/wa.times" \
	"$LAT" "$dir/base.times" <<'PY'
import json, re, statistics, subprocess, sys, time
log, aws, url, runs, cli_runs = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], \
    int(sys.argv[4]), int(sys.argv[5])
wa = [float(x) for x in open(sys.argv[6])]
lat = int(sys.argv[7])
base = [float(x) for x in open(sys.argv[8])]
sweep = log  # the last sweep's requests only (the log was reset before it)
per_sweep = len(sweep)
# Fan-out parameters from the seeded account (seed_evidence.py).
params = {
    "GetBucketVersioning": [["--bucket", b] for b in ("wa-ev-versioned", "wa-ev-unversioned")],
    "GetBucketReplication": [["--bucket", b] for b in ("wa-ev-versioned", "wa-ev-unversioned")],
    "GetQueueAttributes": [["--queue-url", f"{url}/123456789012/{q}", "--attribute-names", "All"]
                           for q in ("orders-dlq", "orders", "emails")],
}
used = {}
calls = []
seen = set()
for e in sweep:
    op = e["operation"]
    # wa-review's retries of a failing call show as more requests: the CLI retries too.
    key = (e["service"], op, e["region"])
    if op not in params and key in seen:
        continue
    seen.add(key)
    argv = [aws, "--endpoint-url", url, "--region", e["region"] or "us-east-1", e["service"],
            re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", op).lower()]
    if op in params:
        k = used.get(op, 0)
        used[op] = k + 1
        argv += params[op][k % len(params[op])]
    calls.append(argv)
import os
env = dict(os.environ)  # both at their default retries: legacy, 5 attempts (wa-review follows the CLI v1)
cli = []
failed = 0
for _ in range(cli_runs):
    t0 = time.monotonic()
    for argv in calls:
        p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=120, env=env)
        failed += p.returncode != 0
    cli.append(time.monotonic() - t0)
wa_med, cli_med = statistics.median(wa), statistics.median(cli)
print(f"bench_evidence: full sweep, 2 Regions, {len(calls)} calls ({per_sweep} requests with "
      f"retries), {lat} ms injected latency each")
print(f"  wa-review evidence:        median {wa_med:.3f} s of {runs} runs "
      f"({', '.join(f'{x:.3f}' for x in wa)})")
print(f"  aws CLI, one per call:     median {cli_med:.1f} s of {cli_runs} run(s) "
      f"({cli_med / len(calls) * 1000:.0f} ms a call; {failed // cli_runs} calls answered with "
      f"an error, as in the sweep)")
print(f"  ratio: the aws CLI takes {cli_med / wa_med:.0f}x as long")
if base:
    b_med = statistics.median(base)
    print(f"  baseline (WA_BASELINE):    median {b_med:.3f} s of {runs} runs "
          f"({', '.join(f'{x:.3f}' for x in base)}), alternating with wa-review's: "
          f"now/baseline = {wa_med / b_med:.2f}")
PY
