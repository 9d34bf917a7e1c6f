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
run "$WA" --help
for o in --theme --workshop --timebox; do expect_out "$o" "--help mentions $o"; done

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
