#!/usr/bin/env python3
"""Compares the AWS client with botocore on the same input: each scenario is an environment,
perhaps a config file, and a list of calls answered by a fake network (the same bytes to
both); the client runs through tests/tools/aws_dryrun, botocore in this process with its
own settings resolution (no Config passed), its requests stopped at before-send and its
backoff sleeps recorded instead of slept. Per call both report the first request's URL and
signing Region, the attempts, the waits between them, the outcome and the CA bundle; they
must agree.

    aws_botocore.py --tool PATH (endpoints | settings | retries)

Needs botocore 1.43 (the machine's pyenv python3). Ends with "botocore: N calls compared in
N scenarios, N differ"."""
import argparse
import glob
import json
import os
import random
import subprocess
import sys
import tempfile
import types

import botocore
import botocore.awsrequest
import botocore.endpoint
import botocore.exceptions
import botocore.retries.standard
import botocore.session

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "..", "src", "aws", "models")
DRAW = 0.5  # the backoff's random draw, both sides

# botocore's backoff draws from random.random (legacy mode, looked up at each call) and from
# ExponentialBackoff's default argument (standard mode, bound when the module loaded).
random.random = lambda: DRAW
_defaults = botocore.retries.standard.ExponentialBackoff.__init__.__defaults__
botocore.retries.standard.ExponentialBackoff.__init__.__defaults__ = \
    (_defaults[0], lambda: DRAW) + _defaults[2:]
SLEEPS = []
botocore.endpoint.time = types.SimpleNamespace(sleep=SLEEPS.append)


def models():
    out = {}
    for path in sorted(glob.glob(os.path.join(MODELS, "*.json"))):
        with open(path) as f:
            m = json.load(f)
        out[m["metadata"]["cliName"]] = m
    return out


MODEL = models()


def probe_op(service):
    """A modelled operation and parameters to reach the service's endpoint with: one that
    needs none, else one whose required parameters are strings (a dummy value each)."""
    m = MODEL[service]
    shapes = m["shapes"]
    for name, op in m["operations"].items():
        inp = op.get("input")
        if not inp or not shapes[inp["shape"]].get("required"):
            return name, {}
    for name, op in m["operations"].items():
        shape = shapes[op["input"]["shape"]]
        req = shape["required"]
        if all(shapes[shape["members"][r]["shape"]]["type"] == "string" for r in req):
            return name, {r: "x" for r in req}
    raise SystemExit(f"{service}: no operation to reach its endpoint with")


def error(service, status, code):
    """An error answer in the service's protocol."""
    proto = MODEL[service]["metadata"]["protocol"]
    if proto == "query":
        return {"status": status, "headers": {"Content-Type": "text/xml"},
                "body": f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code>"
                        f"<Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>"}
    if proto == "ec2":
        return {"status": status, "headers": {"Content-Type": "text/xml"},
                "body": f"<Response><Errors><Error><Code>{code}</Code><Message>m</Message>"
                        f"</Error></Errors><RequestID>r</RequestID></Response>"}
    if proto == "json":
        return {"status": status, "headers": {"Content-Type": "application/x-amz-json-1.1"},
                "body": json.dumps({"__type": code, "message": "m"})}
    if proto == "rest-json":
        return {"status": status, "headers": {"Content-Type": "application/json",
                                              "x-amzn-ErrorType": code},
                "body": json.dumps({"message": "m"})}
    return {"status": status, "headers": {"Content-Type": "application/xml"},
            "body": f"<Error><Code>{code}</Code><Message>m</Message><RequestId>r</RequestId>"
                    f"</Error>"}


def call(service, region=None, op=None, params=None, answers=None):
    default, needs = probe_op(service)
    return {"service": service, "operation": op or default, "region": region,
            "params": params or (needs if not op else {}),
            "answers": answers or [error(service, 403, "AccessDenied")]}


# ---- botocore's side ------------------------------------------------------------------------

class Raw:
    def __init__(self, body):
        self.body = body

    def stream(self, **kwargs):
        yield self.body


FAILS = {"connect": botocore.exceptions.EndpointConnectionError,
         "io": botocore.exceptions.ConnectionClosedError,
         "timeout": botocore.exceptions.ReadTimeoutError}


def botocore_side(env, calls):
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        session = botocore.session.Session()
        clients, lines = {}, []
        for c in calls:
            try:
                key = (c["service"], c["region"])
                if key not in clients:
                    clients[key] = session.create_client(c["service"], region_name=c["region"])
                lines.append(botocore_call(clients[key], c))
            except botocore.exceptions.BotoCoreError as e:
                lines.append({"error": str(e)})
            except ValueError as e:  # botocore's own settings checks
                lines.append({"error": str(e)})
        return lines
    finally:
        os.environ.clear()
        os.environ.update(saved)


def botocore_call(client, c):
    sent = []

    def answer(request, **kwargs):
        sent.append(request)
        a = c["answers"][min(len(sent), len(c["answers"])) - 1]
        if "fail" in a:
            raise FAILS[a["fail"]](endpoint_url=request.url)
        return botocore.awsrequest.AWSResponse(request.url, a["status"], a["headers"],
                                               Raw(a["body"].encode()))
    client.meta.events.register("before-send", answer)
    del SLEEPS[:]
    outcome = "ok"
    try:
        getattr(client, botocore.xform_name(c["operation"]))(**c["params"])
    except botocore.exceptions.ClientError as e:
        outcome = e.response["Error"]["Code"]
    except botocore.exceptions.BotoCoreError as e:
        if not sent:
            return {"error": str(e)}
        outcome = "failed"
    finally:
        client.meta.events.unregister("before-send", answer)
    auth = sent[0].headers.get("Authorization", b"").decode()
    verify = client._endpoint.http_session._verify
    return {"url": sent[0].url.split("?")[0],
            "region": auth.split("Credential=")[1].split("/")[2] if "Credential=" in auth else "",
            "attempts": len(sent), "waits": [round(s * 1000) for s in SLEEPS],
            "outcome": outcome, "ca": verify if isinstance(verify, str) else None}


# ---- ours -----------------------------------------------------------------------------------

def our_side(tool, env, calls, tmp):
    spec = os.path.join(tmp, "spec.json")
    with open(spec, "w") as f:
        json.dump(calls, f)
    p = subprocess.run([tool, "--rand", str(DRAW), spec], env=env, capture_output=True,
                       text=True, timeout=300)
    lines = [json.loads(x) for x in p.stdout.splitlines() if x.strip()]
    if p.returncode == 1 and len(lines) == 1 and "error" in lines[0]:
        return lines * len(calls)  # the settings did not load: every call fails so
    if p.returncode != 0 or len(lines) != len(calls):
        raise SystemExit(f"aws_dryrun failed ({p.returncode}): {p.stderr.strip()[:500]}")
    return lines


# ---- scenarios ------------------------------------------------------------------------------

REGIONS = ["us-east-1", "eu-west-1", "us-gov-west-1", "cn-north-1", "eusc-de-east-1",
           "us-iso-east-1", "eu-isoe-west-1", "xx-new-9"]


def endpoints(tmp):
    """Every modelled service in every partition, with FIPS and dual-stack on and off."""
    for fips in ("false", "true"):
        for ds in ("false", "true"):
            yield (f"FIPS {fips}, dual-stack {ds}",
                   {"AWS_USE_FIPS_ENDPOINT": fips, "AWS_USE_DUALSTACK_ENDPOINT": ds}, None,
                   [call(s, r) for s in MODEL for r in REGIONS])


def settings(tmp):
    """Settings from the environment and the shared files, as botocore reads them."""
    bucket_ops = [call("s3", r, op, {"Bucket": b}) for r in ("us-east-1", "eu-west-1")
                  for op in ("GetBucketVersioning", "GetBucketLocation")
                  for b in ("my-bucket", "my.bucket")]
    yield "S3 buckets", {}, None, bucket_ops
    yield "S3 buckets, FIPS", {"AWS_USE_FIPS_ENDPOINT": "true"}, None, bucket_ops
    yield "S3 buckets, dual-stack", {"AWS_USE_DUALSTACK_ENDPOINT": "true"}, None, bucket_ops
    sts = [call("sts", r) for r in ("us-east-1", "eu-west-1", "eu-south-1", "us-gov-west-1")]
    yield "STS regional by default", {}, None, sts
    yield "STS legacy", {"AWS_STS_REGIONAL_ENDPOINTS": "legacy"}, None, sts
    yield "STS legacy, FIPS", {"AWS_STS_REGIONAL_ENDPOINTS": "legacy",
                               "AWS_USE_FIPS_ENDPOINT": "true"}, None, sts
    s3e = [call("s3", "us-east-1"), call("s3", "us-east-1", "GetBucketVersioning",
                                         {"Bucket": "my-bucket"})]
    yield "S3 us-east-1 regional", {"AWS_S3_US_EAST_1_REGIONAL_ENDPOINT": "regional"}, None, s3e
    yield ("S3 us-east-1 regional from the profile's s3 section", {},
           "[default]\ns3 =\n  us_east_1_regional_endpoint = regional\n", s3e)
    yield ("dual-stack for S3 alone, from the profile's s3 section", {},
           "[default]\ns3 =\n  use_dualstack_endpoint = true\n",
           [call("s3", "eu-west-1"), call("ec2", "eu-west-1")])
    defaults = [call("ec2"), call("iam"), call("sts")]
    yield ("[DEFAULT] gives every profile FIPS and a Region", {},
           "[DEFAULT]\nuse_fips_endpoint = true\nregion = eu-central-1\n[default]\n", defaults)
    yield ("the profile beats [DEFAULT], the environment beats both",
           {"AWS_USE_DUALSTACK_ENDPOINT": "true"},
           "[default]\nregion = ap-south-1\nuse_fips_endpoint = false\n"
           "[DEFAULT]\nuse_fips_endpoint = true\nregion = eu-central-1\n", defaults)
    yield ("$VAR in AWS_CONFIG_FILE", {"AWS_CONFIG_FILE": "${WA_CFG_DIR}/config"},
           "[default]\nregion = sa-east-1\nuse_dualstack_endpoint = true\n", defaults)
    yield ("an endpoint URL wins over FIPS and dual-stack",
           {"AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_USE_FIPS_ENDPOINT": "true",
            "AWS_USE_DUALSTACK_ENDPOINT": "true"}, None, [call("ec2", "eu-west-1")])
    bundle = os.path.join(tmp, "requests-ca.pem")
    with open(bundle, "w") as f:
        f.write("not read by either\n")
    yield ("REQUESTS_CA_BUNDLE when nothing else names a bundle",
           {"REQUESTS_CA_BUNDLE": bundle}, None, [call("ec2", "eu-west-1")])
    yield ("the profile's ca_bundle before REQUESTS_CA_BUNDLE",
           {"REQUESTS_CA_BUNDLE": "/nonexistent/ca.pem"}, f"[default]\nca_bundle = {bundle}\n",
           [call("ec2", "eu-west-1")])


def retries(tmp):
    """How often and how long each mode retries what."""
    def always(service, status, code, region="eu-west-1"):
        return call(service, region, answers=[error(service, status, code)])

    def then_ok(service, first, region="eu-west-1"):
        return call(service, region, answers=first + [{"status": 200, "headers": {
            "Content-Type": "application/x-amz-json-1.0"}, "body": "{}"}])
    cases = [always("ec2", 503, "Unavailable"), always("rds", 400, "Throttling"),
             always("rds", 400, "ThrottlingException"), always("rds", 403, "Throttling"),
             always("lambda", 429, "TooManyRequestsException"),
             always("lambda", 400, "TooManyRequestsException"),
             always("sqs", 400, "RequestThrottled"), always("ec2", 400, "RequestLimitExceeded"),
             always("ec2", 503, "RequestLimitExceeded"), always("s3", 400, "RequestTimeout"),
             always("ec2", 400, "RequestTimeout"), always("ec2", 509, "LimitExceeded"),
             always("ec2", 501, "NotImplemented"), always("ec2", 500, "InternalError"),
             always("sts", 400, "IDPCommunicationError"), always("dynamodb", 500, "InternalError"),
             always("dynamodb", 400, "ProvisionedThroughputExceededException"),
             always("dynamodb", 400, "TransactionInProgressException"),
             call("ec2", "eu-west-1", answers=[{"fail": "connect"}]),
             call("ec2", "eu-west-1", answers=[{"fail": "io"}]),
             call("ec2", "eu-west-1", answers=[{"fail": "timeout"}]),
             then_ok("dynamodb", [error("dynamodb", 500, "InternalError")] * 2)]
    yield "legacy mode (the default)", {}, None, cases
    yield "standard mode", {"AWS_RETRY_MODE": "standard"}, None, cases
    yield ("max_attempts and retry_mode from the profile", {}, "[default]\nmax_attempts = 2\n"
           "retry_mode = standard\n", cases[:2] + cases[-4:])
    yield ("AWS_MAX_ATTEMPTS over the profile, retry_mode from [DEFAULT]",
           {"AWS_MAX_ATTEMPTS": "4"}, "[DEFAULT]\nretry_mode = standard\n[default]\n"
           "max_attempts = 2\n", cases[:2])
    yield "max_attempts botocore refuses", {"AWS_MAX_ATTEMPTS": "0"}, None, cases[:1]
    yield "a retry mode botocore refuses", {"AWS_RETRY_MODE": "Standard"}, None, cases[:1]
    # The standard mode's quota: one per client, that is per service and Region.
    quota = [always("rds", 400, "Throttling", "eu-west-1") for _ in range(60)] + \
            [then_ok("rds", [error("rds", 400, "Throttling")], "us-east-1") for _ in range(5)]
    for c in quota[60:]:
        c["answers"][-1] = {"status": 200, "headers": {"Content-Type": "text/xml"},
                            "body": "<DescribeDBInstancesResponse><DescribeDBInstancesResult>"
                                    "<DBInstances/></DescribeDBInstancesResult>"
                                    "</DescribeDBInstancesResponse>"}
    yield "standard mode's quota, per service and Region", {"AWS_RETRY_MODE": "standard"}, None, \
        quota
    timeouts = [call("rds", "eu-west-1", answers=[{"fail": "timeout"}]) for _ in range(30)]
    yield "timeouts cost the quota twice", {"AWS_RETRY_MODE": "standard"}, None, timeouts


def base_env(tmp):
    """A clean environment: fake credentials, no shared files unless a scenario writes one."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")
           and k not in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")}
    env.update({"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret",
                "AWS_CONFIG_FILE": os.path.join(tmp, "none"), "AWS_REGION": "us-east-1",
                "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_SHARED_CREDENTIALS_FILE": os.path.join(tmp, "none"),
                "AWS_EC2_METADATA_DISABLED": "true", "WA_CFG_DIR": tmp, "HOME": tmp})
    return env


def same(ours, theirs):
    if "error" in ours or "error" in theirs:
        return ("error" in ours) == ("error" in theirs)
    return ours == theirs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("what", choices=["endpoints", "settings", "retries"])
    a = ap.parse_args()
    compared = differ = n_scen = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, env_add, config, calls in globals()[a.what](tmp):
            n_scen += 1
            env = base_env(tmp)
            if config is not None:
                env.pop("AWS_REGION")
                env.pop("AWS_DEFAULT_REGION")
                env["AWS_CONFIG_FILE"] = os.path.join(tmp, "config")
                with open(env["AWS_CONFIG_FILE"], "w") as f:
                    f.write(config)
            env.update(env_add)
            ours = our_side(a.tool, env, calls, tmp)
            theirs = botocore_side(env, calls)
            for c, o, t in zip(calls, ours, theirs):
                compared += 1
                if not same(o, t):
                    differ += 1
                    if differ <= 10:
                        print(f"not ok: {name}: {c['service']} {c['operation']} "
                              f"{c['region']} {json.dumps(c['params'])}\n"
                              f"  ours:     {json.dumps(o)}\n  botocore: {json.dumps(t)}")
    print(f"botocore {botocore.__version__}: {compared} calls compared in {n_scen} scenarios, "
          f"{differ} differ")
    return 1 if differ or not compared else 0


if __name__ == "__main__":
    sys.exit(main())
