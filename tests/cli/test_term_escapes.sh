#!/bin/sh
# Bytes from an argument, a file or AWS never reach the terminal as controls: OSC 0 (which
# retitles the terminal), CSI as ESC [ and as the C1 control U+009B (UTF-8 C2 9B), BEL and a
# bidi override, planted in a workload name, in a file value an error message echoes, in
# an option an error echoes, in AWS resource names (`evidence` against fixtures), and in a
# JSON document `query` prints. Each shows as U+FFFD; JSON keeps them as \u escapes.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1
PY=/usr/bin/python3
EVIL=$(printf 'x\033]0;PWNED\007y\033[2Jz\302\2332J\342\200\256w')

# clean LABEL FILE...: no C0 control but tab, LF and CR before LF (CSV's line ends), no DEL, no C1, no bidi control, UTF-8.
clean() {
	label=$1
	shift
	T_CHECKS=$((T_CHECKS + 1))
	"$PY" - "$@" <<'PY' || fail "$label: a control character reaches the output"
import re, sys
bad = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
ok = True
for p in sys.argv[1:]:
    t = open(p, "rb").read().decode("utf-8")
    m = bad.search(t)
    if m:
        print(f"{p}: U+{ord(m.group()):04X}: {t[max(0, m.start() - 30):m.start() + 10]!r}")
        ok = False
sys.exit(0 if ok else 1)
PY
}
# shown LABEL FILE: the planted text reads with U+FFFD where each control was.
shown() {
	T_CHECKS=$((T_CHECKS + 1))
	grep -qF "$(printf 'x\357\277\275]0;PWNED\357\277\275y\357\277\275[2Jz\357\277\2752J')" "$2" ||
		fail "$1: the planted text is not shown as typed, controls replaced: $(head -c 300 "$2")"
}

# A workload name from the command line: `new` echoes it, `status` and `roadmap` print it.
"$WA" new r.yaml --name "$EVIL" >new.out 2>new.err || fail "new"
clean "new" new.out new.err
shown "new" new.out
"$WA" status r.yaml >status.out 2>&1 || fail "status"
clean "status" status.out
shown "status" status.out
"$WA" roadmap r.yaml >roadmap.out 2>&1
clean "roadmap" roadmap.out

# A value in a file that an error message quotes back.
"$PY" - r.yaml <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("workload:\n", 'workload:\n  environment: "prod\\e]0;PWNED\\a\\x9b2J"\n', 1)
open(p, "w").write(s)
PY
run "$WA" status r.yaml
expect_rc 2 "a bad environment"
expect_err "workload.environment" "the error names the key"
printf '%s\n' "$T_ERR" >bad.err
clean "an error quoting a file value" bad.err
T_CHECKS=$((T_CHECKS + 1))
grep -qF "$(printf 'prod\357\277\275]0;PWNED')" bad.err || fail "the value shown, controls replaced: $T_ERR"

# An option an error echoes.
run "$WA" status "$(printf -- '--x\033]0;PWNED\007')"
expect_rc 2 "an unknown option"
printf '%s\n' "$T_ERR" >opt.err
clean "an error quoting an option" opt.err

# AWS resource names: a DB instance named with OSC, CSI and U+009B.
cp -r "$TESTS_CLI/../evidence/fixtures" fx
"$PY" - fx/rds/DescribeDBInstances.json <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
assert '"reports-db"' in s
s = s.replace('"reports-db"', '"x\\u001b]0;PWNED\\u0007y\\u001b[2Jz\\u009b2J\\u202ew"')
open(p, "w").write(s)
PY
"$WA" new e.yaml --name e >/dev/null
WA_EVIDENCE_FIXTURES=fx "$WA" evidence e.yaml >ev.out 2>ev.err
clean "evidence text" ev.out ev.err
shown "evidence text" ev.out
WA_EVIDENCE_FIXTURES=fx "$WA" evidence --format json >ev.json 2>/dev/null
clean "evidence json" ev.json
T_CHECKS=$((T_CHECKS + 1))
grep -qF 'x\u001b]0;PWNED\u0007y\u001b[2Jz\u009b2J\u202ew' ev.json ||
	fail "evidence json: the name not kept exactly, as \\u escapes"
"$WA" status e.yaml >est.out 2>&1
clean "status of a review with the evidence" est.out
for f in md json html csv; do
	"$WA" report e.yaml --format $f >"e.$f" 2>&1 || fail "report $f"
	clean "report $f with AWS's names" "e.$f"
done
T_CHECKS=$((T_CHECKS + 1))
grep -qF '\u009b' e.json || fail "the JSON report escapes U+009B as \\u009b"

# query prints a file's JSON: strings escaped, an --unquoted string made safe.
printf '{"a":"x\\u001b]0;PWNED\\u0007y\\u009bz"}\n' >doc.json
"$WA" query a doc.json >q.out 2>&1
clean "query" q.out
T_CHECKS=$((T_CHECKS + 1))
grep -qF '\u009b' q.out || fail "query: U+009B as \\u009b: $(cat q.out)"
"$WA" query --unquoted a doc.json >qu.out 2>&1
clean "query --unquoted" qu.out
finish
