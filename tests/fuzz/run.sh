#!/bin/sh
# Runs each libFuzzer target for a bounded time, seeded with tests/fuzz/seeds/TARGET/ and the
# real files. A crash, leak, timeout or UBSan report is copied into tests/fuzz/regressions/
# (which `make test` replays) and fails the run. Ends with "fuzz: N passed, N failed".
set -u
secs=$1
shift
status=0
pass=0
fail=0
for bin in "$@"; do
	name=$(basename "$bin")
	corpus=build/fuzz/corpus-$name
	mkdir -p "$corpus"
	cp tests/fuzz/seeds/"$name"/* "$corpus"/ 2>/dev/null
	# The real files too, as they are today.
	case $name in
	fuzz_qset) cp questions/*.yaml "$corpus"/ ;;
	fuzz_review) cp questions/demo/*.yaml "$corpus"/ ;;
	esac
	echo "== $name for ${secs}s"
	if ! "$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 \
		-artifact_prefix=build/fuzz/"$name"- "$corpus" >build/fuzz/"$name".log 2>&1; then
		status=1
		fail=$((fail + 1))
		tail -n 30 build/fuzz/"$name".log
		for a in build/fuzz/"$name"-crash-* build/fuzz/"$name"-leak-* build/fuzz/"$name"-timeout-*; do
			[ -f "$a" ] && cp "$a" tests/fuzz/regressions/"$name"-"$(basename "$a" | sed 's/.*-//')" &&
				echo "saved tests/fuzz/regressions/$name-$(basename "$a" | sed 's/.*-//')"
		done
	else
		pass=$((pass + 1))
		grep -E '^Done|#[0-9]+.*DONE' build/fuzz/"$name".log | tail -n 1
	fi
done
echo "fuzz: $pass passed, $fail failed"
exit $status
