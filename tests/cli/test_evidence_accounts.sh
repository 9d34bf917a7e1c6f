#!/bin/sh
# wa-review evidence --role across accounts, end to end against moto's Organizations and
# STS behind the fault proxy (tests/aws/seed_accounts.py): three accounts of an OU, two
# Regions, one account whose AssumeRole is refused. Its results are that account's errors
# naming the account and the AssumeRole error, nothing is sent there as our own account, the
# other two are swept, and the snapshot, the text, the JSON and the Markdown report name the
# account next to the Region. First the option errors (exit 2, nothing written).
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1

"$WA" new plain.yaml --region us-east-1 >/dev/null
cp plain.yaml plain.before
run "$WA" evidence plain.yaml --org-unit ou-abcd-12345678
expect_rc 2 "--org-unit without --role"
expect_err "--org-unit needs --role NAME" "--org-unit without --role: message"
run "$WA" evidence plain.yaml --accounts 111122223333
expect_rc 2 "--accounts without --role"
expect_err "--accounts needs --role NAME" "--accounts without --role: message"
run "$WA" evidence plain.yaml --role WaReview
expect_rc 2 "--role, no account IDs in the workload"
expect_err "plain.yaml lists no account IDs in its workload" "no accounts: message"
run "$WA" evidence --role WaReview
expect_rc 2 "--role without FILE or accounts"
expect_err "lists no account IDs" "no FILE: message"
run "$WA" evidence plain.yaml --role WaReview --accounts 1111222233334
expect_rc 2 "bad account ID"
expect_err "--accounts: '1111222233334' is not an AWS account ID (12 digits)" "bad ID: message"
run "$WA" evidence plain.yaml --role WaReview --accounts 111122223333,abc
expect_rc 2 "bad second account ID"
expect_err "'abc' is not an AWS account ID" "bad second ID: message"
run "$WA" evidence plain.yaml --role WaReview --org-unit ou-x
expect_rc 2 "bad OU ID"
expect_err "--org-unit: 'ou-x' is not an Organizations OU ID" "bad OU: message"
run "$WA" evidence plain.yaml --role 'bad role!' --accounts 111122223333
expect_rc 2 "bad role name"
expect_err "--role: 'bad role!' is not an IAM role name" "bad role: message"
run "$WA" evidence plain.yaml --role R --org-unit ou-abcd-12345678 --accounts 111122223333
expect_rc 2 "--org-unit and --accounts"
expect_err "not both" "--org-unit and --accounts: message"
expect_same_file plain.yaml plain.before "review after option errors"

MOTO_ENV_SH="$TESTS_CLI/../aws/moto_env.sh"
. "$MOTO_ENV_SH"
moto_seeded "$T_DIR" seed_accounts.py auth-off
P="$PROXY_URL"
ids() { "$MOTO_PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' seed.out "$1"; }
A=$(ids a) B=$(ids b) C=$(ids c) OU=$(ids ou)
# c's role cannot be assumed: STS refuses it (AccessDenied) for that ARN only.
proxy_rules "[{\"service\":\"sts\",\"operation\":\"AssumeRole\",\"match\":\"$C\",\"fault\":\"denied\"}]"

"$WA" new r.yaml --region us-east-1,eu-west-1 --account "$A,$B,$C" >/dev/null
run "$WA" evidence r.yaml --role WaReview --question REL05 --format json --endpoint-url "$P"
expect_rc 1 "sweep of three accounts (findings: exit 1)"
printf '%s\n' "$T_OUT" >three.json
T_CHECKS=$((T_CHECKS + 1))
"$MOTO_PY" - three.json "$A" "$B" "$C" "$P" <<'PY' || fail "three-account JSON"
import json, sys
doc, a, b, c, p = json.load(open(sys.argv[1])), *sys.argv[2:]
assert doc["accounts"] == [a, b, c], doc["accounts"]
fs = {f["probe"]: f for q in doc["questions"] for f in q["findings"]}
dlq = fs["sqs-dead-letter-queues"]
got = {(r["account"], r["region"]): r for r in dlq["results"]}
assert set(got) == {(x, y) for x in (a, b, c) for y in ("eu-west-1", "us-east-1")}, got
assert got[a, "us-east-1"]["outcome"] == "pass", got[a, "us-east-1"]
assert got[a, "eu-west-1"]["outcome"] == "fail", got[a, "eu-west-1"]
assert got[a, "eu-west-1"]["cited"] == [f"{p}/{a}/a-emails"], got[a, "eu-west-1"]
assert got[b, "us-east-1"]["outcome"] == "pass", got[b, "us-east-1"]
assert got[b, "eu-west-1"]["outcome"] == "not_applicable", got[b, "eu-west-1"]
for region in ("us-east-1", "eu-west-1"):
    r = got[c, region]
    assert r["outcome"] == "error", r
    assert f"account {c}: cannot assume role arn:aws:iam::{c}:role/WaReview" in r["text"], r
    assert "AssumeRole" in r["text"] and "AccessDenied" in r["text"], r
# c's error is c's alone: a and b answered every probe they could.
for f in fs.values():
    for r in f["results"]:
        if r["account"] != c:
            assert "cannot assume role" not in r.get("text", ""), (f["probe"], r)
assert dlq["outcome"] == "fail", dlq["outcome"]
v = {x["best_practice"]: x for q in doc["questions"] for x in q["verdicts"]}
assert v["REL05-BP04"]["verdict"] == "not_implemented", v["REL05-BP04"]
assert f"in {a} eu-west-1" in v["REL05-BP04"]["why"], v["REL05-BP04"]
# a practice no account disproves but c could not show stays unverified, naming c
assert v["REL05-BP02"]["verdict"] == "not_verified", v["REL05-BP02"]
assert c in v["REL05-BP02"]["why"] and "AssumeRole" in v["REL05-BP02"]["why"], v["REL05-BP02"]
PY
# The sweep went to a and b only, each in both Regions; c got no call as our own account.
seen() {
	"$MOTO_PY" - "$P" "$1" "$2" <<'PY'
import json, sys, urllib.request
for e in json.load(urllib.request.urlopen(sys.argv[1] + "/__fault/log", timeout=10)):
    if e["service"] == sys.argv[2] and e["operation"] == sys.argv[3]:
        print(e["region"])
PY
}
T_CHECKS=$((T_CHECKS + 1))
[ "$(seen sqs ListQueues | sort | tr '\n' ' ')" = "eu-west-1 eu-west-1 us-east-1 us-east-1 " ] ||
	fail "ListQueues sent: $(seen sqs ListQueues | sort | tr '\n' ' ')"
T_CHECKS=$((T_CHECKS + 1))
[ "$(seen sts AssumeRole | wc -l)" = 3 ] || fail "AssumeRole sent $(seen sts AssumeRole | wc -l) times"

# The review keeps the findings per account; accepted, the evidence makes REL05-BP04 a
# roadmap item whose findings the Markdown report shows, the account next to the Region.
T_CHECKS=$((T_CHECKS + 1))
grep -q "account: \"$A\"" r.yaml && grep -q "account: \"$B\"" r.yaml && grep -q "account: \"$C\"" r.yaml ||
	fail "snapshot lacks an account: $(grep -c 'account:' r.yaml) account lines"
run "$WA" answer r.yaml REL05 --accept-evidence
expect_rc 0 "accept the evidence"
run "$WA" report r.yaml --format md
expect_rc 0 "Markdown report"
expect_out "account $A, eu-west-1" "report: account a next to the Region"
expect_out "account $B, us-east-1" "report: account b next to the Region"
expect_out "$A/a-emails" "report: the offender"
run "$WA" report r.yaml --format json
T_CHECKS=$((T_CHECKS + 1))
printf '%s\n' "$T_OUT" | tr -d ' \t' | grep -qF "\"account\":\"$A\"" || fail "JSON report lacks the account"
printf '%s\n' "$T_OUT" >report.json
T_CHECKS=$((T_CHECKS + 1))
python3 -c 'import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' \
	report.json "$TESTS_CLI/../../man/wa-review-report.schema.json" || fail "JSON report against the schema"

# --org-unit: the OU's accounts through ListAccountsForParent, swept the same way.
proxy_reset
proxy_rules "[{\"service\":\"sts\",\"operation\":\"AssumeRole\",\"match\":\"$C\",\"fault\":\"denied\"}]"
run "$WA" evidence --role WaReview --org-unit "$OU" --question REL05 \
	--regions us-east-1,eu-west-1 --endpoint-url "$P"
expect_rc 1 "OU sweep"
expect_out "Evidence from accounts" "OU sweep: header"
expect_out "$A" "OU sweep: account a"
expect_out "$B" "OU sweep: account b"
expect_out "$C us-east-1 could not check: account $C: cannot assume role" "OU sweep: c's error"
expect_out "$A eu-west-1 SQS queues in eu-west-1 without a dead-letter queue" "OU sweep: a's offender"
# iam-policy --role asks STS who runs the sweep: the trust policy names that principal.
run "$WA" iam-policy --role WaReview r.yaml --endpoint-url "$P"
expect_rc 0 "iam-policy --role through STS"
expect_out '"AWS": "arn:aws:iam::123456789012:root"' "iam-policy: the caller's account trusted"
expect_out '"aws:PrincipalArn": "arn:aws:iam::123456789012:user/' "iam-policy: the caller's principal"
expect_out "\"arn:aws:iam::$C:role/WaReview\"" "iam-policy: the role in each account"
run "$WA" evidence --role WaReview --org-unit ou-zzzz-zzzzzzzz --question REL05 --endpoint-url "$P"
expect_rc 2 "unknown OU"
expect_err "cannot list the accounts of ou-zzzz-zzzzzzzz: organizations:ListAccountsForParent" "unknown OU: message"
finish
