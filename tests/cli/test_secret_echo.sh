#!/bin/sh
# An endpoint whose errors echo the request headers (tests/aws/echoserver.py, as a debugging
# gateway would): neither the secret key, the session token, the SigV4 signature nor the
# access key ID reaches stdout, stderr, the review file's evidence or a report, from
# `whoami`, `aws` (query and JSON protocols) or `evidence FILE`, the headers echoed as
# "Name: value" or as a JSON object.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1
PY=/usr/bin/python3
KEY=AKIAIOSFODNN7EXAMPLE
SECRET=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY
TOKEN=FQoGZXIvYXdzEJrTOKENfromSTSvalue0123456789abcdef
export AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET AWS_SESSION_TOKEN=$TOKEN
export AWS_REGION=eu-west-1 HOME="$T_DIR" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_PROFILE AWS_ENDPOINT_URL 2>/dev/null

# serve MODE: starts the echo server, sets $URL and $SRV.
serve() {
	rm -f port
	"$PY" "$TESTS_CLI/../aws/echoserver.py" "$T_DIR/port" "$1" &
	SRV=$!
	i=0
	while [ ! -s port ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	URL="http://127.0.0.1:$(cat port)"
}

# no_secret LABEL FILE...: none of the four values in any FILE; the signature's hex neither.
no_secret() {
	label=$1
	shift
	T_CHECKS=$((T_CHECKS + 1))
	if grep -l -e "$SECRET" -e "$TOKEN" -e "$KEY" -E -e 'Signature=[0-9a-f]{8}' "$@" >hits 2>/dev/null; then
		fail "$label: a credential in $(tr '\n' ' ' <hits): $(grep -h -o -m1 -E ".{40}($TOKEN|$SECRET|$KEY|Signature=[0-9a-f]{8}).{0,10}" "$@" | head -n 2)"
	fi
}

"$WA" new r.yaml --name echo >/dev/null || fail "new"
for mode in xml dump; do
	serve $mode
	# The server does echo them: without this the test would prove nothing.
	T_CHECKS=$((T_CHECKS + 1))
	curl -s -H "X-Amz-Security-Token: $TOKEN" "$URL/" | grep -q "$TOKEN" || fail "$mode: the server does not echo"

	run "$WA" whoami --endpoint-url "$URL"
	expect_rc 1 "$mode: whoami fails"
	expect_err "Security-Token" "$mode: whoami shows the header"
	expect_err "****" "$mode: masked"
	printf '%s\n%s\n' "$T_OUT" "$T_ERR" >whoami.txt
	no_secret "$mode: whoami" whoami.txt

	run "$WA" aws sts GetCallerIdentity --endpoint-url "$URL"
	expect_rc 1 "$mode: aws sts"
	expect_err "Signature=****" "$mode: aws sts shows the signature, masked"
	printf '%s\n%s\n' "$T_OUT" "$T_ERR" >sts.txt
	no_secret "$mode: aws sts" sts.txt

	run "$WA" aws dynamodb ListTables --endpoint-url "$URL"
	expect_rc 1 "$mode: aws dynamodb"
	expect_err "Credential=****/" "$mode: the key ID masked in the Credential"
	printf '%s\n%s\n' "$T_OUT" "$T_ERR" >ddb.txt
	no_secret "$mode: aws dynamodb (JSON protocol)" ddb.txt

	run "$WA" evidence r.yaml --endpoint-url "$URL" --regions eu-west-1
	expect_rc 1 "$mode: evidence: every probe errs"
	printf '%s\n%s\n' "$T_OUT" "$T_ERR" >ev.txt
	T_CHECKS=$((T_CHECKS + 1))
	grep -q "Signature=\*\*\*\*" ev.txt || fail "$mode: evidence should show the echoed header, masked"
	grep -q "Signature=\*\*\*\*" r.yaml || fail "$mode: the review keeps the echoed header, masked"
	no_secret "$mode: evidence output" ev.txt
	no_secret "$mode: the review file after evidence" r.yaml
	run "$WA" evidence r.yaml --endpoint-url "$URL" --regions eu-west-1 --format json
	printf '%s\n' "$T_OUT" >ev.json
	no_secret "$mode: evidence --format json" ev.json
	for f in md json html csv; do
		"$WA" report r.yaml --format $f >"r.$f" 2>/dev/null || fail "$mode: report $f"
		no_secret "$mode: report $f" "r.$f"
	done
	kill "$SRV" 2>/dev/null
	wait "$SRV" 2>/dev/null
done

# A snapshot that already holds a credential (a file from before, hand-edited): the next
# save masks what names a secret.
"$PY" - r.yaml "$TOKEN" <<'PY'
import sys
p, tok = sys.argv[1], sys.argv[2]
s = open(p).read()
import re
s = re.sub(r'(Security-Token\\*"?:\s*\\*"?)\*\*\*\*', lambda m: m.group(1) + tok, s, count=1)
open(p, "w").write(s)
PY
T_CHECKS=$((T_CHECKS + 1))
grep -q "$TOKEN" r.yaml || fail "planting the token"
"$WA" answer r.yaml REL01 --note "planted" >/dev/null 2>&1 || fail "answer"
no_secret "a planted token, after the next save" r.yaml
finish
