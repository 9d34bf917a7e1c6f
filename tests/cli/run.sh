#!/bin/sh
# Runs every tests/cli/test_*.sh against the built binary ($WA) and ends with one line:
# "cli: N passed, N failed". Each script exits 0 when all its checks hold.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${WA:?WA must name the wa-review binary}"
export WA WA_TOOLS="${WA_TOOLS:-}" TESTS_CLI="$here"
# VALGRIND=1: every run of the binary goes through valgrind; a leak or error fails it.
if [ "${VALGRIND:-}" = 1 ]; then
	wrap=$(mktemp -d)
	trap 'rm -rf "$wrap"' EXIT
	cat >"$wrap/wa-review" <<WRAP
#!/bin/sh
exec valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \\
	--errors-for-leak-kinds=definite,indirect --error-exitcode=99 "$WA" "\$@"
WRAP
	chmod +x "$wrap/wa-review"
	WA="$wrap/wa-review"
fi
pass=0
fail=0
failed=""
for t in "$here"/test_*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	out=$(mktemp)
	if sh "$t" >"$out" 2>&1; then
		pass=$((pass + 1))
		echo "ok   $name"
	else
		fail=$((fail + 1))
		failed="$failed $name"
		echo "FAIL $name"
		sed 's/^/     /' "$out"
	fi
	rm -f "$out"
done
echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
