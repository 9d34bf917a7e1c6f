#!/usr/bin/env python3
"""A fault-injecting AWS proxy for the tests (Python standard library only).

It sits between a client (wa-review, the aws CLI) and moto: each request is forwarded
unchanged -- Host header included, so moto can check the SigV4 signature -- unless a
fixture file answers it (the calls moto lacks) or a fault rule matches it.

  faultproxy.py --upstream http://127.0.0.1:MOTO --fixtures DIR [--port N]
                [--port-file F] [--rules FILE]

Requests are told apart by the SigV4 credential scope (Region, signing name) and the
operation: X-Amz-Target (json), Action= (query, ec2) or a route table (rest-json,
rest-xml). Rules are JSON objects, from --rules FILE / $FAULTPROXY_RULES or posted to
the control endpoint:

  POST /__fault/rules   body: a list of rules (replaces the rules, resets counters)
  POST /__fault/reset   no rules, counters and request log cleared
  GET  /__fault/log     the requests seen: [{service, operation, region, fault, status,
                        body}] (body: the request's first 4,096 characters, as text)

A rule: {"service": "rds" (CLI or signing name; omitted: any), "operation": "...",
"region": "...", "match": "text" (only requests whose host, path, query or body holds it,
such as one bucket's name), "skip": K (let the first K matches through), "times": N (then stop
matching; omitted: always), "fault": one of
  latency    wait latency_ms, then answer normally (rules of this kind add up)
  throttle   the protocol's own throttling error (Throttling, RequestLimitExceeded,
             ThrottlingException, TooManyRequestsException, SlowDown), retry_after opt.
  status     HTTP "status" (500, 503, …) with the protocol's error body, or an HTML page
             when "html": true
  reset      close the connection with a TCP reset, no response
  truncate   a response whose body stops halfway (Content-Length promises more)
  malformed  200 with a body the protocol's parser cannot read
  expired    ExpiredToken / ExpiredTokenException (403)
  denied     AccessDenied / UnauthorizedOperation / AccessDeniedException (403)
  notfound   404 with an HTML body, as moto answers calls it lacks
"""
import argparse
import http.client
import http.server
import json
import os
import re
import socket
import socketserver
import struct
import sys
import threading
import time
import urllib.parse
import uuid

# signing name -> (CLI service name, protocol)
SERVICES = {
    "ec2": ("ec2", "ec2"),
    "sts": ("sts", "query"),
    "iam": ("iam", "query"),
    "rds": ("rds", "query"),
    "autoscaling": ("autoscaling", "query"),
    "elasticloadbalancing": ("elbv2", "query"),
    "monitoring": ("cloudwatch", "query"),
    "cloudformation": ("cloudformation", "query"),
    "elasticache": ("elasticache", "query"),
    "sns": ("sns", "query"),
    "logs": ("logs", "json"),
    "dynamodb": ("dynamodb", "json"),
    "sqs": ("sqs", "json"),
    "servicequotas": ("service-quotas", "json"),
    "ssm": ("ssm", "json"),
    "config": ("config", "json"),
    "ecs": ("ecs", "json"),
    "kms": ("kms", "json"),
    "backup": ("backup", "rest-json"),
    "lambda": ("lambda", "rest-json"),
    "fis": ("fis", "rest-json"),
    "synthetics": ("synthetics", "rest-json"),
    "ssm-incidents": ("ssm-incidents", "rest-json"),
    "xray": ("xray", "rest-json"),
    "wellarchitected": ("wellarchitected", "rest-json"),
    "elasticfilesystem": ("efs", "rest-json"),
    "eks": ("eks", "rest-json"),
    "codedeploy": ("codedeploy", "json"),
    "cloudtrail": ("cloudtrail", "json"),
    "s3": ("s3", "rest-xml"),
    "route53": ("route53", "rest-xml"),
}

# (signing name, method, path regex, query key or None) -> operation, for REST protocols
ROUTES = [
    ("backup", "GET", r"^/backup/plans/?$", None, "ListBackupPlans"),
    ("backup", "GET", r"^/backup-jobs/?$", None, "ListBackupJobs"),
    ("backup", "GET", r"^/restore-jobs/?$", None, "ListRestoreJobs"),
    ("backup", "GET", r"^/backup-vaults/?$", None, "ListBackupVaults"),
    ("backup", "GET", r"^/backup/plans/[^/]+/?$", None, "GetBackupPlan"),
    ("lambda", "GET", r"^/2015-03-31/functions/?$", None, "ListFunctions"),
    ("lambda", "GET", r"^/2015-03-31/functions/[^/]+/?$", None, "GetFunction"),
    ("fis", "GET", r"^/experiments/?$", None, "ListExperiments"),
    ("fis", "GET", r"^/experimentTemplates/?$", None, "ListExperimentTemplates"),
    ("synthetics", "POST", r"^/canaries/?$", None, "DescribeCanaries"),
    ("synthetics", "POST", r"^/canaries/last-run/?$", None, "DescribeCanariesLastRun"),
    ("ssm-incidents", "POST", r"^/listResponsePlans/?$", None, "ListResponsePlans"),
    ("xray", "POST", r"^/SamplingStatisticSummaries/?$", None, "GetSamplingStatisticSummaries"),
    ("wellarchitected", "POST", r"^/workloadsSummaries/?$", None, "ListWorkloads"),
    ("wellarchitected", "GET", r"^/workloads/[^/]+/lensReviews/?$", None, "ListLensReviews"),
    ("elasticfilesystem", "GET", r"^/2015-02-01/file-systems/?$", None, "DescribeFileSystems"),
    ("eks", "GET", r"^/clusters/?$", None, "ListClusters"),
    ("route53", "GET", r"^/2013-04-01/healthcheck/?$", None, "ListHealthChecks"),
    ("route53", "GET", r"^/2013-04-01/hostedzone/?$", None, "ListHostedZones"),
    ("s3", "GET", r"^/?$", None, "ListBuckets"),
    ("s3", "GET", r"^/[^/]+/?$", "versioning", "GetBucketVersioning"),
    ("s3", "GET", r"^/[^/]+/?$", "replication", "GetBucketReplication"),
    ("s3", "GET", r"^/[^/]+/?$", "location", "GetBucketLocation"),
    ("s3", "GET", r"^/[^/]+/?$", "encryption", "GetBucketEncryption"),
    ("s3", "GET", r"^/[^/]+/?$", "lifecycle", "GetBucketLifecycleConfiguration"),
    ("s3", "GET", r"^/[^/]+/?$", None, "ListObjects"),
]

HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
       "trailers", "transfer-encoding", "upgrade", "content-length"}

STATE_LOCK = threading.Lock()
RULES = []        # each rule dict gains "_seen" (matches so far)
LOG = []
UPSTREAM = None
FIXTURES = None
LOCAL = threading.local()


def ident(method, path, query, headers, body):
    """Returns (signing name, CLI name, protocol, operation, region) for a request."""
    auth = headers.get("Authorization", "")
    m = re.search(r"Credential=[^/]*/\d{8}/([^/]+)/([^/]+)/aws4_request", auth)
    region, signing = (m.group(1), m.group(2)) if m else ("", "")
    if not signing and "X-Amz-Credential" in query:
        parts = query["X-Amz-Credential"][0].split("/")
        if len(parts) >= 4:
            region, signing = parts[2], parts[3]
    op = ""
    target = headers.get("X-Amz-Target", "")
    if target:
        op = target.rsplit(".", 1)[-1]
    else:
        form = {}
        ctype = headers.get("Content-Type", "")
        if body and "x-www-form-urlencoded" in ctype:
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        action = (form.get("Action") or query.get("Action") or [""])[0]
        op = action
    if not signing and op in ("AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"):
        signing = "sts"
    if not op:
        for svc, meth, rx, qkey, name in ROUTES:
            if svc != signing or meth != method or not re.match(rx, path):
                continue
            if qkey is not None and qkey not in query:
                continue
            if qkey is None and svc == "s3" and name == "ListObjects" and query.keys() - {
                    "prefix", "marker", "max-keys", "delimiter", "encoding-type"}:
                continue
            op = name
            break
    cli, proto = SERVICES.get(signing, (signing, ""))
    return signing, cli, proto, op, region


def rule_matches(rule, signing, cli, op, region, raw):
    svc = rule.get("service")
    if rule.get("match") and rule["match"] not in raw:
        return False
    if svc and svc not in (signing, cli):
        return False
    if rule.get("operation") and rule["operation"] != op:
        return False
    if rule.get("region") and rule["region"] != region:
        return False
    return True


def pick_rules(signing, cli, op, region, raw=""):
    """Returns (total latency ms, the first firing non-latency rule or None)."""
    latency, fault = 0, None
    with STATE_LOCK:
        for rule in RULES:
            if not rule_matches(rule, signing, cli, op, region, raw):
                continue
            if rule.get("fault") != "latency" and fault is not None:
                continue
            rule["_seen"] = rule.get("_seen", 0) + 1
            n = rule["_seen"]
            if n <= rule.get("skip", 0):
                continue
            if "times" in rule and n > rule.get("skip", 0) + rule["times"]:
                continue
            if rule.get("fault") == "latency":
                latency += int(rule.get("latency_ms", 0))
            else:
                fault = rule
    return latency, fault


def error_body(proto, signing, code, message, status):
    """An error in the protocol's own shape: (status, headers, body bytes)."""
    rid = str(uuid.uuid4())
    if proto == "ec2":
        body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>"
                f"<Code>{code}</Code><Message>{message}</Message></Error></Errors>"
                f"<RequestID>{rid}</RequestID></Response>")
        return status, {"Content-Type": "text/xml;charset=UTF-8"}, body.encode()
    if proto == "query" or (proto == "rest-xml" and signing != "s3"):
        xmlns = ' xmlns="https://route53.amazonaws.com/doc/2013-04-01/"' if signing == "route53" else ""
        body = (f"<ErrorResponse{xmlns}><Error><Type>Sender</Type><Code>{code}</Code>"
                f"<Message>{message}</Message></Error><RequestId>{rid}</RequestId>"
                "</ErrorResponse>")
        return status, {"Content-Type": "text/xml", "x-amzn-RequestId": rid}, body.encode()
    if proto == "rest-xml":
        body = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code>"
                f"<Message>{message}</Message><RequestId>{rid}</RequestId>"
                "<HostId>proxy</HostId></Error>")
        return status, {"Content-Type": "application/xml", "x-amz-request-id": rid}, body.encode()
    if proto == "rest-json":
        return status, {"Content-Type": "application/json", "x-amzn-ErrorType": code,
                        "x-amzn-RequestId": rid}, json.dumps({"message": message}).encode()
    # json 1.0 / 1.1
    ctype = "application/x-amz-json-1.0" if signing in ("dynamodb", "sqs") else "application/x-amz-json-1.1"
    return status, {"Content-Type": ctype, "x-amzn-RequestId": rid}, json.dumps(
        {"__type": code, "message": message}).encode()


THROTTLE = {"ec2": ("RequestLimitExceeded", 503), "query": ("Throttling", 400),
            "json": ("ThrottlingException", 400), "rest-json": ("TooManyRequestsException", 429),
            "rest-xml": ("Throttling", 400)}


def fault_response(rule, proto, signing):
    kind = rule["fault"]
    if kind == "throttle":
        code, status = THROTTLE.get(proto, ("Throttling", 400))
        if signing == "s3":
            code, status = "SlowDown", 503
        if signing == "dynamodb":
            code = "ProvisionedThroughputExceededException"
        st, hdrs, body = error_body(proto, signing, code, "Rate exceeded", status)
        if "retry_after" in rule:
            hdrs["Retry-After"] = str(rule["retry_after"])
        return st, hdrs, body
    if kind == "status":
        status = int(rule.get("status", 500))
        if rule.get("html"):
            return status, {"Content-Type": "text/html"}, (
                f"<html><head><title>{status}</title></head><body><h1>{status} "
                "Service Unavailable</h1></body></html>").encode()
        code = "ServiceUnavailable" if status == 503 else "InternalError"
        if proto in ("json", "rest-json"):
            code = "ServiceUnavailableException" if status == 503 else "InternalServerError"
        return error_body(proto, signing, code, "We encountered an internal error. Please try again.", status)
    if kind == "expired":
        code = "ExpiredTokenException" if proto in ("json", "rest-json") else "ExpiredToken"
        if proto == "ec2":
            code = "RequestExpired"
        return error_body(proto, signing, code,
                          "The security token included in the request is expired", 403 if proto != "query" else 400)
    if kind == "denied":
        code = {"ec2": "UnauthorizedOperation", "json": "AccessDeniedException",
                "rest-json": "AccessDeniedException"}.get(proto, "AccessDenied")
        return error_body(proto, signing, code,
                          "User: arn:aws:iam::123456789012:user/test is not authorized to perform "
                          "this operation", 403)
    if kind == "notfound":
        return 404, {"Content-Type": "text/html"}, (
            b"<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
            b"<p>The requested URL was not found on the server.</p>\n")
    if kind == "malformed":
        if proto in ("json", "rest-json"):
            ctype = "application/x-amz-json-1.1" if proto == "json" else "application/json"
            return 200, {"Content-Type": ctype}, b'{"Items": [{"Name": "x", '
        return 200, {"Content-Type": "text/xml"}, b"<Response><Result><Item>x</Result></Oops>"
    raise ValueError(f"unknown fault {kind!r}")


def request_token(query, body):
    """The pagination token a request carries (JSON body or query string), or None."""
    for k in ("NextToken", "nextToken", "Marker", "NextMarker"):
        if k in query:
            return query[k][0]
    try:
        doc = json.loads(body or b"{}")
    except ValueError:
        return None
    if isinstance(doc, dict):
        for k in ("NextToken", "nextToken", "Marker", "ExclusiveStartGlobalTableName"):
            if doc.get(k):
                return doc[k]
    return None


FIXTURE_CACHE = {}


def fixture(cli, op):
    """The parsed fixture file for an operation (read once), or None."""
    key = (cli, op)
    if key not in FIXTURE_CACHE:
        path = os.path.join(FIXTURES, cli, op + ".json")
        fx = None
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                fx = json.load(f)
        with STATE_LOCK:
            FIXTURE_CACHE[key] = fx
    return FIXTURE_CACHE[key]


def load_fixture(cli, op, query, body):
    if not FIXTURES or not op:
        return None
    fx = fixture(cli, op)
    if fx is None:
        return None
    doc = fx.get("body", {})
    if "bodies" in fx:
        raw = body.decode("utf-8", "replace") if body else ""
        doc = next((b["body"] for b in fx["bodies"] if b["match"] in raw), doc)
    if "pages" in fx:
        token = request_token(query, body)
        pages = [p for p in fx["pages"] if p.get("token") == token]
        if not pages:
            return 400, {"Content-Type": "application/json", "x-amzn-ErrorType": "InvalidNextTokenException"}, \
                json.dumps({"__type": "InvalidNextTokenException", "message": "Invalid token"}).encode()
        doc = pages[0]["body"]
    text = fx.get("body_text")
    if text is None:
        text = json.dumps(doc)
    return int(fx.get("status", 200)), dict(fx.get("headers", {})), text.encode("utf-8")


def upstream_call(method, path_qs, headers, body):
    for attempt in range(2):
        conn = getattr(LOCAL, "conn", None)
        if conn is None:
            u = urllib.parse.urlsplit(UPSTREAM)
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
            LOCAL.conn = conn
        try:
            conn.putrequest(method, path_qs, skip_host=True, skip_accept_encoding=True)
            for k, v in headers:
                if k.lower() in HOP:
                    continue
                conn.putheader(k, v)
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            resp = conn.getresponse()
            data = resp.read()
            hdrs = [(k, v) for k, v in resp.getheaders() if k.lower() not in HOP]
            if resp.getheader("Connection", "").lower() == "close":
                conn.close()
                LOCAL.conn = None
            return resp.status, hdrs, data
        except (ConnectionError, http.client.HTTPException, OSError):
            conn.close()
            LOCAL.conn = None
            if attempt == 1:
                raise
    raise RuntimeError("unreachable")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "faultproxy"
    # Headers and body leave in separate writes: without TCP_NODELAY, Nagle holds the body
    # until the client's delayed ACK (40 ms), which would swamp the latency we inject.
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):  # quiet
        pass

    def send(self, status, headers, body, truncate=False):
        self.send_response(status)
        items = headers.items() if isinstance(headers, dict) else headers
        for k, v in items:
            if k.lower() in HOP or k.lower() == "server" or k.lower() == "date":
                continue
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if truncate:
            self.wfile.write(body[: max(1, len(body) // 2)])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)

    def control(self, body):
        global RULES, LOG
        if self.path == "/__fault/rules" and self.command == "POST":
            rules = json.loads(body or b"[]")
            if not isinstance(rules, list):
                rules = [rules]
            with STATE_LOCK:
                RULES = rules
            return self.send(200, {"Content-Type": "application/json"}, b'{"ok": true}')
        if self.path == "/__fault/reset" and self.command == "POST":
            with STATE_LOCK:
                RULES = []
                LOG = []
            return self.send(200, {"Content-Type": "application/json"}, b'{"ok": true}')
        if self.path == "/__fault/log":
            with STATE_LOCK:
                data = json.dumps(LOG).encode()
            return self.send(200, {"Content-Type": "application/json"}, data)
        return self.send(404, {"Content-Type": "text/plain"}, b"no such control\n")

    def handle_any(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        if self.path.startswith("/__fault/"):
            return self.control(body)
        u = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(u.query, keep_blank_values=True)
        signing, cli, proto, op, region = ident(self.command, u.path, query, self.headers, body)
        raw = " ".join((self.headers.get("Host", ""), urllib.parse.unquote(self.path),
                        body.decode("utf-8", "replace")))
        latency, rule = pick_rules(signing, cli, op, region, raw)
        # Logged on arrival, so a request still sleeping when the log is reset stays out of
        # the new log; its status is filled in when it is answered.
        entry = {"service": cli, "operation": op, "region": region,
                 "fault": rule["fault"] if rule else None, "status": None,
                 "body": body[:4096].decode("utf-8", "replace")}
        with STATE_LOCK:
            LOG.append(entry)
        if latency:
            time.sleep(latency / 1000.0)
        if rule and rule["fault"] == "reset":
            entry["status"] = 0
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        truncate = bool(rule and rule["fault"] == "truncate")
        if rule and not truncate:
            status, hdrs, data = fault_response(rule, proto, signing)
        else:
            fx = load_fixture(cli, op, query, body)
            if fx:
                status, hdrs, data = fx
            else:
                try:
                    status, hdrs, data = upstream_call(self.command, self.path,
                                                       self.headers.items(), body)
                except Exception as e:  # upstream down: a gateway error, as a proxy would
                    status, hdrs, data = 502, {"Content-Type": "text/plain"}, f"upstream: {e}\n".encode()
        entry["status"] = status
        self.send(status, hdrs, data, truncate=truncate)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = handle_any


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 256
    allow_reuse_address = True


def main():
    global UPSTREAM, FIXTURES, RULES
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--upstream", default="")
    ap.add_argument("--fixtures")
    ap.add_argument("--rules", default=os.environ.get("FAULTPROXY_RULES"))
    ap.add_argument("--max-seconds", type=float, default=1800,
                    help="exit after this long, so a forgotten proxy does not linger")
    args = ap.parse_args()
    UPSTREAM = args.upstream
    FIXTURES = args.fixtures
    if args.rules:
        with open(args.rules, encoding="utf-8") as f:
            RULES = json.load(f)
    srv = Server(("127.0.0.1", args.port), Handler)
    port = srv.server_address[1]
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(f"{port}\n")
        os.rename(tmp, args.port_file)
    else:
        print(port, flush=True)
    timer = threading.Timer(args.max_seconds, srv.shutdown)
    timer.daemon = True
    timer.start()
    try:
        srv.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    srv.server_close()


if __name__ == "__main__":
    sys.exit(main())
