#!/bin/sh
# Text from the review, its evidence and the command line is made safe in every output: a
# workload name, a note, a cited resource and an owner carrying ESC sequences, OSC 0 and OSC
# 8 (a terminal hyperlink), CSI as U+009B, a bidi override, a bare URL, a www. address and
# <http://x>. No control byte reaches a report or the terminal, GitHub's renderer makes no
# link of them, the printed HTML shows none, and the JSON keeps every character escaped.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1
cp "$TESTS_CLI/data/report_review.yaml" r.yaml
/usr/bin/python3 - r.yaml <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace('name: "Checkout | web #1 *prod* <b>"',
              r'name: "Shop \e[31mred\e[0m \e]0;pwned\a \x9b2J https://evil.example/n <http://x>"')
s = s.replace("    notes: No second link; see arn:aws:ec2:eu-west-1:111122223333:transit-gateway/tgw-0abc.",
              r'    notes: "ESC \e[2J OSC \e]8;;http://evil.example/o\e\\click\e]8;;\e\\ CSI \x9b31m'
              r' bare https://evil.example/a www.evil.example <http://x> \u202eevil\u202c \x7f"')
s = s.replace("            - arn:aws:rds:eu-west-1:111122223333:db:orders\n",
              '            - "db-\\e[5mblink\\x9b0m http://evil.example/r <http://x>"\n'
              "            - arn:aws:rds:eu-west-1:111122223333:db:orders\n")
open(p, "w", encoding="utf-8").write(s)
PY
run "$WA" roadmap r.yaml --set REL09-BP02 --owner "$(printf 'Eve \033]0;owned\007\302\2332J')"
expect_rc 0 "an owner with escapes, from the command line"
printf '%s\n' "$T_OUT" >set.out
"$WA" milestone r.yaml baseline >/dev/null
"$WA" answer r.yaml REL06 --select BP01,BP02 >/dev/null

for f in md json csv html; do
	"$WA" report r.yaml --format "$f" >"r.$f" 2>err || fail "report $f: $(cat err)"
done
"$WA" status r.yaml >status.out
"$WA" status r.yaml --json >status.json
"$WA" roadmap r.yaml >roadmap.out
"$WA" diff r.yaml >diff.out
"$WA" diff r.yaml --json >diff.json

# clean FILE...: no ESC, BEL or other C0 control but tab, LF and CR, no DEL, no C1 (UTF-8
# C2 80-9F) and no bidi embedding, override or isolate control.
clean() {
	/usr/bin/python3 - "$@" <<'PY'
import re, sys
bad = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ok = True
for p in sys.argv[1:]:
    text = open(p, "rb").read().decode("utf-8")  # not UTF-8 fails too
    m = bad.search(text)
    if m:
        print(f"{p}: U+{ord(m.group()):04X} at {m.start()}: {text[max(0, m.start() - 30):m.start()]!r}")
        ok = False
sys.exit(0 if ok else 1)
PY
}
for f in r.md r.json r.csv r.html status.out status.json roadmap.out diff.out diff.json set.out; do
	T_CHECKS=$((T_CHECKS + 1))
	clean "$f" || fail "$f has a control character"
done

# Markdown, as GitHub renders it: the only links are the question set's; the planted text
# reads as typed, a replacement character where each control was.
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - r.md r.json <<'PY' || fail "Markdown made links or HTML of the planted text"
import json, subprocess, sys
import xml.etree.ElementTree as ET
NS = "{http://commonmark.org/xml/1.0}"
rep = json.load(open(sys.argv[2], encoding="utf-8"))
links = {l["url"] for it in rep["roadmap"]["items"] + rep["roadmap"]["not_planned"] for l in it["links"]}
out = subprocess.run(["cmark-gfm", "-e", "autolink", "-e", "table", "-e", "tasklist",
                      "-e", "strikethrough", "--to", "xml", sys.argv[1]],
                     check=True, capture_output=True).stdout
doc = ET.fromstring(out)
found = [l.get("destination") for l in doc.iter(NS + "link")]
assert found and all(d in links for d in found), [d for d in found if d not in links]
kinds = {e.tag[len(NS):] for e in doc.iter()}
assert not kinds & {"html_inline", "html_block", "code_block"}, kinds
title = "".join(t.text or "" for t in next(doc.iter(NS + "heading")).iter(NS + "text"))
assert title == ("Reliability improvement plan: Shop \ufffd[31mred\ufffd[0m \ufffd]0;pwned\ufffd "
                 "\ufffd2J https://evil.example/n <http://x>"), repr(title)
PY

# JSON keeps every character, escaped: the planted text reads back as the review has it.
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - r.json r.yaml status.json <<'PY' || fail "JSON does not keep the planted text"
import json, sys, yaml
rep = json.load(open(sys.argv[1], encoding="utf-8"))
rv = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
assert rep["workload"]["name"] == rv["workload"]["name"] and "\x1b" in rep["workload"]["name"]
assert json.load(open(sys.argv[3], encoding="utf-8"))["workload"] == rv["workload"]["name"]
notes = {a["question"]: a["notes"] for a in rep["answers"]}
assert notes["REL02"] == rv["answers"]["REL02"]["notes"] and "\u202e" in notes["REL02"]
it = {i["id"]: i for i in rep["roadmap"]["items"]}["REL09-BP02"]
assert it["evidence"][0]["resources"][0] == rv["evidence"]["findings"][0]["results"][0]["cited"][0]
assert it["owner"] == "Eve \x1b]0;owned\x07\x9b2J", repr(it["owner"])
PY

# CSV: the owner's escapes are gone, the row still reads back.
T_CHECKS=$((T_CHECKS + 1))
grep -qF "Eve �]0;owned��2J" r.csv || fail "CSV owner not as typed, controls replaced"

# HTML printed by Chromium: no control character in the PDF's text either.
if command -v chromium >/dev/null && command -v pdftotext >/dev/null; then
	HOME="$T_DIR" timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --no-pdf-header-footer --user-data-dir="$T_DIR/profile" \
		--print-to-pdf="$T_DIR/r.pdf" "file://$T_DIR/r.html" >chromium.log 2>&1
	# pdftotext ends each page with a form feed: that one is its own.
	pdftotext r.pdf - | tr -d '\f' | tr -s ' \n' '  ' >r.txt
	T_CHECKS=$((T_CHECKS + 1))
	[ -s r.txt ] && clean r.txt || fail "the printed HTML shows a control character"
	T_CHECKS=$((T_CHECKS + 1))
	grep -qF "bare https://evil.example/a www.evil.example <http://x>" r.txt ||
		fail "the printed HTML does not show the note as typed"
else
	fail "chromium and poppler-utils are needed (apt-get install chromium poppler-utils)"
fi
finish
