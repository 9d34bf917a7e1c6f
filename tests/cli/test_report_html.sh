#!/bin/sh
# The HTML report: one self-contained page (nothing fetched, no scripts) that Chromium
# prints to PDF with the plan, the items and the appendix each starting a new page.
. "$TESTS_CLI/lib.sh"
cd "$T_DIR" || exit 1
cp "$TESTS_CLI/data/report_review.yaml" r.yaml

run "$WA" report r.yaml --format html -o r.html
expect_rc 0 "report --format html"

# Self-contained: no scripts, no stylesheet or image fetched, no CSS import; the
# reviewer's "<script>" arrives as text.
for pat in '<script' '<link' ' src=' '@import' 'url(' '<iframe' '<img'; do
	T_CHECKS=$((T_CHECKS + 1))
	! grep -qi -- "$pat" r.html || fail "HTML contains $pat"
done
T_CHECKS=$((T_CHECKS + 1))
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' r.html || fail "participant name not escaped"
T_CHECKS=$((T_CHECKS + 1))
grep -qF '@page' r.html && grep -qF 'break-before:page' r.html || fail "no print CSS"

if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null; then
	fail "chromium and poppler-utils are needed (apt-get install chromium poppler-utils)"
	finish
	exit 1
fi
profile=$(mktemp -d "$T_DIR/chromium.XXXXXX")
# HOME too: Chromium writes caches there; keep them in the test's directory.
HOME="$T_DIR" timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic \
	--no-first-run --disable-background-networking --disable-component-update --disable-sync \
	--no-pdf-header-footer --user-data-dir="$profile" --print-to-pdf="$T_DIR/r.pdf" \
	"file://$T_DIR/r.html" >chromium.log 2>&1
T_CHECKS=$((T_CHECKS + 1))
[ -s r.pdf ] || { fail "Chromium wrote no PDF: $(tail -3 chromium.log)"; finish; exit 1; }

pages=$(pdfinfo r.pdf | sed -n 's/^Pages: *//p')
T_CHECKS=$((T_CHECKS + 1))
[ "${pages:-0}" -ge 5 ] || fail "PDF has ${pages:-0} pages, expected at least 5"
pdftotext -layout r.pdf all.txt
for text in "Reliability improvement plan: Checkout | web #1" "Risk summary by area" \
	"Phase 1: quick wins (weeks 1–2)" "Phase 2: high-impact improvements (weeks 3–8)" \
	"REL09-BP02 Secure and encrypt backups" "backup-plan-coverage" "Mei Tanaka" \
	"Single VPC | no peering planned" "Appendix B: Participants" "Ana | Silva" \
	"not yet known (list components in the workload)" "framework version 2024-11-06"; do
	T_CHECKS=$((T_CHECKS + 1))
	grep -qF -- "$text" all.txt || fail "PDF text lacks '$text'"
done
# Page breaks: each of these headings is the first line of a page of its own.
for heading in "Phased plan" "Roadmap items" "Appendix A: Answers"; do
	found=0
	p=1
	while [ "$p" -le "$pages" ]; do
		first=$(pdftotext -f "$p" -l "$p" -layout r.pdf - | grep -v '^[[:space:]]*$' | head -n 1 |
			sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
		[ "$first" = "$heading" ] && found=$p
		p=$((p + 1))
	done
	T_CHECKS=$((T_CHECKS + 1))
	[ "$found" -gt 1 ] || fail "'$heading' does not start a page"
done
finish
