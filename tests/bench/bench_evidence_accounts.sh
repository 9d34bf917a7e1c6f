#!/bin/sh
# Benchmark: evidence --role over 10 accounts x 3 Regions through the fault proxy with 50 ms
# of injected latency on every request, against moto (AssumeRole into each account, then
# one question's probes in every account and Region, fan-outs included); compared in the
# same run with the aws CLI making the same calls one process at a time (one
# `aws sts assume-role` per account, then every call of that account with its
# credentials). Each account holds, in each Region, SQS queue orders (with dead-letter
# queue orders-dlq), so the dead-letter probe fans out. Prints medians, the ratio, and
# wa-review's wall time against the critical-path bound: the longest chain of dependent
# calls (AssumeRole, then a probe's first call, then its fan-out call) times the latency.
#   WA (the binary) is set by `make bench`. BENCH_LATENCY_MS (50), BENCH_RUNS (5 sweeps),
#   BENCH_CLI_RUNS (1 pass of the CLI), BENCH_ACCOUNTS (10), BENCH_QUESTION (REL05: the
#   CLI makes ~400 calls; the full set would take it over an hour). WA_BASELINE: another
#   wa-review whose sweeps alternate with WA's.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${WA:=$root/build/wa-review}"
LAT=${BENCH_LATENCY_MS:-50}
RUNS=${BENCH_RUNS:-5}
CLI_RUNS=${BENCH_CLI_RUNS:-1}
N_ACCOUNTS=${BENCH_ACCOUNTS:-10}
Q=${BENCH_QUESTION:-REL05}
REGIONS=us-east-1,eu-west-1,ap-southeast-2
# moto lacks AppConfig (HTTP 500, retried with backoff): the proxy answers AccessDenied, not
# retried, for wa-review and the CLI alike, so the figures measure the sweep, not backoff.
DENY='{"service":"appconfig","fault":"denied"}'
MOTO_ENV_SH="$root/tests/aws/moto_env.sh"
. "$MOTO_ENV_SH"
dir=$(mktemp -d)
trap 'moto_down; rm -rf "$dir"' EXIT
unset WA_EVIDENCE_FIXTURES
moto_up "$dir" noseed || exit 1
AWS=$(moto_awscli) || exit 1
"$MOTO_PY" "$root/tests/aws/moto_env.py" auth-off "$MOTO_URL"
ACCOUNTS=$(seq -f '1000000000%02g' 1 "$N_ACCOUNTS" | paste -sd, -)
# Seed each account through its own assumed role, so the queues land in it.
"$MOTO_PY" - "$MOTO_URL" "$ACCOUNTS" "$REGIONS" >"$dir/seed.log" 2>&1 <<'PY' || { cat "$dir/seed.log"; exit 1; }
import json, os, sys
import boto3
ep, accounts, regions = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(",")
sts = boto3.client("sts", endpoint_url=ep, region_name="us-east-1")
for a in accounts:
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{a}:role/WaReview", RoleSessionName="seed")["Credentials"]
    for r in regions:
        q = boto3.client("sqs", endpoint_url=ep, region_name=r, aws_access_key_id=c["AccessKeyId"],
                         aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
        d = q.create_queue(QueueName="orders-dlq")["QueueUrl"]
        arn = q.get_queue_attributes(QueueUrl=d, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        q.create_queue(QueueName="orders", Attributes={"RedrivePolicy": json.dumps(
            {"deadLetterTargetArn": arn, "maxReceiveCount": 5})})
PY
proxy_rules "[{\"fault\":\"latency\",\"latency_ms\":$LAT},$DENY]"

now() { "$MOTO_PY" -c 'import time; print(f"{time.monotonic():.4f}")'; }
sweep() {
	"$1" evidence --role WaReview --accounts "$ACCOUNTS" --question "$Q" --regions "$REGIONS" \
		--format json --endpoint-url "$PROXY_URL"
}
: >"$dir/wa.times"
: >"$dir/base.times"
: >"$dir/floor.times"
# moto makes each account's and Region's backends on first use: one sweep, untimed, first.
sweep "$WA" >/dev/null 2>&1
for r in $(seq "$RUNS"); do
	# The emulator's own time: the same sweep with no latency injected.
	proxy_rules "[$DENY]"
	t0=$(now)
	sweep "$WA" >/dev/null 2>&1
	echo "$t0 $(now)" | awk '{ printf "%.4f\n", $2 - $1 }' >>"$dir/floor.times"
	proxy_rules "[{\"fault\":\"latency\",\"latency_ms\":$LAT},$DENY]"
	if [ -n "${WA_BASELINE:-}" ]; then
		t0=$(now)
		sweep "$WA_BASELINE" >/dev/null 2>"$dir/base.err"
		[ $? -le 1 ] || { cat "$dir/base.err"; exit 1; }
		echo "$t0 $(now)" | awk '{ printf "%.4f\n", $2 - $1 }' >>"$dir/base.times"
	fi
	if [ "$r" = "$RUNS" ]; then
		proxy_reset
		proxy_rules "[{\"fault\":\"latency\",\"latency_ms\":$LAT},$DENY]"
	fi
	t0=$(now)
	sweep "$WA" >"$dir/sweep.json" 2>"$dir/wa.err"
	rc=$?
	t1=$(now)
	[ $rc -le 1 ] || { cat "$dir/wa.err"; exit 1; }
	echo "$t0 $t1" | awk '{ printf "%.4f\n", $2 - $1 }' >>"$dir/wa.times"
done
"$MOTO_PY" - "$PROXY_URL" >"$dir/log.json" <<'PY'
import sys, urllib.request
print(urllib.request.urlopen(sys.argv[1] + "/__fault/log", timeout=10).read().decode())
PY

"$MOTO_PY" - "$dir/log.json" "$AWS" "$PROXY_URL" "$RUNS" "$CLI_RUNS" "$dir/wa.times" \
	"$LAT" "$dir/base.times" "$ACCOUNTS" "$dir/sweep.json" "$Q" "$dir/floor.times" <<'PY'
import json, os, re, statistics, subprocess, sys, time
log, aws, url = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
runs, cli_runs = int(sys.argv[4]), int(sys.argv[5])
wa = [float(x) for x in open(sys.argv[6])]
lat = int(sys.argv[7])
base = [float(x) for x in open(sys.argv[8])]
floor = [float(x) for x in open(sys.argv[12])]
accounts = sys.argv[9].split(",")
sweep = json.load(open(sys.argv[10]))
errors = sum(r["outcome"] == "error" and "assume role" in r.get("text", "")
             for q in sweep["questions"] for f in q["findings"] for r in f["results"])
assert errors == 0, f"{errors} results could not assume their role"
n_acc = len(accounts)
# The calls of one account: the proxy saw each (service, operation, Region) once per account
# (more with retries, which the CLI makes too); fan-outs get the account's queue URLs.
# The proxy names REST calls it has no route for "": this question's are these.
unnamed = {"apigateway": "GetRestApis", "lambda": "ListEventSourceMappings",
           "cloudfront": "ListDistributions", "appconfig": "ListApplications"}
# What the CLI needs beyond the call's name: its own service name, required parameters
# (as wa-review's probes send them; the Config rule is the proxy fixtures' one).
cli_service = {"config": "configservice"}
extra = {"ListWebACLs": ["--scope", "REGIONAL"],
         "DescribeComplianceByConfigRule": ["--config-rule-names", "lambda-dlq-check"],
         "GetComplianceDetailsByConfigRule": ["--config-rule-name", "lambda-dlq-check"]}
per_key = {}
for e in log:
    if e["operation"] == "AssumeRole":
        continue
    k = (e["service"], e["operation"] or unnamed[e["service"]], e["region"])
    per_key[k] = per_key.get(k, 0) + 1
    # a call answered with an error was retried: the CLI retries the same way itself
fan = {"GetQueueAttributes": lambda a: [["--queue-url", f"{url}/{a}/{q}", "--attribute-names", "All"]
                                        for q in ("orders-dlq", "orders")]}
def cli_name(op):
    return re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", op).lower()
env0 = dict(os.environ)  # both at their default retries: legacy, 5 attempts (wa-review follows the CLI v1)
cli, failed, n_calls, bad = [], 0, 0, set()
for _ in range(cli_runs):
    t0 = time.monotonic()
    for a in accounts:
        p = subprocess.run([aws, "--endpoint-url", url, "--region", "us-east-1", "sts",
                            "assume-role", "--role-arn", f"arn:aws:iam::{a}:role/WaReview",
                            "--role-session-name", "wa-review"], capture_output=True, env=env0,
                           timeout=120)
        c = json.loads(p.stdout)["Credentials"]
        env = dict(env0, AWS_ACCESS_KEY_ID=c["AccessKeyId"], AWS_SECRET_ACCESS_KEY=c["SecretAccessKey"],
                   AWS_SESSION_TOKEN=c["SessionToken"])
        n_calls += 1
        for (svc, op, region) in per_key:
            argvs = fan[op](a) if op in fan else [[]]
            for more in argvs:
                argv = [aws, "--endpoint-url", url, "--region", region or "us-east-1",
                        cli_service.get(svc, svc), cli_name(op)] + more + extra.get(op, [])
                p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   timeout=120, env=env)
                failed += p.returncode != 0
                if p.returncode and op != "ListApplications":
                    bad.add(" ".join(argv[5:]))
                n_calls += 1
    cli.append(time.monotonic() - t0)
n_calls //= max(cli_runs, 1)
assert not bad, f"aws CLI calls that failed, other than AppConfig's: {sorted(bad)[:5]}"
wa_med = statistics.median(wa)
cli_med = statistics.median(cli) if cli else float("nan")
# Longest chain of dependent requests: AssumeRole, a probe's first call, its fan-out call
# (no call here has a second page: ListQueues answers in one).
depth = 3
bound = depth * lat / 1000
print(f"bench_evidence_accounts: {n_acc} accounts x 3 Regions, question {sys.argv[11]}, "
      f"{len(log)} requests in wa-review's sweep (AssumeRole included), "
      f"{n_calls} aws CLI calls, {lat} ms injected latency each")
print(f"  wa-review evidence --role:  median {wa_med:.3f} s of {runs} runs "
      f"({', '.join(f'{x:.3f}' for x in wa)})")
print(f"  aws CLI, one per call:      median {cli_med:.1f} s of {cli_runs} run(s) "
      f"({cli_med / max(n_calls, 1) * 1000:.0f} ms a call; {failed // max(cli_runs, 1)} calls answered with an error: AppConfig's AccessDenied)")
print(f"  ratio: the aws CLI takes {cli_med / wa_med:.0f}x as long")
f_med = statistics.median(floor)
print(f"  the same sweep, 0 ms:       median {f_med:.3f} s of {runs} runs (moto's and the "
      f"proxy's own time)")
print(f"  critical path: {depth} dependent requests x {lat} ms = {bound:.3f} s; wa-review "
      f"takes {wa_med / bound:.1f}x that; the latency's share (50 ms run - 0 ms run) is "
      f"{wa_med - f_med:.3f} s ({len(log)} requests through one proxy host; the injected "
      f"waits overlap moto's work, so the share is approximate)")
if base:
    b_med = statistics.median(base)
    print(f"  baseline (WA_BASELINE):     median {b_med:.3f} s of {runs} runs, "
          f"now/baseline = {wa_med / b_med:.2f}")
PY
