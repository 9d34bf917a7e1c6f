#!/bin/sh
# The HTML report: one self-contained page (nothing fetched, no scripts) that Chromium
# prints to PDF densely, with the priority matrix whole on a landscape page of its own,
# every matrix field, the plan's dates, units and currency as the Markdown report has them.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1
cp "$TESTS_CLI/data/report_review.yaml" r.yaml

run "$WA" report r.yaml --format html -o r.html
expect_rc 0 "report --format html"
"$WA" report r.yaml --format json >r.json
"$WA" report --demo --format html >demo.html
"$WA" report --demo --format json >demo.json

# Self-contained: no scripts, no stylesheet or image fetched, no CSS import; the
# reviewer's "<script>" arrives as text.
for pat in '<script' '<link' ' src=' '@import' 'url(' '<iframe' '<img'; do
	T_CHECKS=$((T_CHECKS + 1))
	! grep -qi -- "$pat" r.html || fail "HTML contains $pat"
done
T_CHECKS=$((T_CHECKS + 1))
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' r.html || fail "participant name not escaped"
T_CHECKS=$((T_CHECKS + 1))
grep -qF '@page matrix{size:A4 landscape' r.html && grep -qF 'break-inside:avoid' r.html ||
	fail "no print CSS"

if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null; then
	fail "chromium and poppler-utils are needed (apt-get install chromium poppler-utils)"
	finish
	exit 1
fi
# pdf NAME: prints NAME.html to NAME.pdf and NAME.txt (its text, one page per form feed).
pdf() {
	profile=$(mktemp -d "$T_DIR/chromium.XXXXXX")
	# HOME too: Chromium writes caches there; keep them in the test's directory.
	HOME="$T_DIR" timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --no-pdf-header-footer --user-data-dir="$profile" \
		--print-to-pdf="$T_DIR/$1.pdf" "file://$T_DIR/$1.html" >chromium.log 2>&1
	T_CHECKS=$((T_CHECKS + 1))
	[ -s "$1.pdf" ] || { fail "Chromium wrote no $1.pdf: $(tail -3 chromium.log)"; return 1; }
	pdftotext -layout "$1.pdf" "$1.txt"
	pdfinfo -f 1 -l 999 "$1.pdf" >"$1.info"
}
pdf r && pdf demo || { finish; exit 1; }

for text in "Reliability improvement plan: Checkout | web #1" "Risk summary by area" \
	"Phase 1: quick wins (weeks 1–2, 2026-11-01 to 2026-11-14)" \
	"Phase 2: high-impact improvements (weeks 3–8, 2026-11-15 to 2026-12-26)" \
	"REL09-BP02 Secure and encrypt backups" "backup-plan-coverage" "Mei Tanaka" \
	"Single VPC | no peering planned" "Appendix C: Participants" "Ana | Silva" \
	"not yet known (list components in the workload)" "framework version 2024-11-06"; do
	T_CHECKS=$((T_CHECKS + 1))
	grep -qF -- "$text" r.txt || fail "PDF text lacks '$text'"
done

# The matrix: whole on one landscape page, which starts with it, with every item's risk,
# effort, owner, target date and evidence; the Markdown report's figures, units, currency
# and dates in the demo's PDF.
T_CHECKS=$((T_CHECKS + 1))
/usr/bin/python3 - r demo <<'PY' || fail "PDF: matrix, fields, dates, units"
import json, re, sys

def pages(name):
    return open(name + ".txt", encoding="utf-8").read().split("\f")

def flat(s):
    # Chromium may break a date at its hyphen ("2026-11-" / "18"): join those first.
    s = re.sub(r"(\d)-[ \t]*\n\s*(\d)", r"\1-\2", s)
    return re.sub(r"\s+", " ", s)

verdicts = {"implemented": "implemented", "partly_shown": "partly shown", "not_verified":
            "not verified", "not_implemented": "not implemented", "no_evidence": "no evidence"}
for name in sys.argv[1:]:
    rep = json.load(open(name + ".json", encoding="utf-8"))
    info = open(name + ".info").read()
    ps = pages(name)
    at = [i for i, p in enumerate(ps) if p.strip().startswith("Priority matrix")]
    assert len(at) == 1, f"{name}: no page starts with the priority matrix"
    m = flat(ps[at[0]])
    size = re.search(rf"Page\s+{at[0] + 1} size:\s+([\d.]+) x ([\d.]+)", info)
    assert size and float(size.group(1)) > float(size.group(2)), f"{name}: matrix page not landscape"
    assert "Other improvements: the rest: phase 3" in m, f"{name}: the matrix runs over its page"
    for it in rep["roadmap"]["items"]:
        assert it["id"] in m, f"{name}: {it['id']} not on the matrix page"
        want = f"{it['target_date']} (week {it['week']}"
        assert want in m, f"{name}: {it['id']}: no {want!r} on the matrix page"
        # A cell's lines interleave with its neighbours' in the text: its first words.
        assert verdicts[it["verdict"]["verdict"]] + ": " + it["verdict"]["why"].split()[0] in m, \
            f"{name}: {it['id']}: verdict not on the matrix page"
        assert (it["owner"] or "unassigned") in m or it["owner"].startswith("="), it["id"]
    # Dense: at most one page besides the last is less than a third full (the one before
    # the matrix's own page).
    short = [i + 1 for i, p in enumerate(ps[:-2]) if len([l for l in p.splitlines() if l.strip()]) < 20]
    assert len(short) <= 1, f"{name}: pages {short} are mostly empty"

text = flat(" ".join(pages("demo")))
for want in ["Week 1 of the plan starts on 2026-11-02, the day the review was created",
             "EUR 425,340 a year at the computed availability (99.730251%, from the components), "
             "EUR 78,840 a year at the target (99.95%), at EUR 18,000 an hour of downtime",
             "99.960309% from the incident history, 2 incidents from 2026-10-06 to 2026-11-18 "
             "(mean time to repair 18m 30s",
             "Cost of downtime EUR 18,000 an hour (the team's estimate)",
             "Week 3 (2026-11-16 to 2026-11-22):",
             "Success metrics: the phase is done when its 3 items are done (0 so far) and"]:
    assert want in text, f"demo PDF lacks {want!r}"
PY
finish
