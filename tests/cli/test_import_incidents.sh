#!/bin/sh
# wa-review import-incidents: incident history from CSV and YAML, the measured availability,
# MTTR and MTBF that status reports (checked against python's own arithmetic of the
# documented rule: the period runs from the earlier of the first incident and the review's
# creation to now, SOURCE_DATE_EPOCH here; a partial outage counts half its duration), the
# cost of downtime, and bad logs refused at file:line:column with the review unchanged.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1

# lib.sh pins SOURCE_DATE_EPOCH=1795000000 (2026-11-18T11:06:40Z): "now" for the period,
# and the review's creation time.
run "$WA" new shop.yaml --availability 99.9
expect_rc 0 "new"

cat >log.csv <<'EOF'
date,duration,impact,note
2026-10-15,45m,full,Database connection timeout
2026-10-22 14:00,20 minutes,partial,"Auto Scaling failure, ""degraded"""
2026-11-03T09:00:00Z,1h,partial,External API timeout
EOF
run "$WA" import-incidents log.csv shop.yaml
expect_rc 0 "import csv"
expect_out "added 3 incidents to shop.yaml; 3 in its history"
expect_out "measured" "import verdict"
expect_out "vs target 99.9%: below the target"

T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - shop.yaml <<'PY' || fail "incidents in the review"
import yaml, sys
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
i = d["incidents"]
assert [x["date"] for x in i] == ["2026-10-15", "2026-10-22T14:00:00Z", "2026-11-03T09:00:00Z"], i
assert [x["duration"] for x in i] == ["45m", "20m", "1h"]
assert [x["impact"] for x in i] == ["full", "partial", "partial"]
assert i[1]["note"] == 'Auto Scaling failure, "degraded"'
PY

# Importing the same log again adds nothing.
cp shop.yaml once.yaml
run "$WA" import-incidents log.csv shop.yaml
expect_rc 0 "import again"
expect_out "added 0 incidents to shop.yaml (3 already recorded)"

# A YAML log (the review file's own form) adds one more, in date order.
cat >log.yaml <<'EOF'
incidents:
  - date: 2026-11-10T12:00:00Z
    duration: 1h30m
    note: Region-wide DNS issue
EOF
run "$WA" import-incidents log.yaml shop.yaml
expect_rc 0 "import yaml"
expect_out "added 1 incident to shop.yaml; 4 in its history"

run "$WA" status shop.yaml --json
expect_rc 0 "status --json"
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - "$T_DIR/out" <<'PY' || fail "measured availability"
import json, sys, calendar, time
a = json.load(open(sys.argv[1]))["availability"]
ts = lambda s: calendar.timegm(time.strptime(s, "%Y-%m-%dT%H:%M:%S"))
now = 1795000000
start = min(ts("2026-10-15T00:00:00"), now)          # before the review's creation
durations = [45 * 60, 20 * 60, 60 * 60, 90 * 60]
weights = [1, 0.5, 0.5, 1]
down = sum(d * w for d, w in zip(durations, weights))
period = now - start
m = a["measured"]
assert abs(m["percent"] - (1 - down / period) * 100) < 1e-9, (m["percent"], (1 - down / period) * 100)
assert m["incidents"] == 4 and m["partial"] == 2
assert m["from"] == "2026-10-15T00:00:00Z" and m["to"] == "2026-11-18T11:06:40Z"
assert abs(m["mttr_hours"] - sum(durations) / 4 / 3600) < 1e-9
assert abs(m["mtbf_hours"] - (period - sum(durations)) / 4 / 3600) < 1e-9
assert a["target_percent"] == 99.9 and a["meets_target"] is False
assert "computed_percent" not in a
PY
run "$WA" status shop.yaml
expect_out "measured" "status text"
expect_out "4 incidents (2 partial) from 2026-10-15 to 2026-11-18; MTTR 53m 45s" "status text period"

# The cost of downtime, on the measured figure when there are no components.
sed 's/^  availability_target: 99.9$/  availability_target: 99.9\n  downtime_cost_per_hour: 10000\n  downtime_cost_currency: EUR/' \
	shop.yaml >cost.yaml
run "$WA" status cost.yaml --json
expect_rc 0 "status with cost"
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - "$T_DIR/out" <<'PY' || fail "cost of downtime"
import json, sys
a = json.load(open(sys.argv[1]))["availability"]
c = a["cost"]
m = a["measured"]["percent"] / 100
assert c["currency"] == "EUR" and c["per_hour"] == 10000 and c["basis"] == "measured", c
assert abs(c["per_year"] - (1 - m) * 8760 * 10000) < 1e-6, c
assert abs(c["per_year_at_target"] - 0.001 * 8760 * 10000) < 1e-6, c
PY
run "$WA" status cost.yaml
expect_out "cost of downtime: EUR " "cost line"
expect_out "; EUR 87,600 at the target" "cost at the target: 8.76 h at 10,000"

# --replace starts the history afresh.
run "$WA" import-incidents --replace log.yaml shop.yaml
expect_rc 0 "--replace"
expect_out "1 in its history"

# Bad logs: exit 2, one line with file:line:column, the review unchanged.
cp shop.yaml before.yaml
bad_log() { # NAME TEXT EXPECTED-STDERR-PART
	printf '%s\n' "$2" >"$1"
	run "$WA" import-incidents "$1" shop.yaml
	expect_rc 2 "bad log: $3"
	expect_err "$3" "bad log"
	expect_err_lines 1 "bad log: $3"
	expect_same_file shop.yaml before.yaml "bad log: $3"
}
bad_log bad.csv "date,duration,cause
2026-10-01,1h,db" "bad.csv:1:15: unknown column 'cause' (expected date, duration, impact, note)"
bad_log bad.csv "date,impact
2026-10-01,full" "bad.csv:1:1: the header row has no 'duration' column"
bad_log bad.csv "date,duration,impact
2026-10-01,1h,full
2026-02-30,1h,full" "bad.csv:3:1: date: expected a date such as 2024-01-15"
bad_log bad.csv "date,duration
2026-10-01,  90" "bad.csv:2:14: duration: expected a length of time"
bad_log bad.csv "date,duration,impact
2026-10-01,1h,degraded" "bad.csv:2:15: impact: 'degraded' is not full or partial"
bad_log bad.csv "date,duration,note
2026-10-01,1h" "bad.csv:2:1: expected 3 fields as in the header row, found 2"
bad_log bad.csv "date,duration,note
2026-10-01,1h,\"never closed" "bad.csv:2:15: a quoted field is not closed"
bad_log bad.csv "date,date,duration" "bad.csv:1:6: column 'date' appears twice"
bad_log bad.yaml "- {date: 2026-10-01, duration: 1h, impact: degraded}" "bad.yaml:1:44: incidents item 1: impact: 'degraded' is not full or partial"
bad_log bad.yaml "incidents:
  - {date: 2026-10-01}" "bad.yaml:2:5: incidents item 1: missing required key 'duration'"
bad_log bad.yaml "events: []" "bad.yaml:1:1: incident log: unknown key 'events'"
# An incident that has not ended by now (SOURCE_DATE_EPOCH) cannot be history yet.
bad_log future.csv "date,duration
2026-11-18T11:00:00Z,1h" "future.csv: incident 2 (2026-11-18T11:00:00Z) ends at 2026-11-18T12:00:00Z, after now (2026-11-18T11:06:40Z)"
printf 'date,duration\n2026-10-01,1h\n' >log.txt
run "$WA" import-incidents --format csv log.txt shop.yaml
expect_rc 0 "--format csv on a .txt file"
run "$WA" import-incidents --format xml log.txt shop.yaml
expect_rc 2 "--format xml"
run "$WA" import-incidents log.csv
expect_rc 2 "one argument"

# A review edited by hand into an incident in the future (or read on a machine whose clock
# is behind): status warns in one line and shows the rest without the measured figure.
sed 's/date: "2026-10-15"/date: "2027-01-01"/' once.yaml >future.yaml
run "$WA" status future.yaml
expect_rc 0 "status with a future incident"
expect_err "wa-review: warning: future.yaml: incident"
expect_err "after now (2026-11-18T11:06:40Z); the measured availability is left out"
expect_err_lines 1 "status with a future incident"
T_CHECKS=$((T_CHECKS + 1))
printf '%s\n' "$T_OUT" | grep -q "measured" && fail "a measured figure from a future incident"
run "$WA" status future.yaml --json
expect_rc 0 "status --json with a future incident"
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 -c "import json; a=json.load(open('$T_DIR/out'))['availability']; assert 'measured' not in a, a" ||
	fail "JSON measured from a future incident"

finish
