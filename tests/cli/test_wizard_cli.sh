#!/bin/sh
# The wizard's command line without a terminal: scripts keep getting the summary, wizard
# options are checked either way, and the man page documents every key of the key table
# (printed by the keytable tool), every theme and every colour element.
. "$TESTS_CLI/lib.sh"

# Not a terminal: FILE and --demo print the summary, whatever the wizard options say.
run "$WA" --theme light --workshop --timebox 90s --demo
expect_rc 0 "--demo with wizard options, no terminal"
expect_out "Review: Checkout service (production)" "summary without a terminal"
run "$WA" new "$T_DIR/r.yaml"
run "$WA" --theme mono "$T_DIR/r.yaml" </dev/null
expect_rc 0 "FILE, no terminal"
expect_out "REL01  UNANSWERED"
[ -e "$T_DIR/r.yaml.lock" ] && fail "the summary left a lock file"

# Wizard options are checked before anything else.
run "$WA" --theme solarized --demo
expect_rc 2 "unknown theme"
expect_err "no built-in theme 'solarized' (default, light, high-contrast, mono)"
printf 'name: bad\ncolors:\n  cursor: {fg: 300}\n' >"$T_DIR/bad.yaml"
run "$WA" --theme "$T_DIR/bad.yaml" --demo
expect_rc 2 "bad theme file"
expect_err "$T_DIR/bad.yaml:3:16: colour '300': numbers go from 0 to 255"
expect_err_lines 1 "bad theme file"
printf 'name: mine\nbase: high-contrast\ncolors:\n  cursor: {fg: 16, bg: 226}\n' >"$T_DIR/mine.yaml"
run "$WA" --theme "$T_DIR/mine.yaml" --demo
expect_rc 0 "a good theme file"
run "$WA" --timebox 10 --demo
expect_rc 2 "timebox without a unit"
expect_err "--timebox: '10' is not a duration such as 10m or 90s"
run "$WA" --timebox 0s --demo
expect_rc 2 "zero timebox"
run "$WA" --workshop status --demo
expect_rc 2 "--workshop with a command"
expect_err "--workshop does not go with 'status'"
run "$WA" --theme light validate
expect_rc 2 "--theme with a command"

# The evidence sweep's accounts (--role, --org-unit, --accounts): refused in the words
# `evidence` uses, before the terminal is taken and with or without one; nothing written.
cp "$T_DIR/r.yaml" "$T_DIR/r.before"
wizard_refuses() { # WHAT MESSAGE ARGS...: exit 2, that message, the review untouched
	what=$1 msg=$2
	shift 2
	run "$WA" "$@" "$T_DIR/r.yaml"
	expect_rc 2 "wizard: $what"
	expect_err "wa-review: $msg (see 'wa-review --help')" "wizard: $what: message"
	expect_err_lines 1 "wizard: $what"
	run "$WA" evidence "$T_DIR/r.yaml" "$@"
	expect_rc 2 "evidence: $what"
	expect_err "wa-review: $msg (see 'wa-review evidence --help')" "evidence: $what: the same message"
}
wizard_refuses "--org-unit without --role" "--org-unit needs --role NAME: the role to assume in each account" \
	--org-unit ou-abcd-12345678
wizard_refuses "--accounts without --role" "--accounts needs --role NAME: the role to assume in each account" \
	--accounts 111122223333
wizard_refuses "--org-unit and --accounts" "give --org-unit or --accounts, not both" \
	--role R --org-unit ou-abcd-12345678 --accounts 111122223333
wizard_refuses "bad role name" "--role: 'bad role!' is not an IAM role name (1 to 64 of A-Z a-z 0-9 +=,.@_-, optionally after a path/)" \
	--role 'bad role!'
wizard_refuses "bad OU" "--org-unit: 'ou-x' is not an Organizations OU ID (ou-abcd-12345678) or root ID (r-abcd)" \
	--role R --org-unit ou-x
wizard_refuses "bad account ID" "--accounts: '1111222233334' is not an AWS account ID (12 digits)" \
	--role R --accounts 111122223333,1111222233334
wizard_refuses "empty --accounts" "--accounts: name at least one account ID" \
	--role R --accounts ,
run "$WA" --offline --role R "$T_DIR/r.yaml"
expect_rc 2 "wizard: --role with --offline"
expect_err "--role does not go with --offline" "wizard: --role with --offline: message"
run "$WA" --role R evidence "$T_DIR/r.yaml"
expect_rc 2 "wizard's --role before a command"
expect_err "--role does not go with 'evidence'" "--role before a command: message"
expect_same_file "$T_DIR/r.yaml" "$T_DIR/r.before" "review after the refused options"
# Good options, no terminal: the summary as ever (the workload's accounts are asked for
# only when e or E collects).
run "$WA" --role WaReview --accounts 111122223333 "$T_DIR/r.yaml" </dev/null
expect_rc 0 "--role and --accounts, no terminal"
expect_out "REL01  UNANSWERED" "--role: the summary without a terminal"

run "$WA" --help
for o in --theme --workshop --timebox --role --org-unit --accounts; do
	expect_out "$o" "--help mentions $o"
done

# The man page documents every key the key table binds, as the help overlay lists them.
man_text=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$TESTS_CLI/../../man/wa-review.1")
keys=$("$WA_TOOLS/keytable" | grep -v '^== ' | cut -f1 | grep -v '^letters$' | sort -u)
[ -n "$keys" ] || fail "the keytable tool printed nothing"
echo "$keys" | while IFS= read -r k; do
	printf '%s\n' "$man_text" | grep -qF -- "$k" || echo "$k"
done >"$T_DIR/missing"
T_CHECKS=$((T_CHECKS + 1))
[ -s "$T_DIR/missing" ] && fail "man page lacks keys: $(tr '\n' '|' <"$T_DIR/missing")"
for w in default light high-contrast mono NO_COLOR XDG_DATA_HOME XDG_STATE_HOME \
	"WORKSHOP MODE" "THE WIZARD" Start Workload Checklist Questions Risks Roadmap Availability; do
	T_CHECKS=$((T_CHECKS + 1))
	printf '%s\n' "$man_text" | grep -qF -- "$w" || fail "man page lacks $w"
done
for el in $(sed -n 's/^  \([a-z-]*\):.*/\1/p' "$TESTS_CLI/../../themes/default.yaml"); do
	T_CHECKS=$((T_CHECKS + 1))
	printf '%s\n' "$man_text" | grep -qF -- "$el" || fail "man page lacks the element $el"
done

finish
