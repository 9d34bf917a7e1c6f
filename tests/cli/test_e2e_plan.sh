#!/bin/sh
# End-to-end tests of the wizard's roadmap, export, milestone, diff, calculator and evidence
# keys (tests/e2e/test_wizard_plan.py). Same needs as test_e2e_wizard.sh, plus cmark.
set -u
py=/usr/bin/python3
if [ "${VALGRIND:-}" = 1 ]; then
	echo "test_e2e_plan: skipped under valgrind"
	exit 0
fi
if ! "$py" -c 'import pexpect, pyte, yaml' 2>/dev/null || ! command -v cmark >/dev/null; then
	echo "test_e2e_plan: needs python3-pexpect, python3-pyte, python3-yaml and cmark" >&2
	exit 1
fi
exec "$py" "$TESTS_CLI/../e2e/test_wizard_plan.py"
