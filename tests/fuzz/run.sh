#!/bin/sh
# Runs each libFuzzer target for a bounded time, seeded with the real files. A crash is
# copied into tests/fuzz/regressions/ (which `make test` replays) and fails the run.
set -u
secs=$1
shift
status=0
for bin in "$@"; do
	name=$(basename "$bin")
	corpus=build/fuzz/corpus-$name
	mkdir -p "$corpus"
	case $name in
	fuzz_qset) cp questions/*.yaml "$corpus"/ ;;
	fuzz_review) cp questions/demo/*.yaml tests/fixtures/*.yaml "$corpus"/ 2>/dev/null ;;
	fuzz_calc) printf '0.9999 * (0.999 | 0.999) * 0.9995' >"$corpus"/guide ;;
	fuzz_imports) # first byte: 0 inventory, 1 YAML incident log, 2 CSV incident log
		printf '\000components:\n  web:\n    service: ALB + EC2\n    redundancy: Multi-AZ\n' >"$corpus"/inv
		printf '\002date,duration,impact,note\n2024-01-15,45m,full,"a, b"\n' >"$corpus"/csv ;;
	fuzz_proto) python3 -c 'import json, glob, os, sys
for i, f in enumerate(sorted(glob.glob("tests/fixtures/proto/responses/*.json"))):
    b = json.load(open(f))["body"].encode()
    open(os.path.join(sys.argv[1], "seed%03d" % i), "wb").write(bytes([i % 12, i % 3]) + b)' "$corpus" ;;
	esac
	echo "== $name for ${secs}s"
	if ! "$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 \
		-artifact_prefix=build/fuzz/"$name"- "$corpus" >build/fuzz/"$name".log 2>&1; then
		status=1
		tail -n 30 build/fuzz/"$name".log
		for a in build/fuzz/"$name"-crash-* build/fuzz/"$name"-leak-* build/fuzz/"$name"-timeout-*; do
			[ -f "$a" ] && cp "$a" tests/fuzz/regressions/"$name"-"$(basename "$a" | sed 's/.*-//')" &&
				echo "saved tests/fuzz/regressions/$name-$(basename "$a" | sed 's/.*-//')"
		done
	else
		grep -E '^Done|#[0-9]+.*DONE' build/fuzz/"$name".log | tail -n 1
	fi
done
exit $status
