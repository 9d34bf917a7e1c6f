#!/bin/sh
# End-to-end tests of open practices, the workload's scope and push/pull in the wizard
# (tests/e2e/test_wizard_sync.py), against the local Well-Architected Tool
# (tests/aws/watool.py) read back with boto3. Needs Debian's python3-pexpect, python3-pyte
# and python3-yaml under /usr/bin/python3, and a python3 with boto3 (moto_env.sh). Skipped
# under VALGRIND=1: the unit and CLI tests cover the same logic there.
. "$TESTS_CLI/lib.sh"
. "$TESTS_CLI/../aws/moto_env.sh"
py=/usr/bin/python3
if [ "${VALGRIND:-}" = 1 ]; then
	echo "test_e2e_sync: skipped under valgrind"
	exit 0
fi
if ! "$py" -c 'import pexpect, pyte, yaml' 2>/dev/null; then
	echo "test_e2e_sync: needs python3-pexpect, python3-pyte and python3-yaml" \
		"(apt-get install python3-pexpect python3-pyte python3-yaml)" >&2
	exit 1
fi
MOTO_PY=$(moto_python) || exit 1
timeout 600 "$MOTO_PY" "$TESTS_CLI/../aws/watool.py" --check --port-file "$T_DIR/watool.port" \
	2>"$T_DIR/watool.log" &
TOOL_PID=$!
trap 'kill $TOOL_PID 2>/dev/null; rm -rf "$T_DIR"' EXIT
i=0
while [ ! -s "$T_DIR/watool.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s "$T_DIR/watool.port" ]; then
	echo "test_e2e_sync: the emulator did not start: $(cat "$T_DIR/watool.log")" >&2
	exit 1
fi
WATOOL_URL="http://127.0.0.1:$(cat "$T_DIR/watool.port")" MOTO_PY="$MOTO_PY" \
	"$py" "$TESTS_CLI/../e2e/test_wizard_sync.py" "$@"
