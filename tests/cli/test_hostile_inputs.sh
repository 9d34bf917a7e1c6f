#!/bin/sh
# Hostile files and arguments: every input refuses what would hang it, exhaust it or change
# what the user wrote, with a one-line file:line:column (or option) error and exit 2, and
# files are written with the permissions the user expects. Each command runs under
# `timeout`, so a hang fails the check (exit 124) instead of the whole suite; how fast
# loading stays as files grow is measured by tests/bench/bench_yaml_load.c, not here.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1
umask 022

t() { run timeout 60 "$@"; }

"$WA" new r.yaml --name Shop >/dev/null || fail "new r.yaml"
mkdir q
"$WA" validate >/dev/null || fail "built-in set"

# refused_by_loaders FILE WANT LABEL: the review, inventory, incident log and theme loaders
# all refuse FILE, each with WANT on one line of stderr and exit 2.
refused_by_loaders() {
	t "$WA" status "$1"
	expect_rc 2 "$3 review"
	expect_err "$2" "$3 review"
	expect_err_lines 1 "$3 review"
	t "$WA" import-components "$1" r.yaml
	expect_rc 2 "$3 inventory"
	expect_err "$2" "$3 inventory"
	t "$WA" import-incidents "$1" r.yaml
	expect_rc 2 "$3 incident log"
	expect_err "$2" "$3 incident log"
	t "$WA" --theme "./$1" --demo
	expect_rc 2 "$3 theme"
	expect_err "$2" "$3 theme"
}

# ---- 100,000 levels of nesting: refused at the 65th, for every kind of YAML input ----
python3 -c "import sys; sys.stdout.write('[' * 100000 + ']' * 100000 + '\n')" >deep.yaml
refused_by_loaders deep.yaml "deep.yaml:1:65: nested more than 64 levels deep" "deep"
cp deep.yaml q/set.yaml
t "$WA" validate q
expect_rc 2 "deep question set"
expect_err "q/set.yaml:1:65: nested more than 64 levels deep" "deep question set"

# ---- a mapping of 100,000 keys with one duplicate: found, with both lines ----
python3 -c "
import sys
sys.stdout.write(''.join('k%d: %d\n' % (i, i) for i in range(100000)) + 'k17: again\n')" >wide.yaml
t "$WA" status wide.yaml
expect_rc 2 "wide review"
expect_err "wide.yaml:100001:1: review: duplicate key 'k17' (first at line 18)" "wide review"

# ---- a FIFO given as any input: refused at once, never opened ----
mkfifo fifo.yaml
want="fifo.yaml: not a regular file (a FIFO)"
refused_by_loaders fifo.yaml "$want" "FIFO"
t "$WA" query @ fifo.yaml
expect_rc 2 "FIFO query"
expect_err "$want" "FIFO query"
t "$WA" aws sts GetCallerIdentity --cli-input-json file://fifo.yaml
expect_rc 2 "FIFO --cli-input-json"
expect_err "$want" "FIFO --cli-input-json"
rm q/set.yaml && mkfifo q/set.yaml
t "$WA" validate q
expect_rc 2 "FIFO question set"
expect_err "q/set.yaml: not a regular file (a FIFO)" "FIFO question set"
# A FIFO planted as the review's lock file.
cp r.yaml before.yaml
mkfifo r.yaml.lock
t "$WA" answer r.yaml REL01 --note x
expect_rc 2 "FIFO lock file"
expect_err "r.yaml.lock: not a regular file (a FIFO)" "FIFO lock file"
expect_same_file r.yaml before.yaml "FIFO lock file"
rm r.yaml.lock

# ---- endless input: a device is refused by its type; a stream stops at the cap ----
t "$WA" query @ /dev/zero
expect_rc 2 "query /dev/zero"
expect_err "/dev/zero: not a regular file (a character device)" "query /dev/zero"
run timeout 60 "$WA" query @ </dev/zero
expect_rc 2 "query from endless stdin"
expect_err "<stdin>: too large: over the 256 MiB limit for a JSON document" "endless stdin"

# ---- files over their kind's cap (sparse: no disk space) ----
truncate -s $((64 * 1024 * 1024 + 1)) big.yaml
t "$WA" status big.yaml
expect_rc 2 "huge review"
expect_err "big.yaml: too large: over the 64 MiB limit for a review file" "huge review"
truncate -s $((1024 * 1024 + 1)) big.yaml
t "$WA" --theme ./big.yaml --demo
expect_rc 2 "huge theme"
expect_err "big.yaml: too large: over the 1 MiB limit for a theme file" "huge theme"
t "$WA" aws sts GetCallerIdentity --cli-input-json file://big.yaml
expect_rc 2 "huge --cli-input-json"
expect_err "too large: over the 1 MiB limit for request parameters" "huge --cli-input-json"
rm -f q/set.yaml && truncate -s $((8 * 1024 * 1024 + 1)) q/set.yaml
t "$WA" validate q
expect_rc 2 "huge question set file"
expect_err "q/set.yaml: too large: over the 8 MiB limit for a question set file"
truncate -s $((16 * 1024 * 1024 + 1)) big.yaml
t "$WA" import-components big.yaml r.yaml
expect_rc 2 "huge inventory"
expect_err "too large: over the 16 MiB limit for a component inventory" "huge inventory"
t "$WA" import-incidents big.yaml r.yaml
expect_rc 2 "huge incident log"
expect_err "too large: over the 16 MiB limit for an incident log" "huge incident log"
rm big.yaml

# ---- invalid UTF-8 in text arguments: exit 2 naming the option, nothing written ----
bad=$(printf 'x\377y')
check_utf8() { # LABEL WANT CMD...
	label=$1 want=$2
	shift 2
	cp r.yaml before.yaml
	t "$WA" "$@"
	expect_rc 2 "$label"
	expect_err "$want" "$label"
	expect_err_lines 1 "$label"
	expect_same_file r.yaml before.yaml "$label"
}
check_utf8 "answer --note" "answer: --note is not valid UTF-8 (byte 0xFF at position 2)" \
	answer r.yaml REL01 --note "$bad"
check_utf8 "answer --na-note" "answer: --na-note is not valid UTF-8" \
	answer r.yaml REL01 --not-applicable other --na-note="$bad"
check_utf8 "milestone NAME" "milestone: the milestone NAME is not valid UTF-8" \
	milestone r.yaml "$bad"
check_utf8 "roadmap --owner" "roadmap: --owner is not valid UTF-8" \
	roadmap r.yaml --set REL01-BP01 --owner "$bad"
check_utf8 "roadmap --reason" "roadmap: --reason is not valid UTF-8" \
	roadmap r.yaml --set REL01-BP01 --status wont_do --reason "$bad"
check_utf8 "diff --from" "diff: --from is not valid UTF-8" diff r.yaml --from "$bad"
t "$WA" new n.yaml --name Shop --owner "$bad"
expect_rc 2 "new --owner"
expect_err "new: --owner is not valid UTF-8 (byte 0xFF at position 2)" "new --owner"
[ ! -e n.yaml ] || fail "new --owner: n.yaml was created"
t "$WA" new n.yaml --name "$(printf 'caf\303')"
expect_rc 2 "new --name, cut sequence"
expect_err "new: --name is not valid UTF-8 (byte 0xC3 at position 4)" "new --name"
# Valid UTF-8 goes through as written.
t "$WA" answer r.yaml REL01 --note "café – ok"
expect_rc 0 "answer with UTF-8 note"
grep -q "café – ok" r.yaml || fail "UTF-8 note not kept as written"

# ---- permissions: the user's mode kept, reports no more open than the review ----
mode() { stat -c %a "$1"; }
expect_mode() { # FILE MODE LABEL
	T_CHECKS=$((T_CHECKS + 1))
	[ "$(mode "$1")" = "$2" ] || fail "$3: $1 is $(mode "$1"), expected $2"
}
(umask 077 && "$WA" new p.yaml >/dev/null) || fail "new p.yaml"
expect_mode p.yaml 600 "new review"
(umask 000 && "$WA" new p2.yaml >/dev/null) || fail "new p2.yaml"
expect_mode p2.yaml 600 "new review, umask 0"
for m in 640 400 644; do
	chmod "$m" p.yaml
	t "$WA" answer p.yaml REL01 --note "mode $m"
	expect_rc 0 "answer on a $m review"
	expect_mode p.yaml "$m" "review saved"
	grep -q "mode $m" p.yaml || fail "review $m: not saved"
done
chmod 600 p.yaml
(umask 077 && "$WA" report p.yaml -o r1.md 2>/dev/null) || fail "report under umask 077"
expect_mode r1.md 600 "report under umask 077"
chmod 644 p.yaml
(umask 077 && "$WA" report p.yaml -o r2.md 2>/dev/null) || fail "report, umask 077, 644 review"
expect_mode r2.md 600 "report of a 644 review under umask 077"
"$WA" report p.yaml -o r3.md 2>/dev/null || fail "report of a 644 review"
expect_mode r3.md 644 "report of a 644 review"
chmod 640 p.yaml
"$WA" report p.yaml -o r4.md 2>/dev/null || fail "report of a 640 review"
expect_mode r4.md 640 "report of a 640 review"
# An old world-readable report of a review now private is narrowed, its backup too.
chmod 600 p.yaml
"$WA" report p.yaml -o r3.md 2>/dev/null || fail "report over an old one"
expect_mode r3.md 600 "report narrowed"
expect_mode r3.md~ 600 "report backup narrowed"
"$WA" report --demo -o r5.md 2>/dev/null || fail "demo report"
expect_mode r5.md 644 "demo report"

finish
