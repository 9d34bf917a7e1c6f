#!/bin/sh
# Re-collects the built-in demo review's evidence section from the fixture account
# (tests/evidence/fixtures) with the wa-review given, so the demo shows what a sweep gives
# today. Run from the repository root after changing probes or fixtures:
#     make && sh src/build/demo_evidence.sh build/wa-review
# tests/cli/test_evidence.sh checks that the demo holds exactly this sweep.
set -eu
wa=${1:?usage: demo_evidence.sh WA_REVIEW_BINARY}
demo=questions/demo/review.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A copy without the old evidence, swept as `wa-review evidence FILE` does.
sed '/^evidence:/,$d' "$demo" >"$tmp/review.yaml"
# The demo's sweep is dated 2026-11-02T09:10:00Z whenever it is redone.
SOURCE_DATE_EPOCH=1793610600 WA_EVIDENCE_FIXTURES=tests/evidence/fixtures "$wa" evidence "$tmp/review.yaml" \
	--regions eu-west-1,eu-central-1 >/dev/null || [ $? = 1 ]
# Keep the demo's own text (comments, order) and take only the new evidence section.
{
	sed '/^evidence:/,$d' "$demo"
	awk '/^[a-z_]+:/ { on = ($0 ~ /^evidence:/) } on' "$tmp/review.yaml"
} >"$tmp/demo.yaml"
mv "$tmp/demo.yaml" "$demo"
echo "rewrote the evidence section of $demo"
