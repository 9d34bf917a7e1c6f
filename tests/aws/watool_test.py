#!/usr/bin/env python3
"""Drives tests/aws/watool.py with boto3, the way a client of the real service would.

    WATOOL_URL=http://127.0.0.1:PORT WA=build/wa-review python3 watool_test.py

Each test resets the emulator's state and fault rules first. Ends with the line
"watool: N passed, N failed" and a non-zero status when anything failed.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest
import urllib.request

import boto3
import botocore.config
import botocore.exceptions
import yaml

URL = os.environ["WATOOL_URL"]
WA = os.environ["WA"]
HERE = os.path.dirname(os.path.abspath(__file__))
PILLAR = os.path.join(HERE, "..", "vectors", "pillar", "reliability-pillar.yaml")
QUESTIONS = os.path.join(HERE, "..", "..", "questions")


def control(path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(URL + path, data=data, method="POST" if data is not None
                                 or path != "/__fault/log" else "GET")
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)


def client(retries=1):
    return boto3.client(
        "wellarchitected", endpoint_url=URL, region_name="us-east-1",
        aws_access_key_id="AKIDWATOOLTEST", aws_secret_access_key="secret",
        config=botocore.config.Config(retries={"max_attempts": retries, "mode": "standard"}))


def facts():
    with open(PILLAR, encoding="utf-8") as f:
        return yaml.safe_load(f)["questions"]


def pages(call, **kw):
    """Every page of a List call (botocore has no paginators for this service)."""
    while True:
        page = call(**kw)
        yield page
        if not page.get("NextToken"):
            return
        kw["NextToken"] = page["NextToken"]


def wa(*args):
    return subprocess.run([WA, *args], capture_output=True, text=True, timeout=60)


class Base(unittest.TestCase):
    def setUp(self):
        control("/__state/reset", {})
        control("/__fault/reset", {})
        self.wa = client()

    def error_code(self, fn, **kw):
        with self.assertRaises(botocore.exceptions.ClientError) as cm:
            fn(**kw)
        return cm.exception.response["Error"]["Code"], cm.exception.response

    def workload(self, name="checkout", lenses=("wellarchitected",)):
        return self.wa.create_workload(
            WorkloadName=name, Description="The checkout service", Environment="PRODUCTION",
            Lenses=list(lenses), AwsRegions=["eu-west-1"], ReviewOwner="Mei Tanaka")["WorkloadId"]


class Workloads(Base):
    def test_create_get_update_list_delete(self):
        wid = self.workload()
        w = self.wa.get_workload(WorkloadId=wid)["Workload"]
        self.assertEqual(w["WorkloadName"], "checkout")
        self.assertEqual(w["Environment"], "PRODUCTION")
        self.assertEqual(w["Lenses"], ["wellarchitected"])
        self.assertEqual(w["AwsRegions"], ["eu-west-1"])
        n = len(facts())
        self.assertEqual(w["RiskCounts"], {"UNANSWERED": n, "HIGH": 0, "MEDIUM": 0, "NONE": 0,
                                           "NOT_APPLICABLE": 0})
        self.wa.update_workload(WorkloadId=wid, Description="Checkout, renamed")
        self.assertEqual(self.wa.get_workload(WorkloadId=wid)["Workload"]["Description"],
                         "Checkout, renamed")
        self.workload("payments")
        names = [s["WorkloadName"] for s in
                 self.wa.list_workloads(WorkloadNamePrefix="check")["WorkloadSummaries"]]
        self.assertEqual(names, ["checkout"])
        self.wa.delete_workload(WorkloadId=wid)
        code, _ = self.error_code(self.wa.get_workload, WorkloadId=wid)
        self.assertEqual(code, "ResourceNotFoundException")

    def test_list_pages(self):
        for i in range(5):
            self.workload(f"svc-{i}")
        sizes = [len(p["WorkloadSummaries"]) for p in pages(self.wa.list_workloads, MaxResults=2)]
        self.assertEqual(sizes, [2, 2, 1])

    def test_name_in_use_is_a_conflict(self):
        self.workload()
        code, resp = self.error_code(self.workload, name="Checkout")
        self.assertEqual(code, "ConflictException")
        self.assertEqual(resp["ResponseMetadata"]["HTTPStatusCode"], 409)

    def test_unknown_lens_is_not_found(self):
        code, _ = self.error_code(self.workload, lenses=["no-such-lens"])
        self.assertEqual(code, "ResourceNotFoundException")


class Validation(Base):
    """What the model refuses, the emulator refuses, as the real service does."""

    def raw(self, method, path, body, auth=True):
        req = urllib.request.Request(URL + path, data=body.encode() if body else None,
                                     method=method)
        req.add_header("Content-Type", "application/json")
        if auth:
            req.add_header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/"
                           "us-east-1/wellarchitected/aws4_request, SignedHeaders=host, "
                           "Signature=00")
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.headers, json.load(r)
        except urllib.error.HTTPError as e:
            return e.code, e.headers, json.load(e)

    def test_enum_length_and_type(self):
        for body, needle in [
            ({"WorkloadName": "x", "Description": "abc", "Environment": "PRODUCTION",
              "Lenses": ["wellarchitected"], "ClientRequestToken": "t"}, "WorkloadName"),
            ({"WorkloadName": "abc", "Description": "abc", "Environment": "STAGING",
              "Lenses": ["wellarchitected"], "ClientRequestToken": "t"}, "enum"),
            ({"WorkloadName": "a" * 101, "Description": "abc", "Environment": "PRODUCTION",
              "Lenses": ["wellarchitected"], "ClientRequestToken": "t"}, "100"),
            ({"WorkloadName": "abc", "Description": "abc", "Environment": "PRODUCTION",
              "Lenses": "wellarchitected", "ClientRequestToken": "t"}, "Lenses"),
            ({"WorkloadName": "abc", "Description": "abc", "Environment": "PRODUCTION",
              "Lenses": ["wellarchitected"], "ClientRequestToken": "t", "Colour": "red"},
             "Colour"),
            ({"WorkloadName": "abc", "Environment": "PRODUCTION",
              "Lenses": ["wellarchitected"], "ClientRequestToken": "t"}, "Description"),
        ]:
            status, headers, doc = self.raw("POST", "/workloads", json.dumps(body))
            self.assertEqual(status, 400, body)
            self.assertEqual(headers["x-amzn-ErrorType"], "ValidationException")
            self.assertIn(needle, doc["Message"])
        self.assertEqual(self.wa.list_workloads()["WorkloadSummaries"], [])

    def test_uri_pattern_and_query_range(self):
        status, _, doc = self.raw("GET", "/workloads/not-hex", None)
        self.assertEqual(status, 400)
        self.assertIn("WorkloadId", doc["Message"])
        wid = self.workload()
        status, _, doc = self.raw("GET", f"/workloads/{wid}/lensReviews/wellarchitected/"
                                  "answers?MaxResults=51", None)
        self.assertEqual(status, 400)
        self.assertIn("MaxResults", doc["Message"])

    def test_unsigned_and_unknown(self):
        status, headers, _ = self.raw("GET", "/lenses", None, auth=False)
        self.assertEqual((status, headers["x-amzn-ErrorType"]), (403, "AccessDeniedException"))
        status, _, _ = self.raw("GET", "/no/such/operation", None)
        self.assertEqual(status, 404)

    def test_client_side_model_agrees(self):
        # boto3 itself refuses what the model refuses; the emulator never sees it.
        with self.assertRaises(botocore.exceptions.ParamValidationError):
            self.wa.get_answer(WorkloadId="0" * 32, LensAlias="wellarchitected")


class Answers(Base):
    def setUp(self):
        super().setUp()
        self.wid = self.workload()
        self.q = facts()[0]  # REL01: two high, four medium best practices

    def answer(self, choices, **kw):
        return self.wa.update_answer(WorkloadId=self.wid, LensAlias="wellarchitected",
                                     QuestionId=self.q["wa_question_id"],
                                     SelectedChoices=choices, **kw)["Answer"]

    def ids(self, risk):
        return [b["choice_id"] for b in self.q["best_practices"] if b["risk"] == risk]

    def test_questions_and_choices_are_the_pillar_facts(self):
        got = [a for p in pages(self.wa.list_answers, WorkloadId=self.wid,
                                LensAlias="wellarchitected", PillarId="reliability",
                                MaxResults=5)
               for a in p["AnswerSummaries"]]
        want = facts()
        self.assertEqual([a["QuestionId"] for a in got], [q["wa_question_id"] for q in want])
        for a, q in zip(got, want):
            self.assertEqual([c["ChoiceId"] for c in a["Choices"]],
                             [b["choice_id"] for b in q["best_practices"]] +
                             [q["none_choice_id"]])
            self.assertEqual(a["Risk"], "UNANSWERED")

    def test_risk_follows_the_rules(self):
        high, medium = self.ids("High"), self.ids("Medium")
        self.assertEqual(self.answer(high + medium)["Risk"], "NONE")
        self.assertEqual(self.answer(high + medium[1:])["Risk"], "MEDIUM")
        self.assertEqual(self.answer(high[1:] + medium)["Risk"], "HIGH")
        self.assertEqual(self.answer([self.q["none_choice_id"]])["Risk"], "HIGH")
        a = self.answer(high, ChoiceUpdates={c: {"Status": "NOT_APPLICABLE",
                                                 "Reason": "OUT_OF_SCOPE"} for c in medium})
        self.assertEqual(a["Risk"], "NONE")
        a = self.answer([], IsApplicable=False, Reason="OUT_OF_SCOPE")
        self.assertEqual(a["Risk"], "NOT_APPLICABLE")

    def test_read_back(self):
        high = self.ids("High")
        self.answer(high, Notes="quotas reviewed monthly")
        a = self.wa.get_answer(WorkloadId=self.wid, LensAlias="wellarchitected",
                               QuestionId=self.q["wa_question_id"])["Answer"]
        self.assertEqual(a["SelectedChoices"], high)
        self.assertEqual(a["Notes"], "quotas reviewed monthly")
        self.assertEqual(a["PillarId"], "reliability")
        self.assertEqual(a["Risk"], "MEDIUM")
        review = self.wa.get_lens_review(WorkloadId=self.wid,
                                         LensAlias="wellarchitected")["LensReview"]
        n = len(facts())
        self.assertEqual(review["RiskCounts"]["MEDIUM"], 1)
        self.assertEqual(review["RiskCounts"]["UNANSWERED"], n - 1)
        self.assertEqual(review["PillarReviewSummaries"][0]["PillarId"], "reliability")
        self.assertEqual(self.wa.get_workload(WorkloadId=self.wid)["Workload"]["RiskCounts"]
                         ["MEDIUM"], 1)

    def test_refusals(self):
        code, _ = self.error_code(self.answer, choices=["not_a_choice"])
        self.assertEqual(code, "ValidationException")
        code, _ = self.error_code(self.answer, choices=[self.q["none_choice_id"]] +
                                  self.ids("High"))
        self.assertEqual(code, "ValidationException")
        code, _ = self.error_code(self.wa.update_answer, WorkloadId=self.wid,
                                  LensAlias="wellarchitected", QuestionId="no-such-question",
                                  SelectedChoices=[])
        self.assertEqual(code, "ResourceNotFoundException")
        code, _ = self.error_code(self.wa.update_answer, WorkloadId="f" * 32,
                                  LensAlias="wellarchitected",
                                  QuestionId=self.q["wa_question_id"], SelectedChoices=[])
        self.assertEqual(code, "ResourceNotFoundException")
        code, _ = self.error_code(self.answer, choices=[], Reason="BECAUSE")
        self.assertEqual(code, "ValidationException")


class Milestones(Base):
    def test_snapshots(self):
        wid = self.workload()
        q = facts()[0]
        high = [b["choice_id"] for b in q["best_practices"] if b["risk"] == "High"]
        self.wa.update_answer(WorkloadId=wid, LensAlias="wellarchitected",
                              QuestionId=q["wa_question_id"], SelectedChoices=high)
        n = self.wa.create_milestone(WorkloadId=wid, MilestoneName="baseline")["MilestoneNumber"]
        self.assertEqual(n, 1)
        self.wa.update_answer(WorkloadId=wid, LensAlias="wellarchitected",
                              QuestionId=q["wa_question_id"], SelectedChoices=[])
        then = self.wa.get_answer(WorkloadId=wid, LensAlias="wellarchitected",
                                  QuestionId=q["wa_question_id"], MilestoneNumber=1)["Answer"]
        self.assertEqual(then["SelectedChoices"], high)
        summaries = self.wa.list_milestones(WorkloadId=wid)["MilestoneSummaries"]
        self.assertEqual([(m["MilestoneNumber"], m["MilestoneName"]) for m in summaries],
                         [(1, "baseline")])
        m = self.wa.get_milestone(WorkloadId=wid, MilestoneNumber=1)["Milestone"]
        self.assertEqual(m["Workload"]["RiskCounts"]["MEDIUM"], 1)
        code, _ = self.error_code(self.wa.create_milestone, WorkloadId=wid,
                                  MilestoneName="baseline")
        self.assertEqual(code, "ConflictException")
        code, _ = self.error_code(self.wa.get_milestone, WorkloadId=wid, MilestoneNumber=2)
        self.assertEqual(code, "ResourceNotFoundException")


class Lenses(Base):
    def export_builtin(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "lens.json")
            r = wa("lens", "export", "-o", out)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(out, encoding="utf-8") as f:
                return f.read()

    def test_our_lens_imports_and_exports_back_identically(self):
        text = self.export_builtin()
        arn = self.wa.import_lens(JSONString=text)["LensArn"]
        back = self.wa.export_lens(LensAlias=arn)["LensJSON"]
        self.assertEqual(json.loads(back), json.loads(text))
        lens = self.wa.get_lens(LensAlias=arn)["Lens"]
        self.assertEqual(lens["Name"], json.loads(text)["name"])
        drafts = self.wa.list_lenses(LensType="CUSTOM_SELF", LensStatus="DRAFT")["LensSummaries"]
        self.assertEqual([s["LensArn"] for s in drafts], [arn])
        # What the Tool hands back, wa-review imports into the same set it exported.
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "back.json")
            with open(src, "w", encoding="utf-8") as f:
                f.write(back)
            r = wa("lens", "import", src, "-o", os.path.join(d, "set"))
            self.assertEqual(r.returncode, 0, r.stderr)
            r = wa("lens", "export", os.path.join(d, "set"))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(json.loads(r.stdout), json.loads(text))

    def test_custom_lens_review_uses_its_rules(self):
        text = self.export_builtin()
        arn = self.wa.import_lens(JSONString=text)["LensArn"]
        code, _ = self.error_code(self.workload, lenses=["wellarchitected", arn])
        self.assertEqual(code, "ResourceNotFoundException")  # a draft cannot be used yet
        self.wa.create_lens_version(LensAlias=arn, LensVersion="1.0")
        wid = self.workload(lenses=["wellarchitected", arn])
        q = json.loads(text)["pillars"][0]["questions"][0]
        rules = q["riskRules"]
        first = rules[1]["condition"].split(" && ")  # the MEDIUM rule: every high choice
        a = self.wa.update_answer(WorkloadId=wid, LensAlias=arn, QuestionId=q["id"],
                                  SelectedChoices=first)["Answer"]
        self.assertEqual(a["Risk"], "MEDIUM")
        self.assertEqual(a["Choices"][0]["HelpfulResource"]["Url"],
                         q["choices"][0]["helpfulResource"]["url"])
        reviews = self.wa.list_lens_reviews(WorkloadId=wid)["LensReviewSummaries"]
        self.assertEqual(sorted(r["LensAlias"] for r in reviews), sorted(["wellarchitected",
                                                                          arn]))

    def test_lens_limits_are_enforced(self):
        doc = json.loads(self.export_builtin())
        q = doc["pillars"][0]["questions"][0]
        q["choices"] = [dict(q["choices"][0], id=f"choice_{i}") for i in range(16)]
        code, resp = self.error_code(self.wa.import_lens, JSONString=json.dumps(doc))
        self.assertEqual(code, "ValidationException")
        self.assertIn("pillars[0].questions[0].choices", resp["Error"]["Message"])
        doc = json.loads(self.export_builtin())
        doc["pillars"][0]["questions"][0]["riskRules"][0]["condition"] = "nope && x"
        code, resp = self.error_code(self.wa.import_lens, JSONString=json.dumps(doc))
        self.assertIn("riskRules[0].condition", resp["Error"]["Message"])
        code, _ = self.error_code(self.wa.import_lens, JSONString="x" * 500001)
        self.assertEqual(code, "ValidationException")

    def test_official_lens_is_not_exported(self):
        code, _ = self.error_code(self.wa.export_lens, LensAlias="wellarchitected")
        self.assertEqual(code, "ValidationException")


class Faults(Base):
    def test_throttling_is_retried_by_the_client(self):
        control("/__fault/rules", [{"operation": "ListWorkloads", "fault": "throttle",
                                    "times": 2}])
        patient = client(retries=3)
        self.assertEqual(patient.list_workloads()["WorkloadSummaries"], [])
        log = control("/__fault/log")
        self.assertEqual([e["status"] for e in log if e["operation"] == "ListWorkloads"],
                         [429, 429, 200])

    def test_persistent_faults_reach_the_caller(self):
        control("/__fault/rules", [{"operation": "GetWorkload", "fault": "status",
                                    "status": 500}])
        code, resp = self.error_code(self.wa.get_workload, WorkloadId="a" * 32)
        self.assertEqual((code, resp["ResponseMetadata"]["HTTPStatusCode"]),
                         ("InternalServerException", 500))
        control("/__fault/rules", [{"fault": "status", "status": 503, "times": 1}])
        self.assertEqual(client(retries=2).list_lenses()["LensSummaries"][0]["LensAlias"],
                         "wellarchitected")

    def test_conflict_leaves_state_unchanged(self):
        wid = self.workload()
        q = facts()[0]
        control("/__fault/rules", [{"operation": "UpdateAnswer", "fault": "conflict",
                                    "times": 1}])
        code, resp = self.error_code(self.wa.update_answer, WorkloadId=wid,
                                     LensAlias="wellarchitected",
                                     QuestionId=q["wa_question_id"],
                                     SelectedChoices=[q["none_choice_id"]])
        self.assertEqual(code, "ConflictException")
        self.assertEqual(resp["ResourceId"], wid)
        a = self.wa.get_answer(WorkloadId=wid, LensAlias="wellarchitected",
                               QuestionId=q["wa_question_id"])["Answer"]
        self.assertEqual((a["SelectedChoices"], a["Risk"]), ([], "UNANSWERED"))


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=1).result
    failed = len(result.failures) + len(result.errors)
    print(f"watool: {result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
