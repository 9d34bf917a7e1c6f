#!/usr/bin/env python3
"""A local AWS Well-Architected Tool for the tests (moto has none).

    watool.py [--port N] [--port-file F] [--check] [--pillar FILE] [--lens-version V]

It speaks the service's wire protocol (rest-json, API 2020-03-31) as botocore's own model
describes it: each request is routed by the model's requestUri, deserialised into the
operation's input (URI labels, query string, JSON body) and validated with botocore's
ParamValidator (required members, types, unknown members, minimums) plus the model's
maximum lengths, enums, patterns and ranges, which the real service enforces too. What
it refuses gets the service's error shapes: ValidationException (400),
ResourceNotFoundException (404), ConflictException (409), ServiceQuotaExceededException,
ThrottlingException (429), InternalServerException (500). With --check every response
is also validated against the operation's output shape before it is sent (an emulator
answer the model does not allow is a 500 and a line on stderr), so the emulator cannot
drift from the model the clients are generated from.

State lives in memory: workloads, their lens reviews and answers, milestones (snapshots
of the workload), and lenses. The AWS official lens `wellarchitected` holds the
Reliability pillar only, built from the pillar facts (--pillar, by default
tests/vectors/pillar/reliability-pillar.yaml): QuestionId, ChoiceId and "None of these"
per question, and each best practice's risk level; its version is --lens-version
(2024-11-06 by default), so a test can play a Tool whose lens differs from the set's. Custom lenses come from ImportLens
(a JSON string in the custom-lens format, checked against the Tool's format and limits),
are published by CreateLensVersion and can then be added to workloads.

Risk per question: UNANSWERED until answered (a choice selected), NOT_APPLICABLE when
IsApplicable is false, otherwise the first of the lens's risk rules whose condition holds
(choices marked NOT_APPLICABLE count as met). The official lens's rules are those its
risk levels imply: every high and medium choice selected gives NONE, every high one
MEDIUM, else HIGH (low-risk choices never raise the risk).

Operations: CreateWorkload, GetWorkload, UpdateWorkload, ListWorkloads, DeleteWorkload,
AssociateLenses, DisassociateLenses, ListLensReviews, GetLensReview, UpdateAnswer,
GetAnswer, ListAnswers, CreateMilestone, ListMilestones, GetMilestone, ImportLens,
ExportLens, GetLens, ListLenses, CreateLensVersion, DeleteLens. Others answer 404.

Control endpoint (not part of the service), as tests/aws/faultproxy.py has:
  POST /__fault/rules   body: a list of rules (replaces them, counters reset)
  POST /__fault/reset   rules and request log cleared
  POST /__state/reset   workloads and custom lenses forgotten
  GET  /__fault/log     the requests seen: [{operation, status, error}]
A rule: {"operation": "UpdateAnswer" (omitted: any), "skip": K, "times": N, "fault":
  throttle   429 ThrottlingException (Retry-After: "retry_after" seconds, optional)
  status     "status" (500 by default) as InternalServerException, or ServiceUnavailable
             for 503
  conflict   409 ConflictException naming the resource of the request
}
Requests must carry a SigV4 Authorization header for the wellarchitected signing name
(the signature itself is not checked). Everything listens on 127.0.0.1 only.
"""
import argparse
import copy
import datetime
import http.server
import json
import os
import re
import socketserver
import sys
import threading
import urllib.parse
import uuid

import botocore.session
import yaml
from botocore.validate import ParamValidator

ACCOUNT = "123456789012"
REGION_DEFAULT = "us-east-1"
MODEL = botocore.session.get_session().get_service_model("wellarchitected")
OFFICIAL = "wellarchitected"
HERE = os.path.dirname(os.path.abspath(__file__))
PILLAR_FILE = os.path.join(HERE, "..", "vectors", "pillar", "reliability-pillar.yaml")
MAX_MILESTONES = 100

LOCK = threading.RLock()
RULES = []
LOG = []
CHECK = False


class ApiError(Exception):
    """An error the service answers with: its shape name, message and extra members."""

    def __init__(self, code, message, **extra):
        super().__init__(message)
        self.code = code
        self.message = message
        self.extra = extra
        self.status = MODEL.shape_for(code).metadata["error"]["httpStatusCode"]


def not_found(kind, rid):
    return ApiError("ResourceNotFoundException", f"{kind.title()} {rid} not found",
                    ResourceId=rid, ResourceType=kind.upper())


def now():
    return datetime.datetime.now(datetime.timezone.utc)


# ---- the lens format (User Guide, "Lens format specification") ------------------------

# The lens's size (500000) is the model's JSONString maximum, checked with the request.
LIMITS = {"name": 128, "description": 2048, "pillars": 10, "questions": 20, "choices": 15,
          "title": 128, "text": 2048, "resources": 5, "rules": 3}
ID_RX = re.compile(r"[A-Za-z0-9_]{3,128}")
RISKS = {"NO_RISK": "NONE", "MEDIUM_RISK": "MEDIUM", "HIGH_RISK": "HIGH"}


def lens_problem(doc):
    """The first way doc breaks the custom-lens format, as 'path: what', or None."""
    def text(obj, key, path, limit, required=True):
        v = obj.get(key)
        if v is None:
            return f"{path}.{key}: missing" if required else None
        if not isinstance(v, str) or not v:
            return f"{path}.{key}: must be a non-empty string"
        if len(v) > limit:
            return f"{path}.{key}: {len(v)} characters, at most {limit}"
        return None

    def ident(obj, path, limit=128):
        v = obj.get("id")
        if not isinstance(v, str) or not ID_RX.fullmatch(v) or len(v) > limit:
            return f"{path}.id: {v!r} is not 3 to {limit} letters, digits or _"
        return None

    def content(obj, path):
        if not isinstance(obj, dict):
            return f"{path}: must be an object"
        for k in obj:
            if k not in ("displayText", "url"):
                return f"{path}.{k}: unknown key"
        url = obj.get("url")
        if url is not None and not re.match(r"https?://", str(url)):
            return f"{path}.url: must start with http:// or https://"
        if url is not None and "displayText" not in obj:
            return f"{path}: a url needs a displayText"
        return text(obj, "displayText", path, LIMITS["text"], required=False)

    if not isinstance(doc, dict):
        return "the lens must be a JSON object"
    for k in doc:
        if k not in ("schemaVersion", "name", "description", "pillars"):
            return f"{k}: unknown key"
    if doc.get("schemaVersion") != "2021-11-01":
        return "schemaVersion: must be 2021-11-01"
    err = text(doc, "name", "lens", LIMITS["name"]) or \
        text(doc, "description", "lens", LIMITS["description"], required=False)
    if err:
        return err
    pillars = doc.get("pillars")
    if not isinstance(pillars, list) or not 1 <= len(pillars) <= LIMITS["pillars"]:
        return f"pillars: 1 to {LIMITS['pillars']} pillars"
    pids, qids = set(), set()
    for i, p in enumerate(pillars):
        pp = f"pillars[{i}]"
        if not isinstance(p, dict):
            return f"{pp}: must be an object"
        for k in p:
            if k not in ("id", "name", "questions"):
                return f"{pp}.{k}: unknown key"
        err = ident(p, pp, 64) or text(p, "name", pp, LIMITS["title"])
        if err:
            return err
        if p["id"] in pids:
            return f"{pp}.id: duplicate"
        pids.add(p["id"])
        qs = p.get("questions")
        if not isinstance(qs, list) or not 1 <= len(qs) <= LIMITS["questions"]:
            return f"{pp}.questions: 1 to {LIMITS['questions']} questions"
        for j, q in enumerate(qs):
            qp = f"{pp}.questions[{j}]"
            err = question_problem(q, qp, qids, text, ident, content)
            if err:
                return err
    return None


def question_problem(q, qp, qids, text, ident, content):
    if not isinstance(q, dict):
        return f"{qp}: must be an object"
    for k in q:
        if k not in ("id", "title", "description", "helpfulResource", "choices", "riskRules"):
            return f"{qp}.{k}: unknown key"
    err = ident(q, qp) or text(q, "title", qp, LIMITS["title"]) or \
        text(q, "description", qp, LIMITS["description"], required=False)
    if err:
        return err
    if "helpfulResource" in q:
        err = content(q["helpfulResource"], f"{qp}.helpfulResource")
        if err:
            return err
    if q["id"] in qids:
        return f"{qp}.id: duplicate"
    qids.add(q["id"])
    choices = q.get("choices")
    if not isinstance(choices, list) or not 1 <= len(choices) <= LIMITS["choices"]:
        return f"{qp}.choices: {len(choices or [])} choices, 1 to {LIMITS['choices']} allowed"
    cids = []
    for k, c in enumerate(choices):
        cp = f"{qp}.choices[{k}]"
        if not isinstance(c, dict):
            return f"{cp}: must be an object"
        for key in c:
            if key not in ("id", "title", "helpfulResource", "improvementPlan",
                           "additionalResources"):
                return f"{cp}.{key}: unknown key"
        err = ident(c, cp, 64) or text(c, "title", cp, LIMITS["title"])
        if err:
            return err
        if c["id"] in cids:
            return f"{cp}.id: duplicate"
        cids.append(c["id"])
        none = c["id"].endswith("_no")
        if not none and "improvementPlan" not in c:
            return f"{cp}.improvementPlan: required"
        for key in ("helpfulResource", "improvementPlan"):
            if key in c:
                err = content(c[key], f"{cp}.{key}")
                if err:
                    return err
        counts = {"HELPFUL_RESOURCE": 0, "IMPROVEMENT_PLAN": 0}
        for r, res in enumerate(c.get("additionalResources", [])):
            rp = f"{cp}.additionalResources[{r}]"
            if not isinstance(res, dict) or res.get("type") not in counts:
                return f"{rp}.type: HELPFUL_RESOURCE or IMPROVEMENT_PLAN"
            items = res.get("content")
            if not isinstance(items, list) or not items:
                return f"{rp}.content: a non-empty list"
            counts[res["type"]] += len(items)
            if counts[res["type"]] > LIMITS["resources"]:
                return f"{rp}.content: more than {LIMITS['resources']} of {res['type']}"
            for n, item in enumerate(items):
                err = content(item, f"{rp}.content[{n}]")
                if err:
                    return err
    if sum(1 for c in cids if c.endswith("_no")) > 1:
        return f"{qp}.choices: more than one choice ending in _no"
    rules = q.get("riskRules")
    if not isinstance(rules, list) or not 1 <= len(rules) <= LIMITS["rules"]:
        return f"{qp}.riskRules: 1 to {LIMITS['rules']} rules"
    seen = set()
    for r, rule in enumerate(rules):
        rp = f"{qp}.riskRules[{r}]"
        if not isinstance(rule, dict) or rule.get("risk") not in RISKS:
            return f"{rp}.risk: NO_RISK, MEDIUM_RISK or HIGH_RISK"
        if rule["risk"] in seen:
            return f"{rp}.risk: one rule per level of risk"
        seen.add(rule["risk"])
        cond = rule.get("condition")
        if not isinstance(cond, str):
            return f"{rp}.condition: missing"
        if (cond == "default") != (r == len(rules) - 1):
            return f"{rp}.condition: the last rule, and only it, is the default"
        if cond != "default":
            try:
                evaluate(cond, set(), set(cids))
            except ValueError as e:
                return f"{rp}.condition: {e}"
    return None


TOKEN_RX = re.compile(r"\s*(&&|\|\||!|\(|\)|[A-Za-z0-9_]+)")


def evaluate(cond, met, known):
    """Evaluates a risk-rule condition: choice IDs (true when in met), !, &&, ||, ( )."""
    toks, pos = [], 0
    while pos < len(cond.rstrip()):
        m = TOKEN_RX.match(cond, pos)
        if not m:
            raise ValueError(f"unexpected text at character {pos + 1}")
        toks.append(m.group(1))
        pos = m.end()
    at = [0]

    def peek():
        return toks[at[0]] if at[0] < len(toks) else None

    def take():
        at[0] += 1
        return toks[at[0] - 1]

    def unary():
        t = peek()
        if t == "!":
            take()
            return not unary()
        if t == "(":
            take()
            v = disj()
            if take() != ")":
                raise ValueError("expected )")
            return v
        if t is None or not re.fullmatch(r"[A-Za-z0-9_]+", t):
            raise ValueError(f"expected a choice ID, got {t!r}")
        take()
        if t not in known:
            raise ValueError(f"{t!r} is not a choice of this question")
        return t in met

    def conj():
        v = unary()
        while peek() == "&&":
            take()
            v = unary() and v
        return v

    def disj():
        v = conj()
        while peek() == "||":
            take()
            v = conj() or v
        return v

    v = disj()
    if peek() is not None:
        raise ValueError(f"unexpected {peek()!r}")
    return v


LENS_VERSION = "2024-11-06"


def official_lens(path):
    """The Reliability pillar of the AWS lens, as a custom-lens document."""
    with open(path, encoding="utf-8") as f:
        facts = yaml.safe_load(f)
    questions = []
    for q in facts["questions"]:
        choices = [{"id": b["choice_id"], "title": b["title"]} for b in q["best_practices"]]
        choices.append({"id": q["none_choice_id"], "title": "None of these"})
        high = [b["choice_id"] for b in q["best_practices"] if b["risk"] == "High"]
        above = [b["choice_id"] for b in q["best_practices"] if b["risk"] in ("High", "Medium")]
        rules = []
        if above:
            rules.append({"condition": " && ".join(above), "risk": "NO_RISK"})
        if high and len(high) < len(above):
            rules.append({"condition": " && ".join(high), "risk": "MEDIUM_RISK"})
        rules.append({"condition": "default",
                      "risk": "HIGH_RISK" if high else "MEDIUM_RISK" if above else "NO_RISK"})
        questions.append({"id": q["wa_question_id"], "title": q["title"],
                          "description": q["title"], "choices": choices, "riskRules": rules})
    doc = {"schemaVersion": "2021-11-01", "name": "AWS Well-Architected Framework",
           "description": "The AWS Well-Architected Framework (Reliability pillar only here).",
           "pillars": [{"id": facts["meta"]["wa_tool"]["pillar_id"], "name": "Reliability",
                        "questions": questions}]}
    return {"alias": OFFICIAL, "arn": f"arn:aws:wellarchitected::aws:lens/{OFFICIAL}",
            "type": "AWS_OFFICIAL", "owner": "aws", "doc": doc, "draft": None,
            "versions": [(LENS_VERSION, doc)], "created": now(), "updated": now(),
            "json": None, "tags": {}}


# ---- state ----------------------------------------------------------------------------

class State:
    def __init__(self, pillar_file):
        self.pillar_file = pillar_file
        self.reset()

    def reset(self):
        self.lenses = {OFFICIAL: official_lens(self.pillar_file)}
        self.workloads = {}
        self.tokens = {}

    def lens(self, alias, published=True):
        lens = self.lenses.get(alias)
        if lens is None or (published and not lens["versions"]):
            raise not_found("lens", alias)
        return lens

    def workload(self, wid):
        w = self.workloads.get(wid)
        if w is None:
            raise not_found("workload", wid)
        return w


STATE = None


def lens_doc(lens):
    return lens["versions"][-1][1]


def questions_of(doc, pillar=None):
    for p in doc["pillars"]:
        if pillar is None or p["id"] == pillar:
            for q in p["questions"]:
                yield p, q


def question_risk(q, ans):
    if not ans or not ans.get("answered"):
        return "UNANSWERED"
    if not ans.get("IsApplicable", True):
        return "NOT_APPLICABLE"
    known = {c["id"] for c in q["choices"]}
    met = set(ans.get("SelectedChoices", [])) | {
        c for c, u in ans.get("ChoiceUpdates", {}).items() if u["Status"] == "NOT_APPLICABLE"}
    for rule in q["riskRules"]:
        if rule["condition"] == "default" or evaluate(rule["condition"], met, known):
            return RISKS[rule["risk"]]
    return "HIGH"


def risk_counts(doc, answers, pillar=None):
    counts = {k: 0 for k in ("UNANSWERED", "HIGH", "MEDIUM", "NONE", "NOT_APPLICABLE")}
    for _p, q in questions_of(doc, pillar):
        counts[question_risk(q, answers.get(q["id"]))] += 1
    return counts


def choice_out(c):
    out = {"ChoiceId": c["id"], "Title": c["title"]}
    for key, name in (("helpfulResource", "HelpfulResource"),
                      ("improvementPlan", "ImprovementPlan")):
        if key in c:
            out[name] = {k2: v for k, k2 in (("displayText", "DisplayText"), ("url", "Url"))
                         if (v := c[key].get(k)) is not None}
    if "additionalResources" in c:
        out["AdditionalResources"] = [
            {"Type": r["type"],
             "Content": [{k2: v for k, k2 in (("displayText", "DisplayText"), ("url", "Url"))
                          if (v := item.get(k)) is not None} for item in r["content"]]}
            for r in c["additionalResources"]]
    return out


def answer_out(pillar, q, ans, summary):
    ans = ans or {}
    out = {"QuestionId": q["id"], "PillarId": pillar["id"], "QuestionTitle": q["title"],
           "Choices": [choice_out(c) for c in q["choices"]],
           "SelectedChoices": list(ans.get("SelectedChoices", [])),
           "IsApplicable": ans.get("IsApplicable", True),
           "Risk": question_risk(q, ans)}
    answers = [dict({"ChoiceId": c, **u}) for c, u in sorted(ans.get("ChoiceUpdates", {}).items())]
    if summary:
        out["ChoiceAnswerSummaries"] = [{k: v for k, v in a.items() if k != "Notes"}
                                        for a in answers]
        out["QuestionType"] = "NON_PRIORITIZED"
    else:
        out["ChoiceAnswers"] = answers
        if q.get("description"):
            out["QuestionDescription"] = q["description"]
        if ans.get("Notes"):
            out["Notes"] = ans["Notes"]
    if ans.get("Reason"):
        out["Reason"] = ans["Reason"]
    return out


def workload_summary(w):
    return {"WorkloadId": w["WorkloadId"], "WorkloadArn": w["WorkloadArn"],
            "WorkloadName": w["WorkloadName"], "Owner": ACCOUNT, "UpdatedAt": w["UpdatedAt"],
            "Lenses": list(w["Lenses"]), "RiskCounts": workload_risks(w),
            "ImprovementStatus": w.get("ImprovementStatus", "NOT_APPLICABLE")}


def workload_risks(w):
    total = {}
    for alias, review in w["reviews"].items():
        lens = STATE.lenses.get(alias)
        if lens is None:
            continue
        for k, v in risk_counts(lens_doc(lens), review["answers"]).items():
            total[k] = total.get(k, 0) + v
    return total


def workload_out(w):
    out = {k: copy.deepcopy(v) for k, v in w.items() if k not in ("reviews", "milestones")}
    out["Owner"] = ACCOUNT
    out["RiskCounts"] = workload_risks(w)
    out.setdefault("ImprovementStatus", "NOT_APPLICABLE")
    return out


def page(items, params, key, limit=50):
    start = int(params.get("NextToken") or 0)
    size = params.get("MaxResults") or limit
    out = {key: items[start:start + size]}
    if start + size < len(items):
        out["NextToken"] = str(start + size)
    return out


def snapshot(w, number):
    """The workload as it was at a milestone (number) or now (None)."""
    if number is None:
        return w
    for m in w["milestones"]:
        if m["MilestoneNumber"] == number:
            return m["workload"]
    raise not_found("milestone", str(number))


def review_of(w, alias):
    if alias not in w["reviews"]:
        raise not_found("lens", alias)
    return w["reviews"][alias]


# ---- operations -----------------------------------------------------------------------

def idempotent(op, params, make):
    token = params.get("ClientRequestToken")
    key = (op, token)
    if token and key in STATE.tokens:
        return copy.deepcopy(STATE.tokens[key])
    out = make()
    if token:
        STATE.tokens[key] = copy.deepcopy(out)
    return out


def check_lenses(aliases):
    for alias in aliases:
        STATE.lens(alias)


def new_review():
    return {"answers": {}, "UpdatedAt": now()}


def op_CreateWorkload(p):
    def make():
        if any(w["WorkloadName"].lower() == p["WorkloadName"].lower()
               for w in STATE.workloads.values()):
            raise ApiError("ConflictException",
                           f"Workload name {p['WorkloadName']} is already in use",
                           ResourceId=p["WorkloadName"], ResourceType="WORKLOAD")
        check_lenses(p["Lenses"])
        wid = uuid.uuid4().hex
        w = {k: copy.deepcopy(v) for k, v in p.items() if k != "ClientRequestToken"}
        w.update(WorkloadId=wid, WorkloadArn=f"arn:aws:wellarchitected:{REGION_DEFAULT}:"
                 f"{ACCOUNT}:workload/{wid}", UpdatedAt=now(),
                 Lenses=list(dict.fromkeys(p["Lenses"])), reviews={}, milestones=[])
        for alias in w["Lenses"]:
            w["reviews"][alias] = new_review()
        STATE.workloads[wid] = w
        return {"WorkloadId": wid, "WorkloadArn": w["WorkloadArn"]}
    return idempotent("CreateWorkload", p, make)


def op_GetWorkload(p):
    return {"Workload": workload_out(STATE.workload(p["WorkloadId"]))}


def op_UpdateWorkload(p):
    w = STATE.workload(p["WorkloadId"])
    name = p.get("WorkloadName")
    if name and any(o is not w and o["WorkloadName"].lower() == name.lower()
                    for o in STATE.workloads.values()):
        raise ApiError("ConflictException", f"Workload name {name} is already in use",
                       ResourceId=name, ResourceType="WORKLOAD")
    for k, v in p.items():
        if k != "WorkloadId":
            w[k] = copy.deepcopy(v)
    w["UpdatedAt"] = now()
    return {"Workload": workload_out(w)}


def op_ListWorkloads(p):
    prefix = (p.get("WorkloadNamePrefix") or "").lower()
    items = [workload_summary(w) for w in STATE.workloads.values()
             if w["WorkloadName"].lower().startswith(prefix)]
    return page(items, p, "WorkloadSummaries")


def op_DeleteWorkload(p):
    STATE.workload(p["WorkloadId"])
    del STATE.workloads[p["WorkloadId"]]
    return {}


def op_AssociateLenses(p):
    w = STATE.workload(p["WorkloadId"])
    check_lenses(p["LensAliases"])
    for alias in p["LensAliases"]:
        if alias not in w["reviews"]:
            w["Lenses"].append(alias)
            w["reviews"][alias] = new_review()
    return {}


def op_DisassociateLenses(p):
    w = STATE.workload(p["WorkloadId"])
    for alias in p["LensAliases"]:
        review_of(w, alias)
        if alias == OFFICIAL:
            raise ApiError("ValidationException",
                           "The wellarchitected lens cannot be removed from a workload",
                           Reason="OTHER")
        w["Lenses"].remove(alias)
        del w["reviews"][alias]
    return {}


def lens_review(w, alias, summary):
    lens = STATE.lens(alias, published=False)
    review = review_of(w, alias)
    doc = lens_doc(lens)
    out = {"LensAlias": alias, "LensArn": lens["arn"], "LensVersion": lens["versions"][-1][0],
           "LensName": doc["name"], "LensStatus": "CURRENT", "UpdatedAt": review["UpdatedAt"],
           "RiskCounts": risk_counts(doc, review["answers"])}
    if not summary:
        out["PillarReviewSummaries"] = [
            {"PillarId": p["id"], "PillarName": p["name"],
             "RiskCounts": risk_counts(doc, review["answers"], p["id"])}
            for p in doc["pillars"]]
    return out


def op_ListLensReviews(p):
    w = snapshot(STATE.workload(p["WorkloadId"]), p.get("MilestoneNumber"))
    out = page([lens_review(w, a, True) for a in w["reviews"]], p, "LensReviewSummaries")
    out["WorkloadId"] = p["WorkloadId"]
    if p.get("MilestoneNumber"):
        out["MilestoneNumber"] = p["MilestoneNumber"]
    return out


def op_GetLensReview(p):
    w = snapshot(STATE.workload(p["WorkloadId"]), p.get("MilestoneNumber"))
    out = {"WorkloadId": p["WorkloadId"], "LensReview": lens_review(w, p["LensAlias"], False)}
    if p.get("MilestoneNumber"):
        out["MilestoneNumber"] = p["MilestoneNumber"]
    return out


def find_question(doc, qid):
    for pillar, q in questions_of(doc):
        if q["id"] == qid:
            return pillar, q
    raise not_found("question", qid)


def op_UpdateAnswer(p):
    w = STATE.workload(p["WorkloadId"])
    review = review_of(w, p["LensAlias"])
    lens = STATE.lens(p["LensAlias"], published=False)
    pillar, q = find_question(lens_doc(lens), p["QuestionId"])
    known = [c["id"] for c in q["choices"]]
    ans = copy.deepcopy(review["answers"].get(q["id"], {}))
    selected = p.get("SelectedChoices", ans.get("SelectedChoices", []))
    updates = dict(ans.get("ChoiceUpdates", {}))
    for cid, upd in p.get("ChoiceUpdates", {}).items():
        if cid not in known:
            raise ApiError("ValidationException", f"Choice {cid} is not a choice of question "
                           f"{q['id']}", Reason="FIELD_VALIDATION_FAILED")
        if upd["Status"] == "SELECTED":
            selected = list(dict.fromkeys(selected + [cid]))
            updates.pop(cid, None)
        elif upd["Status"] == "UNSELECTED":
            selected = [c for c in selected if c != cid]
            updates.pop(cid, None)
        else:
            selected = [c for c in selected if c != cid]
            updates[cid] = {k: v for k, v in upd.items()}
    for cid in selected:
        if cid not in known:
            raise ApiError("ValidationException", f"Choice {cid} is not a choice of question "
                           f"{q['id']}", Reason="FIELD_VALIDATION_FAILED")
    nones = [c for c in selected if c.endswith("_no")]
    if nones and len(selected) > 1:
        raise ApiError("ValidationException", f"{nones[0]} (None of these) cannot be selected "
                       "with other choices", Reason="FIELD_VALIDATION_FAILED")
    ans.update(SelectedChoices=selected, ChoiceUpdates=updates,
               answered=bool(selected or updates) or not p.get("IsApplicable", True))
    for k in ("Notes", "IsApplicable", "Reason"):
        if k in p:
            ans[k] = p[k]
    review["answers"][q["id"]] = ans
    review["UpdatedAt"] = w["UpdatedAt"] = now()
    return {"WorkloadId": w["WorkloadId"], "LensAlias": p["LensAlias"], "LensArn": lens["arn"],
            "Answer": answer_out(pillar, q, ans, False)}


def op_GetAnswer(p):
    w = snapshot(STATE.workload(p["WorkloadId"]), p.get("MilestoneNumber"))
    review = review_of(w, p["LensAlias"])
    lens = STATE.lens(p["LensAlias"], published=False)
    pillar, q = find_question(lens_doc(lens), p["QuestionId"])
    out = {"WorkloadId": p["WorkloadId"], "LensAlias": p["LensAlias"], "LensArn": lens["arn"],
           "Answer": answer_out(pillar, q, review["answers"].get(q["id"]), False)}
    if p.get("MilestoneNumber"):
        out["MilestoneNumber"] = p["MilestoneNumber"]
    return out


def op_ListAnswers(p):
    w = snapshot(STATE.workload(p["WorkloadId"]), p.get("MilestoneNumber"))
    review = review_of(w, p["LensAlias"])
    lens = STATE.lens(p["LensAlias"], published=False)
    doc = lens_doc(lens)
    pillar_id = p.get("PillarId")
    if pillar_id and pillar_id not in [x["id"] for x in doc["pillars"]]:
        raise not_found("pillar", pillar_id)
    items = [answer_out(pl, q, review["answers"].get(q["id"]), True)
             for pl, q in questions_of(doc, pillar_id)]
    out = page(items, p, "AnswerSummaries")
    out.update(WorkloadId=p["WorkloadId"], LensAlias=p["LensAlias"], LensArn=lens["arn"])
    if p.get("MilestoneNumber"):
        out["MilestoneNumber"] = p["MilestoneNumber"]
    return out


def op_CreateMilestone(p):
    def make():
        w = STATE.workload(p["WorkloadId"])
        if any(m["MilestoneName"] == p["MilestoneName"] for m in w["milestones"]):
            raise ApiError("ConflictException",
                           f"Milestone name {p['MilestoneName']} is already in use",
                           ResourceId=p["MilestoneName"], ResourceType="MILESTONE")
        if len(w["milestones"]) >= MAX_MILESTONES:
            raise ApiError("ServiceQuotaExceededException",
                           f"A workload can have at most {MAX_MILESTONES} milestones",
                           QuotaCode="L-MILESTONES", ServiceCode="wellarchitected")
        number = len(w["milestones"]) + 1
        frozen = copy.deepcopy({k: v for k, v in w.items() if k != "milestones"})
        frozen["milestones"] = []
        w["milestones"].append({"MilestoneNumber": number, "MilestoneName": p["MilestoneName"],
                                "RecordedAt": now(), "workload": frozen})
        return {"WorkloadId": w["WorkloadId"], "MilestoneNumber": number}
    return idempotent("CreateMilestone", p, make)


def op_ListMilestones(p):
    w = STATE.workload(p["WorkloadId"])
    items = [{"MilestoneNumber": m["MilestoneNumber"], "MilestoneName": m["MilestoneName"],
              "RecordedAt": m["RecordedAt"], "WorkloadSummary": workload_summary(m["workload"])}
             for m in w["milestones"]]
    out = page(items, p, "MilestoneSummaries")
    out["WorkloadId"] = w["WorkloadId"]
    return out


def op_GetMilestone(p):
    w = STATE.workload(p["WorkloadId"])
    for m in w["milestones"]:
        if m["MilestoneNumber"] == p["MilestoneNumber"]:
            return {"WorkloadId": w["WorkloadId"],
                    "Milestone": {"MilestoneNumber": m["MilestoneNumber"],
                                  "MilestoneName": m["MilestoneName"],
                                  "RecordedAt": m["RecordedAt"],
                                  "Workload": workload_out(m["workload"])}}
    raise not_found("milestone", str(p["MilestoneNumber"]))


def op_ImportLens(p):
    def make():
        try:
            doc = json.loads(p["JSONString"])
        except ValueError as e:
            raise ApiError("ValidationException", f"JSONString is not JSON: {e}",
                           Reason="FIELD_VALIDATION_FAILED") from None
        problem = lens_problem(doc)
        if problem:
            raise ApiError("ValidationException", f"Invalid lens: {problem}",
                           Reason="FIELD_VALIDATION_FAILED")
        alias = p.get("LensAlias")
        if alias:
            lens = STATE.lens(alias, published=False)
            if lens["type"] == "AWS_OFFICIAL":
                raise ApiError("ValidationException", "An AWS official lens cannot be updated",
                               Reason="OTHER")
        else:
            if any(x["doc"]["name"] == doc["name"] for x in STATE.lenses.values()):
                raise ApiError("ConflictException", f"Lens name {doc['name']} is already in use",
                               ResourceId=doc["name"], ResourceType="LENS")
            lid = uuid.uuid4().hex
            alias = f"arn:aws:wellarchitected:{REGION_DEFAULT}:{ACCOUNT}:lens/{lid}"
            lens = STATE.lenses[alias] = {"alias": alias, "arn": alias, "type": "CUSTOM_SELF",
                                          "owner": ACCOUNT, "versions": [], "created": now(),
                                          "tags": dict(p.get("Tags", {}))}
        lens.update(doc=doc, draft=doc, json=p["JSONString"], updated=now())
        return {"LensArn": lens["arn"], "Status": "COMPLETE"}
    return idempotent("ImportLens", p, make)


def lens_version(lens, version):
    if version is None:
        return lens["draft"] or lens_doc(lens)
    for v, doc in lens["versions"]:
        if v == version:
            return doc
    raise not_found("lens", f"{lens['alias']} version {version}")


def op_ExportLens(p):
    lens = STATE.lens(p["LensAlias"], published=False)
    if lens["type"] == "AWS_OFFICIAL":
        raise ApiError("ValidationException", "ExportLens is not permitted on AWS official "
                       "lenses", Reason="OTHER")
    return {"LensJSON": json.dumps(lens_version(lens, p.get("LensVersion")), indent=2,
                                   ensure_ascii=False)}


def op_GetLens(p):
    lens = STATE.lens(p["LensAlias"], published=False)
    doc = lens_version(lens, p.get("LensVersion"))
    out = {"LensArn": lens["arn"], "Name": doc["name"], "Owner": lens["owner"]}
    if doc.get("description"):
        out["Description"] = doc["description"][:1024]
    if lens["versions"]:
        out["LensVersion"] = p.get("LensVersion") or lens["versions"][-1][0]
    if lens["tags"]:
        out["Tags"] = lens["tags"]
    return {"Lens": out}


def op_ListLenses(p):
    items = []
    for lens in STATE.lenses.values():
        status = "DRAFT" if not lens["versions"] else "PUBLISHED"
        if p.get("LensType") and p["LensType"] != lens["type"]:
            continue
        if p.get("LensStatus") not in (None, "ALL", status):
            continue
        if p.get("LensName") and p["LensName"] != lens["doc"]["name"]:
            continue
        s = {"LensArn": lens["arn"], "LensAlias": lens["alias"], "LensName": lens["doc"]["name"],
             "LensType": lens["type"], "CreatedAt": lens["created"],
             "UpdatedAt": lens["updated"], "LensStatus": "CURRENT"}
        if lens["doc"].get("description"):
            s["Description"] = lens["doc"]["description"][:1024]
        if lens["versions"]:
            s["LensVersion"] = lens["versions"][-1][0]
        if lens["owner"] == ACCOUNT:
            s["Owner"] = ACCOUNT
        items.append(s)
    return page(items, p, "LensSummaries")


def op_CreateLensVersion(p):
    def make():
        lens = STATE.lens(p["LensAlias"], published=False)
        if lens["type"] == "AWS_OFFICIAL":
            raise ApiError("ValidationException", "An AWS official lens cannot be published",
                           Reason="OTHER")
        if any(v == p["LensVersion"] for v, _ in lens["versions"]):
            raise ApiError("ConflictException", f"Lens version {p['LensVersion']} exists",
                           ResourceId=p["LensVersion"], ResourceType="LENS")
        if lens["draft"] is None:
            raise ApiError("ValidationException", "The lens has no draft to publish",
                           Reason="OTHER")
        lens["versions"].append((p["LensVersion"], lens["draft"]))
        lens["draft"] = None
        return {"LensArn": lens["arn"], "LensVersion": p["LensVersion"]}
    return idempotent("CreateLensVersion", p, make)


def op_DeleteLens(p):
    lens = STATE.lens(p["LensAlias"], published=False)
    if lens["type"] == "AWS_OFFICIAL":
        raise ApiError("ValidationException", "An AWS official lens cannot be deleted",
                       Reason="OTHER")
    if any(p["LensAlias"] in w["reviews"] for w in STATE.workloads.values()):
        raise ApiError("ConflictException", "The lens is in use by a workload",
                       ResourceId=p["LensAlias"], ResourceType="LENS")
    del STATE.lenses[p["LensAlias"]]
    return {}


OPERATIONS = {name[3:]: fn for name, fn in globals().items() if name.startswith("op_")}


# ---- the wire: routing, validation, serialisation -------------------------------------

def build_routes():
    routes = []
    for name in OPERATIONS:
        op = MODEL.operation_model(name)
        uri = op.http["requestUri"].split("?")[0]
        labels = re.findall(r"{([^}]+)}", uri)
        rx = "^" + re.sub(r"{([^}+]+)(\+?)}",
                          lambda m: "(?P<%s>%s)" % (m.group(1), ".+" if m.group(2) else "[^/]+"),
                          uri) + "/?$"
        literal = len(re.sub(r"{[^}]+}", "", uri))
        routes.append((op.http["method"], re.compile(rx), name, labels, literal))
    routes.sort(key=lambda r: -r[4])
    return routes


ROUTES = build_routes()


def scalar(shape, text):
    if shape.type_name in ("integer", "long"):
        try:
            return int(text)
        except ValueError:
            return text
    if shape.type_name == "boolean":
        return {"true": True, "false": False}.get(text, text)
    return text


def parse_input(op, labels, query, headers, body):
    shape = op.input_shape
    params = {}
    if shape is None:
        return params
    try:
        doc = json.loads(body) if body.strip() else {}
    except ValueError as e:
        raise ApiError("ValidationException", f"The request body is not JSON: {e}",
                       Reason="CANNOT_PARSE") from None
    if not isinstance(doc, dict):
        raise ApiError("ValidationException", "The request body must be a JSON object",
                       Reason="CANNOT_PARSE")
    for name, member in shape.members.items():
        loc = member.serialization.get("location")
        wire = member.serialization.get("name", name)
        if loc == "uri":
            if wire in labels:
                params[name] = scalar(member, urllib.parse.unquote(labels[wire]))
        elif loc == "querystring":
            if wire in query:
                values = query[wire]
                params[name] = ([scalar(member.member, v) for v in values]
                                if member.type_name == "list" else scalar(member, values[-1]))
        elif loc == "header":
            if wire.lower() in headers:
                params[name] = scalar(member, headers[wire.lower()])
        elif name in doc:
            params[name] = doc.pop(name)
    params.update(doc)  # what is left is unknown: the validator names it
    return params


def model_problems(value, shape, path, lengths=True):
    """What botocore's validator leaves out: maximums, enums, patterns, integer ranges."""
    meta = shape.metadata
    out = []
    t = shape.type_name
    if t == "string" and isinstance(value, str):
        if lengths and "max" in meta and len(value) > meta["max"]:
            out.append(f"Value at '{path}' failed to satisfy constraint: Member must have "
                       f"length less than or equal to {meta['max']}")
        if "enum" in meta and value not in meta["enum"]:
            out.append(f"Value '{value}' at '{path}' failed to satisfy constraint: Member "
                       f"must satisfy enum value set: [{', '.join(meta['enum'])}]")
        if lengths and "pattern" in meta and not re.search(meta["pattern"], value):
            out.append(f"Value '{value}' at '{path}' failed to satisfy constraint: Member "
                       f"must satisfy regular expression pattern: {meta['pattern']}")
    elif t in ("integer", "long") and isinstance(value, int) and "max" in meta \
            and value > meta["max"]:
        out.append(f"Value '{value}' at '{path}' failed to satisfy constraint: Member must "
                   f"have value less than or equal to {meta['max']}")
    elif t == "structure" and isinstance(value, dict):
        for k, v in value.items():
            if k in shape.members:
                out += model_problems(v, shape.members[k], f"{path}.{k}" if path else k,
                                      lengths)
    elif t == "list" and isinstance(value, list):
        if lengths and "max" in meta and len(value) > meta["max"]:
            out.append(f"Value at '{path}' failed to satisfy constraint: Member must have "
                       f"length less than or equal to {meta['max']}")
        for i, v in enumerate(value):
            out += model_problems(v, shape.member, f"{path}.{i + 1}", lengths)
    elif t == "map" and isinstance(value, dict):
        if lengths and "max" in meta and len(value) > meta["max"]:
            out.append(f"Value at '{path}' failed to satisfy constraint: Member must have "
                       f"length less than or equal to {meta['max']}")
        for k, v in value.items():
            out += model_problems(k, shape.key, f"{path}.key", lengths)
            out += model_problems(v, shape.value, f"{path}.{k}", lengths)
    return out


def validate(params, shape, lengths=True):
    report = ParamValidator().validate(params, shape)
    problems = [report.generate_report()] if report.has_errors() else []
    problems += model_problems(params, shape, "", lengths)
    return problems


def to_wire(value):
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    if isinstance(value, dict):
        return {k: to_wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_wire(v) for v in value]
    return value


def rule_for(op):
    """The first fault rule matching op (its counters advanced), or None."""
    for rule in RULES:
        if rule.get("operation") not in (None, op):
            continue
        rule["_seen"] = rule.get("_seen", 0) + 1
        if rule["_seen"] <= rule.get("skip", 0):
            continue
        if "times" in rule and rule["_seen"] - rule.get("skip", 0) > rule["times"]:
            continue
        return rule
    return None


def fault_error(rule, op, params):
    kind = rule.get("fault")
    if kind == "throttle":
        return ApiError("ThrottlingException", "Rate exceeded")
    if kind == "conflict":
        rid = params.get("WorkloadId") or params.get("LensAlias") or op
        return ApiError("ConflictException", "The resource is being modified by another "
                        "request", ResourceId=rid, ResourceType="WORKLOAD")
    err = ApiError("InternalServerException", "Internal server error")
    err.status = int(rule.get("status", 500))
    if err.status == 503:
        err.code = "ServiceUnavailableException"
        err.message = "Service unavailable"
    return err


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "watool"

    def log_message(self, fmt, *args):
        sys.stderr.write("watool: " + fmt % args + "\n")

    def reply(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def error(self, err, headers=None):
        body = {"Message": err.message, **err.extra}
        self.reply(err.status, body, {"x-amzn-ErrorType": err.code, **(headers or {})})

    def control(self, method, path, body):
        global RULES, LOG
        with LOCK:
            if method == "POST" and path == "/__fault/rules":
                RULES = json.loads(body or "[]")
            elif method == "POST" and path == "/__fault/reset":
                RULES, LOG = [], []
            elif method == "POST" and path == "/__state/reset":
                STATE.reset()
            elif method == "GET" and path == "/__fault/log":
                return self.reply(200, LOG)
            else:
                return self.reply(404, {"Message": "no such control"})
        self.reply(200, {"ok": True})

    def handle_any(self):
        method = self.command
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        if url.path.startswith("/__"):
            return self.control(method, url.path, body)
        for meth, rx, name, _labels, _lit in ROUTES:
            m = rx.match(url.path)
            if meth == method and m:
                break
        else:
            self.log_request_result("?", 404, "UnknownOperationException")
            return self.error(unknown_operation(method, url.path))
        op = MODEL.operation_model(name)
        status, code = 200, None
        try:
            auth = self.headers.get("Authorization", "")
            scope = re.search(r"Credential=[^/]+/\d{8}/[^/]+/([^/]+)/aws4_request", auth)
            if not scope:
                raise ApiError("AccessDeniedException", "Missing Authentication Token")
            if scope.group(1) != "wellarchitected":
                raise ApiError("AccessDeniedException",
                               f"Credential should be scoped to wellarchitected, not "
                               f"{scope.group(1)}")
            query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
            headers = {k.lower(): v for k, v in self.headers.items()}
            params = parse_input(op, m.groupdict(), query, headers, body)
            problems = validate(params, op.input_shape) if op.input_shape else []
            if problems:
                raise ApiError("ValidationException", "; ".join(problems),
                               Reason="FIELD_VALIDATION_FAILED")
            with LOCK:
                rule = rule_for(name)
                if rule:
                    raise fault_error(rule, name, params)
                out = OPERATIONS[name](params)
                if CHECK and op.output_shape is not None:
                    bad = validate(out, op.output_shape, lengths=False)
                    if bad:
                        sys.stderr.write(f"watool: {name}: response breaks the model: "
                                         f"{bad}\n")
                        raise ApiError("InternalServerException",
                                       f"emulator response breaks the model: {bad}")
            wire = to_wire(out)
            # logged before the answer is sent: a caller that reads the log as soon as its
            # call returns must find the call there
            self.log_request_result(name, status, code)
            self.reply(200, wire)
        except ApiError as err:
            status, code = err.status, err.code
            hdrs = {}
            if code == "ThrottlingException" and rule_retry_after(name):
                hdrs["Retry-After"] = str(rule_retry_after(name))
            self.log_request_result(name, status, code)
            self.error(err, hdrs)

    def log_request_result(self, name, status, code):
        with LOCK:
            LOG.append({"operation": name, "status": status, "error": code})

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any


def unknown_operation(method, path):
    err = ApiError("ValidationException", f"No operation for {method} {path}")
    err.code = "UnknownOperationException"
    err.status = 404
    return err


def rule_retry_after(op):
    for rule in RULES:
        if rule.get("operation") in (None, op) and rule.get("fault") == "throttle":
            return rule.get("retry_after")
    return None


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    global STATE, CHECK, LENS_VERSION
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--check", action="store_true",
                    help="validate every response against the model's output shape too")
    ap.add_argument("--pillar", default=PILLAR_FILE)
    ap.add_argument("--lens-version", default=LENS_VERSION)
    args = ap.parse_args()
    LENS_VERSION = args.lens_version
    CHECK = args.check
    STATE = State(args.pillar)
    srv = Server(("127.0.0.1", args.port), Handler)
    port = srv.server_address[1]
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(str(port))
        os.replace(tmp, args.port_file)
    print(f"watool: listening on 127.0.0.1:{port}", file=sys.stderr, flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
