#!/bin/sh
# End-to-end tests of the wizard's prompts and of how its screens fit at 80x24 and 120x40
# (tests/e2e/test_wizard_screens.py). Same needs as test_e2e_wizard.sh.
set -u
py=/usr/bin/python3
if [ "${VALGRIND:-}" = 1 ]; then
	echo "test_e2e_screens: skipped under valgrind"
	exit 0
fi
if ! "$py" -c 'import pexpect, pyte, yaml' 2>/dev/null; then
	echo "test_e2e_screens: needs python3-pexpect, python3-pyte and python3-yaml" >&2
	exit 1
fi
exec "$py" "$TESTS_CLI/../e2e/test_wizard_screens.py"
