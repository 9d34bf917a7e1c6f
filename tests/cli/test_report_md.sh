#!/bin/sh
# The Markdown report: parsed by cmark (CommonMark) and cmark-gfm (tables, task lists,
# autolinks) and checked for its structure, the matrix's fields, the plan's dates, themes
# and metrics, units and currency, and the reviewer's text; stable; written atomically.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1
cp "$TESTS_CLI/data/report_review.yaml" r.yaml

# A milestone, then progress: REL06 gains two best practices, one item is marked done.
run "$WA" milestone r.yaml baseline
expect_rc 0 "milestone"
run "$WA" answer r.yaml REL06 --select BP01,BP02,BP03
run "$WA" roadmap r.yaml --set REL09-BP03 --status done
expect_rc 0 "roadmap --set"

run "$WA" report r.yaml
expect_rc 0 "report (md is the default)"
printf '%s\n' "$T_OUT" >r.md
"$WA" report r.yaml --format json >r.json
"$WA" status r.yaml --json >s.json
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 "$TESTS_CLI/report_md_check.py" r.md r.yaml r.json s.json || fail "markdown structure"

# Progress since the milestone names the changes.
expect_out "Since the milestone **baseline**"
expect_out "- Risk went down: **REL06** HIGH → MEDIUM" "progress: risk down"
expect_out "- Done: **REL06-BP02**" "progress: done (now in place)"
expect_out "- Done: **REL09-BP03** Perform data backup automatically (marked done)" "progress: marked done"
# Evidence cited with its resources; the confirmed gap leads the plan.
expect_out "- **FAIL** \`backup-plan-coverage\`: 2 of 3 databases have no backup plan"
expect_out "\`arn:aws:rds:eu-west-1:111122223333:db:orders\`" "resources cited"
expect_out "### 1. REL09-BP02 " "confirmed high-risk quick win ranks first"
expect_out "- **Evidence:** **not implemented**: backup-plan-coverage found 2 offenders in eu-west-1: 2 of 3 databases have no backup plan" "the item's verdict"
expect_out "Week 1 of the plan starts on 2026-11-01, the day the review was created; week 12 ends on 2027-01-23."
expect_out "| **High risk / high impact** (4) | **REL09-BP02** Secure and encrypt backups | high | low | unassigned | 2026-11-07 (week 1) | **not implemented**: backup-plan-coverage" "matrix row"
expect_out "| Mei Tanaka | 2026-11-28 (week 4, set by the team), in progress |" "matrix: owner, the team's week, status"
expect_out "- **Target:** 99.95%" "availability target"
expect_out "- **Computed:** not yet known (list components in the workload)"
expect_out "framework version 2024-11-06" "framework version"

# A review just created, with nothing answered: still a well-formed report.
"$WA" new empty.yaml --name "Empty" >/dev/null
"$WA" report empty.yaml >empty.md
"$WA" report empty.yaml --format json >empty.json
"$WA" status empty.yaml --json >empty-status.json
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 "$TESTS_CLI/report_md_check.py" empty.md empty.yaml empty.json empty-status.json ||
	fail "markdown structure of an empty review"
T_CHECKS=$((T_CHECKS + 1))
grep -qF "13 questions are not answered yet (REL01, REL02," empty.md || fail "empty review summary"

# The demo review (components, incidents, a cost in EUR) passes the same checks: every
# availability figure with its unit and source, every amount in EUR.
run "$WA" report --demo --format md
expect_rc 0 "report --demo"
printf '%s\n' "$T_OUT" >demo.md
"$WA" report --demo --format json >demo.json
"$WA" status --demo --json >demo-status.json
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 "$TESTS_CLI/report_md_check.py" demo.md "$TESTS_CLI/../../questions/demo/review.yaml" \
	demo.json demo-status.json || fail "markdown structure of the demo"
expect_out "- **Cost of downtime:** EUR 425,340 a year at the computed availability (99.730251%, from the components), EUR 78,840 a year at the target (99.95%), at EUR 18,000 an hour of downtime" "cost: currency and basis"
expect_out "- **Measured:** 99.960309% from the incident history, 2 incidents from 2026-10-06 to 2026-11-18 (mean time to repair 18m 30s, mean time between failures 21d 10h 4m 50s), which meets the target"
expect_out "- availability at or above the target of 99.95%; now 99.730251% computed from the components (below it) and 99.960309% measured over the incident history (meets it)" "availability as the plan's success metric"

# Same review, same report.
"$WA" report r.yaml >again.md
expect_same_file r.md again.md "second run"

# -o writes atomically, mode 0644, and never over the review itself.
run "$WA" report r.yaml -o out.md
expect_rc 0 "report -o"
expect_err "wrote md report to out.md"
expect_same_file r.md out.md "-o content"
T_CHECKS=$((T_CHECKS + 1))
[ "$(stat -c %a out.md)" = 644 ] || fail "report file mode $(stat -c %a out.md)"
cp r.yaml keep.yaml
run "$WA" report r.yaml -o r.yaml
expect_rc 2 "-o onto the review"
expect_err "would overwrite the review itself"
expect_same_file r.yaml keep.yaml "review after refused -o"
ln -s r.yaml link.yaml
run "$WA" report r.yaml -o link.yaml
expect_rc 2 "-o onto a link to the review"
run "$WA" report r.yaml -o "$T_DIR/no/such/dir/x.md"
expect_rc 2 "-o into a missing directory"

# Usage errors.
run "$WA" report r.yaml --format pdf
expect_rc 2 "--format pdf"
expect_err "--format takes md, json, csv or html"
run "$WA" report
expect_rc 2 "no FILE"
run "$WA" report missing.yaml
expect_rc 2 "missing review"
run "$WA" report --help
expect_rc 0 "report --help"
for o in --format --output --redact --demo; do expect_out "$o" "report --help mentions $o"; done
finish
