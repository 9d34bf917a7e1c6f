#!/bin/sh
# wa-review iam-policy: valid JSON, exactly one action per call the probes make (the calls
# are read from the question files themselves, not from the program), IAM's own prefixes.
. "$TESTS_CLI/lib.sh"
Q="$TESTS_CLI/../../questions"
cd "$T_DIR" || exit 1

run "$WA" iam-policy
expect_rc 0 "policy"
printf '%s\n' "$T_OUT" >policy.json
run "$WA" iam-policy --calls
expect_rc 0 "calls"
printf '%s\n' "$T_OUT" >calls.tsv
expect_out "$(printf 'elbv2\tDescribeTargetGroups\telasticloadbalancing:DescribeTargetGroups')"
expect_out "$(printf 'service-quotas\tGetServiceQuota\tservicequotas:GetServiceQuota')"
expect_out "$(printf 'stepfunctions\tListStateMachines\tstates:ListStateMachines')"
expect_out "$(printf 'logs\tDescribeLogGroups\tlogs:DescribeLogGroups')"
expect_out "$(printf 's3\tListBuckets\ts3:ListAllMyBuckets')"
expect_out "$(printf 'sts\tGetCallerIdentity\t-')"

T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - "$Q" <<'PY' || fail "policy and calls disagree with the question set"
import glob, json, sys, yaml
qdir = sys.argv[1]
# What the probes call, from the YAML, plus what a sweep calls on its own.
want = {("sts", "GetCallerIdentity"), ("ec2", "DescribeRegions")}
for path in glob.glob(qdir + "/*.yaml"):
    doc = yaml.safe_load(open(path))
    for q in (doc.get("questions") or []) if isinstance(doc, dict) else []:
        for p in q.get("probes", []):
            want.add(tuple(p["call"].split()))
            if "each" in p:
                want.add(tuple(p["each"]["call"].split()))
            # metric and log probes read CloudWatch per resource (wa-review-questions(5))
            if "metric" in p:
                want.add(("cloudwatch", "GetMetricData"))
            if "logs" in p:
                want.add(("logs", "FilterLogEvents"))
            for w in (p.get("with") or {}).values():
                want.add(tuple((w if isinstance(w, str) else w["call"]).split()))
        # AWS Config rules are read through these three calls (wa-review-questions(5))
        if q.get("config_rules"):
            want |= {("config", "DescribeConfigRules"),
                     ("config", "DescribeComplianceByConfigRule"),
                     ("config", "GetComplianceDetailsByConfigRule")}
rows = [l.split("\t") for l in open("calls.tsv").read().splitlines()]
got = {(s, o) for s, o, _ in rows}
assert got == want, (sorted(got - want), sorted(want - got))
assert len(rows) == len(got), "a call is listed twice"
policy = json.load(open("policy.json"))
assert policy["Version"] == "2012-10-17"
[st] = policy["Statement"]
assert st["Effect"] == "Allow" and st["Resource"] == "*"
actions = st["Action"]
assert actions == sorted(set(actions)), "actions not sorted and distinct"
assert set(actions) == {a for _, _, a in rows if a != "-"}, "policy and calls differ"
for a in actions:
    prefix, name = a.split(":")
    assert prefix and name and not name.startswith(("Create", "Delete", "Put", "Update")), a
# An IAM prefix, never the CLI's name where they differ.
assert not any(a.startswith(("elbv2:", "service-quotas:", "stepfunctions:")) for a in actions)
print("policy: %d actions for %d calls" % (len(actions), len(rows)))
PY

run "$WA" iam-policy --question REL10
expect_rc 0 "one question"
expect_out '"rds:DescribeDBInstances"'
T_CHECKS=$((T_CHECKS + 1))
printf '%s\n' "$T_OUT" | grep -q 'backup:' && fail "REL10's policy holds REL09's backup calls"
run "$WA" iam-policy --question REL99
expect_rc 2 "bad question"
run "$WA" iam-policy extra
expect_rc 2 "extra argument"

# --role: the role's permissions, its trust policy (the caller's account as principal, the
# caller's exact role as condition; an STS session read as its role) and the caller's
# sts:AssumeRole on the role in each of the workload's accounts, in the caller's partition.
cd "$T_DIR" || exit 1
"$WA" new r.yaml --account 111122223333,4444-5555-6666 >/dev/null
run "$WA" iam-policy --role WaReview r.yaml --trust arn:aws-cn:sts::999988887777:assumed-role/Auditor/s1
expect_rc 0 "--role with the workload's accounts"
printf '%s\n' "$T_OUT" >role.json
T_CHECKS=$((T_CHECKS + 1))
python3 - role.json <<'PY' || fail "--role documents"
import json, sys
d = json.load(open(sys.argv[1]))
assert sorted(d) == ["caller_policy", "role_policy", "role_trust_policy"], sorted(d)
assert "rds:DescribeDBInstances" in d["role_policy"]["Statement"][0]["Action"]
t = d["role_trust_policy"]["Statement"][0]
assert t["Principal"] == {"AWS": "arn:aws-cn:iam::999988887777:root"}, t
assert t["Action"] == "sts:AssumeRole", t
assert t["Condition"] == {"ArnEquals": {"aws:PrincipalArn": "arn:aws-cn:iam::999988887777:role/Auditor"}}, t
c = d["caller_policy"]["Statement"]
assert c[0]["Action"] == "sts:AssumeRole", c
assert c[0]["Resource"] == ["arn:aws-cn:iam::111122223333:role/WaReview",
                            "arn:aws-cn:iam::444455556666:role/WaReview"], c[0]
assert c[1]["Action"] == "organizations:ListAccountsForParent", c[1]
PY
run "$WA" iam-policy --role WaReview --accounts 111122223333 --trust arn:aws:iam::999988887777:user/ci
expect_rc 0 "--role --accounts"
expect_out '"arn:aws:iam::111122223333:role/WaReview"' "--accounts: the role ARN"
expect_out '"aws:PrincipalArn": "arn:aws:iam::999988887777:user/ci"' "a user trusted as itself"
run "$WA" iam-policy --role WaReview --accounts 1111 --trust arn:aws:iam::999988887777:user/ci
expect_rc 2 "bad account ID"
expect_err "--accounts: '1111' is not an AWS account ID" "bad account ID: message"
run "$WA" iam-policy --role WaReview --trust not-an-arn
expect_rc 2 "bad --trust"
expect_err "--trust: 'not-an-arn' is not an IAM or STS principal ARN" "bad --trust: message"
run "$WA" iam-policy --trust arn:aws:iam::999988887777:user/ci
expect_rc 2 "--trust without --role"
expect_err "--trust and --accounts go with --role" "--trust without --role: message"

finish
