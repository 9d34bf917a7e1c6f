#!/bin/sh
# The wizard's multi-account evidence sweep end to end (tests/e2e/test_wizard_accounts.py):
# started with --role (and --org-unit or --accounts), e sweeps moto's three seeded accounts
# (tests/aws/seed_accounts.py, as test_evidence_accounts.sh) through STS and Organizations
# behind the fault proxy, which refuses account c's AssumeRole; the pane and status line
# name the accounts, c's refusal is c's error, the review file keeps the results per
# account, and the workload's scope is judged as `evidence FILE` judges it. Fails, never
# skips, when moto or the terminal modules are missing; skipped under VALGRIND=1 like the
# other pseudo-terminal tests.
. "$TESTS_CLI/lib.sh"
py=/usr/bin/python3
if [ "${VALGRIND:-}" = 1 ]; then
	echo "test_e2e_accounts: skipped under valgrind"
	exit 0
fi
if ! "$py" -c 'import pexpect, pyte, yaml' 2>/dev/null; then
	echo "test_e2e_accounts: needs python3-pexpect, python3-pyte and python3-yaml" \
		"(apt-get install python3-pexpect python3-pyte python3-yaml)" >&2
	exit 1
fi
MOTO_ENV_SH="$TESTS_CLI/../aws/moto_env.sh"
. "$MOTO_ENV_SH"
moto_seeded "$T_DIR" seed_accounts.py auth-off
ids() { "$MOTO_PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$T_DIR/seed.out" "$1"; }
A=$(ids a) B=$(ids b) C=$(ids c) OU=$(ids ou)
# c's role cannot be assumed: STS refuses it (AccessDenied) for that ARN only.
proxy_rules "[{\"service\":\"sts\",\"operation\":\"AssumeRole\",\"match\":\"$C\",\"fault\":\"denied\"}]"
T_CHECKS=$((T_CHECKS + 1))
WA_TEST_PROXY_URL="$PROXY_URL" WA_TEST_ACCOUNTS="$OU $A $B $C" \
	"$py" "$TESTS_CLI/../e2e/test_wizard_accounts.py" "$@" ||
	fail "the wizard's sweep across accounts"
finish
