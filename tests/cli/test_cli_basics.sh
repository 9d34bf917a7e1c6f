#!/bin/sh
# The command line: help, version, validate on the built-in set, the demo, usage errors.
. "$TESTS_CLI/lib.sh"

run "$WA" --help
expect_rc 0 "--help"
for cmd in new status answer validate query; do expect_out "  $cmd" "--help lists $cmd"; done
expect_out "--questions DIR" "--help"

run "$WA" --version
expect_rc 0 "--version"
expect_out "wa-review 0." "--version"

# Each command's --help documents every option its parser takes.
run "$WA" answer --help
expect_rc 0 "answer --help"
for o in --select --none --not-applicable --na-note --applicable --note --flag --unflag --clear; do
	expect_out "$o" "answer --help mentions $o"
done
run "$WA" new --help
for o in --name --description --owner --environment --criticality --availability --rto --rpo \
	--region --account --participant; do
	expect_out "$o" "new --help mentions $o"
done
run "$WA" status --help
for o in --json --fail-on --demo; do expect_out "$o" "status --help mentions $o"; done

# The man page names every command and option the binary has.
for w in new status answer validate query --questions --demo --json --fail-on --select \
	--none --not-applicable --na-note --applicable --note --flag --unflag --clear --name \
	--environment --criticality --availability --rto --rpo --region --account --participant; do
	T_CHECKS=$((T_CHECKS + 1))
	sed 's/\\-/-/g; s/\\f[BIR]//g' "$TESTS_CLI/../../man/wa-review.1" | grep -qF -- "$w" ||
		fail "man page lacks $w"
done

run "$WA" validate
expect_rc 0 "validate built-in"
expect_out "13 questions, 65 best practices (33 high, 31 medium, 1 low risk) in 4 areas" "validate counts"
expect_out "Foundations" "validate areas"
expect_out "REL09-REL13  5 questions" "validate failure management"

run "$WA" validate "$TESTS_CLI/../../questions"
expect_rc 0 "validate questions/ dir"

run "$WA" --demo
expect_rc 0 "--demo"
expect_out "Review: Checkout service (production)" "demo summary"
expect_out "REL06  HIGH" "demo REL06 none-of-these is high"
expect_out "REL12  NOT_APPLICABLE" "demo N/A"
expect_out "REL13  UNANSWERED" "demo unanswered"

# Usage errors: one line on stderr, exit 2.
run "$WA" frobnicate extra
expect_rc 2 "unknown command"
expect_err "unknown command 'frobnicate'"
expect_err_lines 1 "unknown command"
run "$WA" --bogus
expect_rc 2 "unknown option"
expect_err "unknown option '--bogus'"
run "$WA"
expect_rc 2 "no args"
run "$WA" status
expect_rc 2 "status without file"
run "$WA" status --fail-on low --demo
expect_rc 2 "bad --fail-on"
expect_err "--fail-on takes high or medium"
run "$WA" validate a b
expect_rc 2 "validate two dirs"
run "$WA" validate /nonexistent-dir
expect_rc 2 "validate missing dir"
expect_err "/nonexistent-dir/set.yaml: "
expect_err_lines 1 "validate missing dir"

finish
