#!/bin/sh
# `validate DIR` and `--questions DIR` on broken copies of the real question set: each
# mistake is one line naming file:line:column, exit 2.
. "$TESTS_CLI/lib.sh"
src="$TESTS_CLI/../../questions"

# case NAME SED-SCRIPT FILE EXPECTED: copy the set, edit FILE with sed, validate.
case_() {
	d="$T_DIR/$1"
	rm -rf "$d"
	mkdir -p "$d"
	cp "$src"/*.yaml "$d"/
	sed -i "$2" "$d/$3"
	T_CHECKS=$((T_CHECKS + 1))
	cmp -s "$d/$3" "$src/$3" && fail "$1: the sed edit changed nothing"
	run "$WA" validate "$d"
	expect_rc 2 "$1"
	expect_err "$4" "$1"
	expect_err_lines 1 "$1"
	run "$WA" --questions "$d" status --demo
	expect_rc 2 "$1 via --questions"
	expect_err "$4" "$1 via --questions"
}

line_of() { grep -n -m1 -- "$2" "$src/$1" | cut -d: -f1; }

l=$(line_of foundations.yaml "risk: high")
case_ risk-missing "${l}d" foundations.yaml "foundations.yaml:"
case_ risk-bad "${l}s/risk: high/risk: severe/" foundations.yaml "foundations.yaml:$l:15: risk: expected high, medium or low"
case_ unknown-key "${l}s/risk: high/riks: high/" foundations.yaml "foundations.yaml:$l:9: best practice of REL01: unknown key 'riks'"
l=$(line_of failure-management.yaml "id: REL10$")
case_ dup-question "${l}s/REL10/REL09/" failure-management.yaml "duplicate question ID 'REL09' (already defined at $T_DIR/dup-question/failure-management.yaml:"
l=$(line_of change-management.yaml "id: REL07-BP02")
case_ dup-bp "${l}s/REL07-BP02/REL07-BP01/" change-management.yaml "change-management.yaml:$l:13: duplicate best practice ID 'REL07-BP01'"
case_ dup-q-across-files "s/id: REL03$/id: REL01/" workload-architecture.yaml "duplicate question ID 'REL01' (already defined at $T_DIR/dup-q-across-files/foundations.yaml:"
l=$(line_of set.yaml "foundations.yaml")
case_ missing-area-file "${l}s/foundations.yaml/nowhere.yaml/" set.yaml "nowhere.yaml: "
l=$(line_of foundations.yaml "  title: Foundations")
case_ tab-indent "${l}s/^  /\t/" foundations.yaml "foundations.yaml:$l:1: found a tab character that violates indentation"

# A question without best practices, in a set of its own.
d="$T_DIR/empty-question"
mkdir -p "$d"
printf 'set: {id: e, name: E, pillar: reliability, framework_version: "1", areas: [a.yaml]}\n' >"$d/set.yaml"
printf 'area: {id: a, title: A}\nquestions:\n  - id: REL01\n    title: Q?\n    description: D\n    wa_question_id: q\n    none_choice_id: q_no\n    best_practices: []\n' >"$d/a.yaml"
run "$WA" validate "$d"
expect_rc 2 "empty question"
expect_err "a.yaml:8:21: question REL01 has no best practices" "empty question"

# A question with explicit risk rules is used by status.
d="$T_DIR/rules"
mkdir -p "$d"
cp "$src"/*.yaml "$d"/
l=$(line_of foundations.yaml "best_practices:")
sed -i "${l}i\\    risk_rules:\\n      - {when: \"REL01-BP01 \&\& REL01-BP02\", risk: none}\\n      - {when: default, risk: medium}" "$d/foundations.yaml"
run "$WA" validate "$d"
expect_rc 0 "rules set validates"
cd "$T_DIR" || exit 1
"$WA" new r.yaml >/dev/null
run "$WA" --questions "$d" answer r.yaml REL01 --select BP01,BP02
expect_out "REL01: NONE" "rule: BP01 && BP02 -> none"
run "$WA" --questions "$d" answer r.yaml REL01 --select BP01,BP03,BP04,BP05,BP06
expect_out "REL01: MEDIUM" "rule: default -> medium (the default rule would say high)"
sed -i 's/REL01-BP01 \&\& REL01-BP02/REL01-BP01 \&\& REL01-BP77/' "$d/foundations.yaml"
run "$WA" validate "$d"
expect_rc 2 "rule with unknown BP"
expect_err "'REL01-BP77' is not a best practice of REL01"

finish
