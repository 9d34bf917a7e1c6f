#!/bin/sh
# What a save cannot keep is never dropped in silence: comments, explicit tags (!!str) and
# anchors in a review file draw one warning naming FILE~, which holds the file as it was;
# the next save says nothing more. A tag only another program knows (!custom) is refused
# with file:line:column and exit 2, the file untouched. Reading never warns.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1
"$WA" new r.yaml --name shop >/dev/null || fail "new"
/usr/bin/python3 - r.yaml <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("workload:\n", "# Owner: the platform team\nworkload: # who runs it\n", 1)
s = s.replace("  name: shop\n", "  name: !!str shop\n", 1)
open(p, "w").write(s)
PY
cp r.yaml orig.yaml

run "$WA" status r.yaml
expect_rc 0 "reading a file with comments"
T_CHECKS=$((T_CHECKS + 1))
[ -z "$T_ERR" ] || fail "reading warns: $T_ERR"
run "$WA" report r.yaml --format md
expect_rc 0 "a report of it"
T_CHECKS=$((T_CHECKS + 1))
[ -z "$T_ERR" ] || fail "a report warns: $T_ERR"

run "$WA" answer r.yaml REL01 --note "first save"
expect_rc 0 "the first save"
expect_err "wa-review: r.yaml: comments and tags are not kept; the file as it was is in r.yaml~" "one warning"
expect_err_lines 1 "one line"
expect_same_file orig.yaml r.yaml~ "the backup holds the file as it was"
T_CHECKS=$((T_CHECKS + 1))
grep -q "Owner: the platform team" r.yaml~ || fail "the comment is in r.yaml~"
T_CHECKS=$((T_CHECKS + 1))
grep -q "platform team\|!!str" r.yaml && fail "the saved file still has them (then why warn?)"

run "$WA" answer r.yaml REL01 --note "second save"
expect_rc 0 "the second save"
T_CHECKS=$((T_CHECKS + 1))
[ -z "$T_ERR" ] || fail "a second warning: $T_ERR"

# A '#' inside quotes or a block scalar is text, and the header we write is ours.
"$WA" answer r.yaml REL02 --note "$(printf 'issue #12\n# a line starting with a hash')" >/dev/null
run "$WA" answer r.yaml REL02 --note "again #13"
T_CHECKS=$((T_CHECKS + 1))
[ -z "$T_ERR" ] || fail "a '#' in a note taken for a comment: $T_ERR"

# Anchors too, named with the rest.
sed 's/^  name: shop$/  name: \&n shop/' r.yaml >a.yaml
sed -i 's/^workload:$/workload: # x/' a.yaml
run "$WA" answer a.yaml REL01 --note x
expect_rc 0 "anchors"
expect_err "a.yaml: comments and anchors are not kept; the file as it was is in a.yaml~" "anchors named"

# A tag no one here knows: refused where it stands, nothing written.
sed 's/^  name: shop$/  name: !secret shop/' r.yaml >t.yaml
cp t.yaml t.orig
line=$(grep -n '!secret' t.yaml | cut -d: -f1)
run "$WA" answer t.yaml REL01 --note x
expect_rc 2 "a local tag"
expect_err "t.yaml:$line:9: the YAML tag '!secret' is not supported" "file:line:col"
expect_same_file t.orig t.yaml "the file untouched"
T_CHECKS=$((T_CHECKS + 1))
[ ! -e t.yaml~ ] || fail "a backup made though nothing was saved"
run "$WA" status t.yaml
expect_rc 2 "status refuses it too"
finish
