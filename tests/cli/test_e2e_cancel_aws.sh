#!/bin/sh
# Quitting the wizard during an evidence sweep whose AWS calls hang (the fault proxy holds
# every request for 30 s in front of moto) ends it within a second, the lock released: the
# cancel reaches the AWS client's requests in flight (tests/e2e/test_wizard_safety.py,
# test_quit_during_slow_aws_sweep). Fails, never skips, when moto is missing; skipped under
# VALGRIND=1 like the other pseudo-terminal tests.
. "$TESTS_CLI/lib.sh"
if [ "${VALGRIND:-}" = 1 ]; then
	echo "test_e2e_cancel_aws: skipped under valgrind"
	exit 0
fi
MOTO_ENV_SH="$TESTS_CLI/../aws/moto_env.sh"
. "$MOTO_ENV_SH"
moto_started "$T_DIR"
proxy_rules '[{"fault": "latency", "latency_ms": 30000}]'
T_CHECKS=$((T_CHECKS + 1))
WA_TEST_PROXY_URL="$PROXY_URL" /usr/bin/python3 "$TESTS_CLI/../e2e/test_wizard_safety.py" ||
	fail "quitting during a slow AWS sweep"
finish
