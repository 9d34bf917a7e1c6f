#!/usr/bin/env python3
"""boto3's side of the push and pull tests (tests/cli/test_push_pull.sh), against the local
Well-Architected Tool (watool.py) at URL:

    watool_sync.py URL answers WID             the workload's answers, as boto3 reads them:
                                               one JSON object per line, by QuestionId
    watool_sync.py URL workload WID            GetWorkload's Workload (JSON)
    watool_sync.py URL milestones WID          the milestones' names and, per milestone,
                                               each answered question's choices (JSON)
    watool_sync.py URL update WID QID JSON     UpdateAnswer with the members in JSON
    watool_sync.py URL create NAME             a workload made by boto3; prints its ID
    watool_sync.py URL writes                  the write calls the Tool has seen, one a line
    watool_sync.py URL rules JSON              fault rules (watool.py's /__fault/rules)
    watool_sync.py URL reset                   faults and the request log cleared
"""
import json
import sys
import urllib.request

import boto3

WRITES = {"CreateWorkload", "UpdateWorkload", "UpdateAnswer", "CreateMilestone",
          "DeleteWorkload", "AssociateLenses", "ImportLens", "CreateLensVersion"}


def client(url):
    return boto3.client("wellarchitected", endpoint_url=url, region_name="us-east-1",
                        aws_access_key_id="AKIDWATOOLTEST", aws_secret_access_key="secret")


def control(url, path, body=None):
    req = urllib.request.Request(url + path, data=None if body is None else body.encode())
    return json.load(urllib.request.urlopen(req, timeout=10))


def answers(wa, wid, number=None):
    extra = {"MilestoneNumber": number} if number else {}
    out = {}
    for s in wa.list_answers(WorkloadId=wid, LensAlias="wellarchitected",
                             **extra)["AnswerSummaries"]:
        a = wa.get_answer(WorkloadId=wid, LensAlias="wellarchitected",
                          QuestionId=s["QuestionId"], **extra)["Answer"]
        out[a["QuestionId"]] = {
            "selected": sorted(a.get("SelectedChoices", [])),
            "applicable": a.get("IsApplicable", True),
            "reason": a.get("Reason"),
            "notes": a.get("Notes", ""),
            "risk": a["Risk"],
            "choice_na": {c["ChoiceId"]: [c.get("Reason"), c.get("Notes", "")]
                          for c in a.get("ChoiceAnswers", [])
                          if c["Status"] == "NOT_APPLICABLE"}}
    return out


def main():
    url, cmd, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    wa = client(url)
    if cmd == "answers":
        for qid, a in answers(wa, args[0]).items():
            print(json.dumps({"q": qid, **a}, sort_keys=True))
    elif cmd == "workload":
        w = wa.get_workload(WorkloadId=args[0])["Workload"]
        print(json.dumps({k: v for k, v in w.items() if k != "UpdatedAt"}, sort_keys=True,
                         default=str))
    elif cmd == "milestones":
        out = []
        for m in wa.list_milestones(WorkloadId=args[0])["MilestoneSummaries"]:
            got = answers(wa, args[0], m["MilestoneNumber"])
            out.append({"name": m["MilestoneName"],
                        "answers": {q: a["selected"] for q, a in got.items()
                                    if a["risk"] != "UNANSWERED"}})
        print(json.dumps(out, sort_keys=True))
    elif cmd == "update":
        wa.update_answer(WorkloadId=args[0], LensAlias="wellarchitected", QuestionId=args[1],
                         **json.loads(args[2]))
    elif cmd == "create":
        print(wa.create_workload(WorkloadName=args[0], Description="Made by boto3",
                                 Environment="PREPRODUCTION", Lenses=["wellarchitected"],
                                 AwsRegions=["eu-west-1"], ReviewOwner="ops team")["WorkloadId"])
    elif cmd == "writes":
        for r in control(url, "/__fault/log"):
            if r["operation"] in WRITES:
                print(r["operation"], r["status"])
    elif cmd == "rules":
        control(url, "/__fault/rules", args[0])
    elif cmd == "reset":
        control(url, "/__fault/reset", "{}")
    else:
        sys.exit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
