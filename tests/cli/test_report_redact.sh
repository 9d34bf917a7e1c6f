#!/bin/sh
# Reports never show credentials; --redact also masks account IDs and ARNs, in every format,
# notes and evidence included, while the review file itself keeps them.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1
cp "$TESTS_CLI/data/report_review.yaml" r.yaml
cp r.yaml keep.yaml

for f in md json csv html; do
	"$WA" report r.yaml --format "$f" >"plain.$f" 2>err || fail "report $f: $(cat err)"
	"$WA" report r.yaml --format "$f" --redact >"red.$f" 2>err || fail "report $f --redact: $(cat err)"
	T_CHECKS=$((T_CHECKS + 1))
	! grep -q 'AKIAIOSFODNN7EXAMPLE' "plain.$f" "red.$f" || fail "$f report shows an access key"
	# The team's own copy shows its account and resources...
	T_CHECKS=$((T_CHECKS + 1))
	grep -q '111122223333' "plain.$f" || fail "$f report lost the account ID without --redact"
	# ...the copy for sharing shows neither, anywhere.
	T_CHECKS=$((T_CHECKS + 1))
	! grep -q '111122223333' "red.$f" || fail "$f --redact shows the account ID: $(grep -m1 111122223333 "red.$f")"
	T_CHECKS=$((T_CHECKS + 1))
	! grep -qE 'arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[0-9X]*:[^R]' "red.$f" ||
		fail "$f --redact shows an ARN: $(grep -m1 -oE 'arn:aws[^ ]*' "red.$f")"
	T_CHECKS=$((T_CHECKS + 1))
	grep -q 'arn:aws:rds:eu-west-1:XXXXXXXXXXXX:REDACTED' "red.$f" || fail "$f --redact: no masked ARN"
done
# The JSON report says it was redacted; the resource list is still there, masked.
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - red.json <<'PY' || fail "redacted JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["redacted"] is True
assert d["workload"]["accounts"] == ["XXXXXXXXXXXX"]
ev = {i["id"]: i for i in d["roadmap"]["items"]}["REL09-BP02"]["evidence"][0]
assert ev["resources"] == ["arn:aws:rds:eu-west-1:XXXXXXXXXXXX:REDACTED",
                           "arn:aws:dynamodb:eu-west-1:XXXXXXXXXXXX:REDACTED"], ev
PY
expect_same_file r.yaml keep.yaml "review after reports"
finish
