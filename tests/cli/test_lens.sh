#!/bin/sh
# wa-review lens export|import|check: the built-in set and a team's copy of it as custom
# lenses, round trips through files, the Tool's limits and every kind of bad input.
. "$TESTS_CLI/lib.sh"
Q="$TESTS_CLI/../../questions"

run "$WA" lens --help
expect_rc 0 "lens --help"
for o in export import check --output --force; do expect_out "$o" "lens --help mentions $o"; done
for w in "lens export" "lens import" "lens check" --force; do
	T_CHECKS=$((T_CHECKS + 1))
	sed 's/\\-/-/g; s/\\f[BIR]//g' "$TESTS_CLI/../../man/wa-review.1" | grep -qF -- "$w" ||
		fail "man page lacks $w"
done
run "$WA" --help
expect_out "lens export [DIR] [-o FILE]" "--help lists lens"

# Export: to a file (atomically) or standard output, the same bytes either way.
run "$WA" lens export -o "$T_DIR/lens.json"
expect_rc 0 "export the built-in set"
run "$WA" lens export
expect_rc 0 "export to stdout"
T_CHECKS=$((T_CHECKS + 1))
printf '%s\n' "$T_OUT" | cmp -s - "$T_DIR/lens.json" || fail "stdout and -o differ"
run "$WA" lens check "$T_DIR/lens.json"
expect_rc 0 "check our own lens"
expect_out "is a custom lens the Tool accepts"
T_CHECKS=$((T_CHECKS + 1))
python3 - "$T_DIR/lens.json" <<'PY' || fail "the exported lens is not what the built-in set holds"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["schemaVersion"] == "2021-11-01"
qs = [q for p in d["pillars"] for q in p["questions"]]
assert [p["id"] for p in d["pillars"]] == ["foundations", "workload_architecture",
                                           "change_management", "failure_management"]
assert len(qs) == 13 and sum(len(q["choices"]) - 1 for q in qs) == 65
assert qs[0]["title"] == "REL01 How do you manage service quotas and constraints?"
assert all(q["choices"][-1]["id"].endswith("_no") for q in qs)
assert all(r["risk"] in ("NO_RISK", "MEDIUM_RISK", "HIGH_RISK") for q in qs for r in q["riskRules"])
PY

# Import, validate, export again: the same file.
run "$WA" lens import "$T_DIR/lens.json" -o "$T_DIR/set"
expect_rc 0 "import our lens"
expect_out "imported AWS Well-Architected Framework, Reliability pillar: 13 questions, 65 best practices in 4 areas"
run "$WA" validate "$T_DIR/set"
expect_rc 0 "validate the imported set"
expect_out "(33 high, 31 medium, 1 low risk)" "risks read back from the rules"
run "$WA" --questions "$T_DIR/set" lens export -o "$T_DIR/again.json"
expect_rc 0 "export the imported set"
expect_same_file "$T_DIR/lens.json" "$T_DIR/again.json" "export, import, export"
# …and the wizard's commands run on it: a review answered against the imported set.
run "$WA" --questions "$T_DIR/set" new "$T_DIR/r.yaml" --name "Shop"
expect_rc 0 "new review on the imported set"
run "$WA" --questions "$T_DIR/set" answer "$T_DIR/r.yaml" REL01 --select BP01,BP02
run "$WA" --questions "$T_DIR/set" status "$T_DIR/r.yaml" --json
expect_out '"MEDIUM"' "REL01 with both high practices is medium, as the rules say"

# Nothing is replaced without --force.
cp "$T_DIR/set/set.yaml" "$T_DIR/before"
run "$WA" lens import "$T_DIR/lens.json" -o "$T_DIR/set"
expect_rc 2 "import over a set"
expect_err "already holds a question set (set.yaml)"
expect_err_lines 1 "one line"
run "$WA" lens import "$T_DIR/lens.json" -o "$T_DIR/set" --force
expect_rc 0 "--force"
expect_same_file "$T_DIR/before" "$T_DIR/set/set.yaml" "same lens, same set"

# A team's copy with a title past the Tool's limit: one line naming the JSON path.
cp -r "$Q" "$T_DIR/team"
long=$(printf 'x%.0s' $(seq 1 120))
sed -i "0,/title: Aware of service quotas and constraints/s//title: Aware $long/" \
	"$T_DIR/team/foundations.yaml"
run "$WA" lens export "$T_DIR/team" -o "$T_DIR/team.json"
expect_rc 2 "a title too long"
expect_err "wa-review: $T_DIR/team.json: pillars[0].questions[0].choices[0].title: 137 characters, the Tool allows 128"
expect_err_lines 1 "one line"
T_CHECKS=$((T_CHECKS + 1))
[ ! -e "$T_DIR/team.json" ] || fail "a refused export left a file"

# A lens breaking a limit, bad JSON, a missing file: exit 2, one line with the place.
python3 - "$T_DIR/lens.json" "$T_DIR/16.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
q = d["pillars"][3]["questions"][3]
base = q["choices"][0]
q["choices"] = [dict(base, id=f"choice_{i}") for i in range(16)]
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"))
PY
run "$WA" lens import "$T_DIR/16.json" -o "$T_DIR/x"
expect_rc 2 "16 choices"
expect_err "wa-review: $T_DIR/16.json: pillars[3].questions[3].choices: 16 choices, the Tool allows 15"
expect_err_lines 1 "one line"
T_CHECKS=$((T_CHECKS + 1))
[ ! -e "$T_DIR/x" ] || fail "a refused import created the directory"
run "$WA" lens check "$T_DIR/16.json"
expect_rc 2 "check refuses it too"
printf '{"schemaVersion": "2021-11-01",\n  "name": "x",,\n}' >"$T_DIR/bad.json"
run "$WA" lens import "$T_DIR/bad.json" -o "$T_DIR/x"
expect_rc 2 "bad JSON"
expect_err "$T_DIR/bad.json:2:"
expect_err_lines 1 "one line"
run "$WA" lens check "$T_DIR/nope.json"
expect_rc 2 "missing file"
expect_err "$T_DIR/nope.json"

# A lens from the Tool with things a set cannot hold: notes, and the import goes on.
cat >"$T_DIR/tool.json" <<'JSON'
{"schemaVersion": "2021-11-01", "name": "Company Policy ABC",
 "pillars": [{"id": "company_Privacy", "name": "Privacy", "questions": [
  {"id": "privacy01", "title": "How do you keep HR talks private?",
   "helpfulResource": {"displayText": "Read this", "url": "https://example.com/q"},
   "choices": [
    {"id": "choice_1", "title": "Secure channels",
     "helpfulResource": {"displayText": "Only secure channels", "url": "https://example.com/1"},
     "improvementPlan": {"displayText": "Move the talks"}},
    {"id": "choice_2", "title": "Audited",
     "helpfulResource": {"displayText": "Audits", "url": "http://example.com/2"},
     "improvementPlan": {"displayText": "Audit yearly", "url": "https://example.com/2i"}},
    {"id": "choice_no", "title": "None of these"}],
   "riskRules": [{"condition": "choice_1 && choice_2", "risk": "NO_RISK"},
                 {"condition": "choice_1", "risk": "MEDIUM_RISK"},
                 {"condition": "default", "risk": "HIGH_RISK"}]}]}]}
JSON
run "$WA" lens import "$T_DIR/tool.json" -o "$T_DIR/abc"
expect_rc 0 "import a Tool lens"
expect_err "note: $T_DIR/tool.json: pillars[0].questions[0].helpfulResource: a question set has no links for a question"
expect_err "pillars[0].questions[0].choices[1].helpfulResource: http://example.com/2: a question set keeps only https:// links"
run "$WA" validate "$T_DIR/abc"
expect_rc 0 "validate the Tool lens's set"
expect_out "1 questions, 2 best practices (1 high, 1 medium, 0 low risk)"
run "$WA" --questions "$T_DIR/abc" lens export
expect_rc 0 "export it back"
expect_out '"title": "Q01-BP02 Audited"'

# Usage errors.
run "$WA" lens
expect_rc 2 "no action"
expect_err "give export, import or check"
run "$WA" lens import "$T_DIR/lens.json"
expect_rc 2 "import without -o"
expect_err "import needs -o DIR"
run "$WA" lens frob
expect_rc 2 "unknown action"
expect_err_lines 1 "one line"
run "$WA" lens export a b
expect_rc 2 "two directories"
finish
