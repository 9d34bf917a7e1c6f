#!/usr/bin/env python3
"""Checks `wa-review evidence --format json` output (tests/cli/test_evidence_moto.sh).

  evidence_check.py FILE CHECK...

  PROBE=OUTCOME               the probe's overall outcome (pass, fail, not_applicable, error)
  PROBE@REGION=OUTCOME        its outcome in one Region
  PROBE@REGION~A,B            the resources it cites there, exactly (any order; empty: none)
  PROBE@REGION!CODE           an error there whose code is CODE
  PROBE@REGION?A,B            the items it could not check there, exactly (any order)
  PROBE@REGION#N              it cites N resources there
  PROBE@REGION%TEXT           its sentence there contains TEXT
  BP:VERDICT                  the verdict on best practice BP (implemented, partly_shown,
                              not_verified, not_implemented, no_evidence)
  BP:VERDICT~TEXT             … with its sentence or a reason that contains TEXT
  regions=R1,R2               the regions swept
Prints each failed check; exits 1 if any failed.
"""
import json
import re
import sys


def main(argv):
    doc = json.load(open(argv[1]))
    findings, sugg = {}, {}
    for q in doc["questions"]:
        for f in q["findings"]:
            findings[f["probe"]] = f
        for s in q["verdicts"]:
            sugg[s["best_practice"]] = s
    bad = 0

    def no(check, why):
        nonlocal bad
        bad += 1
        print(f"not ok: {check}: {why}")

    for check in argv[2:]:
        if check.startswith("regions="):
            want = sorted(check[8:].split(","))
            if sorted(doc["regions"]) != want:
                no(check, f"swept {doc['regions']}")
            continue
        m = re.fullmatch(r"(REL\d\d-BP\d\d):(\w+)(?:~(.*))?", check)
        if m:
            s = sugg.get(m[1])
            if not s:
                no(check, "no verdict")
            elif s["verdict"] != m[2]:
                no(check, f"verdict is {s['verdict']}: {s['why']} ({s['reasons']})")
            elif m[3] and not any(m[3] in r for r in s["reasons"] + [s["why"]]):
                no(check, f"neither the sentence nor a reason contains it: {s['why']} {s['reasons']}")
            continue
        m = re.fullmatch(r"([\w-]+)(?:@([\w-]+))?([=~!?#%])(.*)", check)
        if not m:
            no(check, "cannot read this check")
            continue
        f = findings.get(m[1])
        if not f:
            no(check, "no such finding")
            continue
        if not m[2]:
            if f["outcome"] != m[4]:
                no(check, f"outcome {f['outcome']}: {f['results']}")
            continue
        r = [x for x in f["results"] if x["region"] == m[2]]
        if not r:
            no(check, f"no result in {m[2]}")
            continue
        r = r[0]
        if m[3] == "=" and r["outcome"] != m[4]:
            no(check, f"outcome {r['outcome']}: {r['text']}")
        elif m[3] == "~" and sorted(r.get("cited", [])) != sorted(filter(None, m[4].split(","))):
            no(check, f"cites {r.get('cited', [])}: {r['text']}")
        elif m[3] == "!" and (r["outcome"] != "error" or r["error"].get("code") != m[4]):
            no(check, f"{r['outcome']} {r.get('error')}: {r['text']}")
        elif m[3] == "?" and sorted(r.get("unchecked", [])) != sorted(filter(None, m[4].split(","))):
            no(check, f"unchecked {r.get('unchecked', [])}: {r['text']}")
        elif m[3] == "#" and len(r.get("cited", [])) != int(m[4]):
            no(check, f"cites {len(r.get('cited', []))}: {r['text']}")
        elif m[3] == "%" and m[4] not in r["text"]:
            no(check, f"sentence: {r['text']}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
