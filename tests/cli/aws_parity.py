#!/usr/bin/env python3
"""Parity with the aws CLI: runs the same calls through `aws` and `wa-review aws` against the
same moto server (through tests/aws/faultproxy.py, which answers moto's gaps from fixtures)
and requires the same JSON: same members, same values, same types (a boolean is not a
number, 1 is not 1.0, a timestamp string is the same string).

  aws_parity.py --wa BIN --aws AWS --endpoint URL --seed seed.json [--jobs N] [--only SVC]

Run by tests/cli/test_aws_parity.sh with the environment of tests/aws/moto_env.sh.
Ends with "parity: N passed, N failed"."""
import argparse
import concurrent.futures
import json
import re
import subprocess
import sys


def kebab(op):
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", op)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1-\2", s)
    return s.lower()


def cases(seed):
    use1, euw1 = seed["us-east-1"], seed["eu-west-1"]
    C = []

    def add(svc, op, params=None, region="us-east-1", page=None, query=None, note="",
            args=None, wa_service=None):
        C.append({"service": svc, "operation": op, "params": params or {}, "region": region,
                  "page": page, "query": query, "note": note, "args": args or {},
                  "wa_service": wa_service or svc})
    # query protocol
    add("sts", "GetCallerIdentity")
    add("rds", "DescribeDBInstances")
    add("rds", "DescribeDBInstances", region="eu-west-1")
    add("rds", "DescribeDBClusters")
    add("autoscaling", "DescribeAutoScalingGroups")
    add("autoscaling", "DescribePolicies")
    add("elbv2", "DescribeTargetGroups")
    add("elbv2", "DescribeTargetHealth", {"TargetGroupArn": use1["target_group"]})
    add("elbv2", "DescribeLoadBalancers", region="eu-west-1")
    add("cloudwatch", "DescribeAlarms")
    add("cloudformation", "ListStacks")
    add("iam", "GetAccountSummary")
    # ec2 protocol
    add("ec2", "DescribeVpcs")
    add("ec2", "DescribeVpcs", {"VpcIds": [euw1["vpc"]]}, region="eu-west-1")
    add("ec2", "DescribeSubnets", {"Filters": [{"Name": "vpc-id", "Values": [use1["vpc"]]}]})
    add("ec2", "DescribeInstances")
    add("ec2", "DescribeNatGateways")
    add("ec2", "DescribeRouteTables", {"RouteTableIds": [use1["route_table"]]})
    add("ec2", "DescribeSnapshots", {"OwnerIds": ["self"]})
    add("ec2", "DescribeSnapshots", {"OwnerIds": ["self"]},
        query="Snapshots[?StartTime>=`2020-01-01`].[SnapshotId,StartTime]",
        note="timestamps compare as ISO strings")
    add("ec2", "DescribeRegions")
    add("ec2", "DescribeAvailabilityZones", region="eu-west-1")
    add("ec2", "DescribeSubnets", page=5, note="paginated five subnets a page")
    # json protocol (1.0 and 1.1)
    add("logs", "DescribeLogGroups")
    add("logs", "DescribeLogGroups", page=1, note="paginated one group a page")
    add("logs", "DescribeLogGroups", args={"limit": "1"}, note="its own limit: one page")
    add("dynamodb", "ListTables")
    add("dynamodb", "ListTables", page=1, note="paginated one table a page")
    add("dynamodb", "ListTables", args={"Limit": "1"}, note="its own Limit: one page")
    add("dynamodb", "ListTables", args={"ExclusiveStartTableName": "orders"},
        note="its own start token: one page from there")
    add("dynamodb", "ListTables", {"Limit": 1}, note="Limit in --cli-input-json still pages")
    add("dynamodb", "DescribeContinuousBackups", {"TableName": "orders"})
    add("dynamodb", "ListGlobalTables", note="fixture")
    add("sqs", "ListQueues")
    add("sqs", "GetQueueAttributes", {"QueueUrl": use1["queue"], "AttributeNames": ["All"]})
    add("service-quotas", "ListServiceQuotas", {"ServiceCode": "ec2"}, note="fixture, 2 pages")
    add("ssm", "DescribeInstanceInformation", note="fixture")
    # rest-json
    add("backup", "ListBackupPlans")
    add("backup", "ListBackupVaults")
    add("backup", "ListBackupJobs", note="fixture, 2 pages")
    add("backup", "ListRestoreJobs", note="fixture")
    add("lambda", "ListFunctions")
    add("fis", "ListExperiments", note="fixture")
    add("synthetics", "DescribeCanaries")
    add("wellarchitected", "ListWorkloads", note="fixture")
    # rest-xml
    add("s3", "ListBuckets")
    add("s3", "ListBuckets", wa_service="s3api", note="the CLI's name keeps Owner and Prefix")
    add("s3", "GetBucketVersioning", {"Bucket": "wa-logs-primary"})
    add("s3", "GetBucketVersioning", {"Bucket": "wa-scratch"}, note="never versioned: {}")
    add("s3", "GetBucketReplication", {"Bucket": "wa-logs-primary"})
    add("route53", "ListHealthChecks")
    add("route53", "ListHealthChecks", page=1, note="paginated, IsTruncated")
    add("route53", "ListHostedZones")
    return C


def run(argv, timeout=90):
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return -1, "", f"timed out after {timeout} s"


def aws_cli(args, c):
    argv = [args.aws, "--endpoint-url", args.endpoint, "--region", c["region"],
            "s3api" if c["service"] == "s3" else c["service"], kebab(c["operation"])]
    if c["params"]:
        argv += ["--cli-input-json", json.dumps(c["params"])]
    for name, value in c["args"].items():
        argv += ["--" + kebab(name), value]
    if c["page"]:
        argv += ["--page-size", str(c["page"])]
    if c["query"]:
        argv += ["--query", c["query"]]
    return run(argv)


def wa(args, c):
    argv = [args.wa, "aws", c["wa_service"], c["operation"], "--endpoint-url", args.endpoint,
            "--region", c["region"]]
    if c["params"]:
        argv += ["--cli-input-json", json.dumps(c["params"])]
    for name, value in c["args"].items():
        argv += ["--param", f"{name}={value}"]
    if c["page"]:
        argv += ["--page-size", str(c["page"])]
    if c["query"]:
        argv += ["--query", c["query"]]
    return run(argv)


def diff(a, b, path="$"):
    """The first difference between two parsed JSON values, or None."""
    if type(a) is not type(b):
        return f"{path}: aws CLI has {type(a).__name__} {json.dumps(a)[:80]}, wa-review " \
               f"{type(b).__name__} {json.dumps(b)[:80]}"
    if isinstance(a, dict):
        if a.keys() != b.keys():
            return f"{path}: members only in aws CLI {sorted(a.keys() - b.keys())}, " \
                   f"only in wa-review {sorted(b.keys() - a.keys())}"
        for k in a:
            d = diff(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: aws CLI has {len(a)} items, wa-review {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: aws CLI {json.dumps(a)[:100]}, wa-review {json.dumps(b)[:100]}"


# Members moto fills with the time of the request: they differ between any two calls.
VOLATILE = {"LatestRestorableTime"}


def parse(text):
    return None if not text.strip() else drop_volatile(json.loads(text))


def drop_volatile(v):
    if isinstance(v, dict):
        return {k: drop_volatile(x) for k, x in v.items() if k not in VOLATILE}
    if isinstance(v, list):
        return [drop_volatile(x) for x in v]
    return v


def check(args, c):
    (rc1, out1, err1), (rc2, out2, err2) = aws_cli(args, c), wa(args, c)
    name = f"{c['service']} {c['operation']} {c['region']}" + (f" [{c['note']}]" if c["note"] else "")
    if rc1 != 0:
        return name, f"the aws CLI failed ({rc1}): {err1.strip()[:300]}", None
    if rc2 != 0:
        return name, f"wa-review failed ({rc2}): {err2.strip()[:300]}", None
    try:
        a, b = parse(out1), parse(out2)
    except ValueError as e:
        return name, f"not JSON: {e}: {out2[:200]}", None
    d = diff(a, b)
    if d:
        return name, d, None
    if a is None and (not c["note"] or "{}" not in c["note"]):
        return name, "both printed nothing: a case that tests nothing", None
    return name, None, None if out1 == out2 else "same JSON, different text (member order or spacing)"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wa", required=True)
    ap.add_argument("--aws", required=True)
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--seed", required=True)
    ap.add_argument("--jobs", type=int, default=4)
    ap.add_argument("--only", help="comma-separated services to run")
    ap.add_argument("--exclude", help="comma-separated services to leave out")
    args = ap.parse_args()
    with open(args.seed) as f:
        seed = json.load(f)
    only = set(args.only.split(",")) if args.only else None
    exclude = set(args.exclude.split(",")) if args.exclude else set()
    cs = [c for c in cases(seed) if (not only or c["service"] in only) and c["service"] not in exclude]
    protocols = {}
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        for name, problem, note in ex.map(lambda c: check(args, c), cs):
            if problem:
                failed += 1
                print(f"not ok: {name}: {problem}")
            else:
                passed += 1
                print(f"ok: {name}" + (f" ({note})" if note else ""))
    ops = {(c["service"], c["operation"]) for c in cs}
    print(f"{len(ops)} distinct operations")
    print(f"parity: {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
