#!/bin/sh
# End-to-end tests that the wizard loses no work and sets no traps
# (tests/e2e/test_wizard_safety.py): X onto the review refused, a note written outside
# survives the next tick, 0 then u, quitting during a slow sweep within a second. Needs
# Debian's python3-pexpect, python3-pyte and python3-yaml under /usr/bin/python3. Skipped
# under VALGRIND=1: the unit tests cover the same logic there.
set -u
py=/usr/bin/python3
if [ "${VALGRIND:-}" = 1 ]; then
	echo "test_e2e_safety: skipped under valgrind"
	exit 0
fi
if ! "$py" -c 'import pexpect, pyte, yaml' 2>/dev/null; then
	echo "test_e2e_safety: needs python3-pexpect, python3-pyte and python3-yaml" \
		"(apt-get install python3-pexpect python3-pyte python3-yaml)" >&2
	exit 1
fi
exec "$py" "$TESTS_CLI/../e2e/test_wizard_safety.py"
