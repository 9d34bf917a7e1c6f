#!/bin/sh
# Runs each cmocka unit-test binary given (from the repository root, so tests find their
# fixtures), and ends with one line: "unit: N passed, N failed".
# VALGRIND=1 runs each under valgrind --leak-check=full with errors failing the test.
set -u
pass=0
fail=0
failed=""
for t in "$@"; do
	if [ "${VALGRIND:-}" = 1 ]; then
		valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
			--errors-for-leak-kinds=definite,indirect --error-exitcode=99 "$t"
	else
		"$t"
	fi
	rc=$?
	if [ $rc -eq 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		failed="$failed $(basename "$t")"
	fi
done
[ -n "$failed" ] && echo "failed unit suites:$failed"
echo "unit: $pass passed, $fail failed"
[ $fail -eq 0 ]
