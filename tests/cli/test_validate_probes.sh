#!/bin/sh
# validate on question sets with broken probes: one line naming file:line:column, exit 2,
# the same through --questions.
. "$TESTS_CLI/lib.sh"
src="$TESTS_CLI/../../questions"

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
	run "$WA" --questions "$d" iam-policy
	expect_rc 2 "$1 via --questions"
}

line_of() { grep -n -m1 -- "$2" "$src/$1" | cut -d: -f1; }
F=failure-management.yaml

l=$(line_of $F 'query: "DBInstances\[?!starts_with(Engine')
case_ bad-query "${l}s/DBInstances\[?!starts_with/DBInstances[?!starts_wit/" $F \
	"$F:$l:31: probe rds-multi-az: query: unknown-function error at column 15: unknown function starts_wit()"
l=$(line_of $F 'call: rds DescribeDBClusters')
case_ unknown-op "${l}s/DescribeDBClusters/DescribeDBCluster/" $F \
	"$F:$l:19: probe aurora-multi-az: call: rds has no operation 'DescribeDBCluster' (did you mean DescribeDBClusters?)"
case_ write-op "${l}s/DescribeDBClusters/DeleteDBCluster/" $F \
	"$F:$l:19: probe aurora-multi-az: call: 'DeleteDBCluster' is not a read-only operation"
l=$(line_of $F 'evidence_for: \[REL10-BP01\]')
case_ unknown-bp "${l}s/REL10-BP01/REL10-BP07/" $F \
	"$F:$l:24: probe rds-multi-az: evidence_for: 'REL10-BP07' is not a best practice of REL10"
l=$(line_of $F 'finding: "DB instances in {region} in a single')
c=$(sed -n "${l}p" "$src/$F" | awk '{ print index($0, "{resources}") + 1 }')
case_ bad-template "${l}s/{resources}/{resource}/" $F \
	"$F:$l:$c: probe rds-multi-az: finding: unknown name '{resource}'"
case_ unknown-key "${l}s/finding:/findings:/" $F \
	"$F:$l:9: probe of REL10: unknown key 'findings'"
l=$(line_of foundations.yaml 'id: quota-usage-alarms')
case_ dup-probe "${l}s/quota-usage-alarms/rds-multi-az/" foundations.yaml \
	"$F:$(line_of $F "id: rds-multi-az"):13: duplicate probe ID 'rds-multi-az' (already defined at $T_DIR/dup-probe/foundations.yaml:$l)"

finish
