"""Loopback emulations of the credential endpoints the chain talks to, for the shell tests.

    creds_server.py MODE --port-file F [--log F] [options]

MODE is one of
  imds       EC2 instance metadata, IMDSv2: PUT /latest/api/token (needs the TTL header)
             gives a token; every GET needs it in x-aws-ec2-metadata-token, else 401.
             --imds-v1 answers the token PUT with 404 and serves GETs without a token (an
             old IMDSv1-only endpoint). --role NAME (default wa-test-role), --no-role.
  container  the ECS/EKS container credentials endpoint: GET any path; with --token T the
             Authorization header must be exactly T, else 401.
  sso        the IAM Identity Center portal: GET /federation/credentials?role_name=R&
             account_id=A with header x-amz-sso_bearer_token equal to --token, else 401
             UnauthorizedException; --role and --account must match, else 403.
Common: --fail-first N answers the first N requests with HTTP 500; --expires-in S sets the
expiration S seconds ahead (default 21600). Access key IDs count up per credentials request
(ASIAIMDS1, ASIAIMDS2, …) so a test can tell a refresh from a cached answer; the secrets are
"<mode>-secret-N" so a test can check they never show.

Binds 127.0.0.1 on a free port, writes the port to --port-file once listening, and appends
"METHOD PATH note" per request to --log. Formats follow AWS's documentation: IMDS
(docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html),
the ECS endpoint (…/AmazonECS/latest/developerguide/task-iam-roles.html), the SSO portal
GetRoleCredentials API (…/singlesignon/latest/PortalAPIReference/API_GetRoleCredentials.html).
Python standard library only.
"""
import argparse
import datetime
import http.server
import json
import os
import threading
import urllib.parse

lock = threading.Lock()
state = {"requests": 0, "creds": 0, "tokens": set()}


def iso(ts):
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    opts = None

    def log_message(self, fmt, *args):  # quiet: the log file is the record
        pass

    def note(self, text):
        if self.opts.log:
            with lock, open(self.opts.log, "a") as f:
                f.write(f"{self.command} {self.path} {text}\n")

    def send(self, status, body, ctype="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def failing(self):
        with lock:
            state["requests"] += 1
            n = state["requests"]
        if n <= self.opts.fail_first:
            self.note("injected-500")
            self.send(500, "injected failure", "text/plain")
            return True
        return False

    def next_creds(self, prefix):
        with lock:
            state["creds"] += 1
            n = state["creds"]
        now = datetime.datetime.now(datetime.timezone.utc).timestamp()
        return n, now + self.opts.expires_in

    # ---- IMDS ----
    def imds_put(self):
        if self.path != "/latest/api/token":
            return self.send(404, "not found", "text/plain")
        if self.opts.imds_v1:
            self.note("v1-only")
            return self.send(404, "not found", "text/plain")
        if not self.headers.get("x-aws-ec2-metadata-token-ttl-seconds"):
            self.note("no-ttl")
            return self.send(400, "missing ttl", "text/plain")
        with lock:
            tok = f"imds-token-{len(state['tokens']) + 1}"
            state["tokens"].add(tok)
        self.note("token")
        self.send(200, tok, "text/plain")

    def imds_get(self):
        tok = self.headers.get("x-aws-ec2-metadata-token")
        if not self.opts.imds_v1 and tok not in state["tokens"]:
            self.note("unauthorized" if tok is None else "bad-token")
            return self.send(401, "", "text/plain")
        self.note("ok")
        base = "/latest/meta-data/iam/security-credentials/"
        if self.path == base:
            if self.opts.no_role:
                return self.send(404, "not found", "text/plain")
            return self.send(200, self.opts.role + "\n", "text/plain")
        if self.path == base + self.opts.role and not self.opts.no_role:
            n, exp = self.next_creds("IMDS")
            return self.send(200, json.dumps({
                "Code": "Success", "LastUpdated": iso(exp - 21600), "Type": "AWS-HMAC",
                "AccessKeyId": f"ASIAIMDS{n}", "SecretAccessKey": f"imds-secret-{n}",
                "Token": f"imds-session-token-{n}", "Expiration": iso(exp)}))
        self.send(404, "not found", "text/plain")

    # ---- container ----
    def container_get(self):
        if self.opts.token is not None and self.headers.get("Authorization") != self.opts.token:
            self.note("unauthorized")
            return self.send(401, json.dumps({"message": "unauthorized"}))
        self.note("ok")
        n, exp = self.next_creds("CONT")
        self.send(200, json.dumps({
            "AccessKeyId": f"ASIACONT{n}", "SecretAccessKey": f"container-secret-{n}",
            "Token": f"container-session-token-{n}", "Expiration": iso(exp),
            "RoleArn": "arn:aws:iam::123456789012:role/wa-task"}))

    # ---- SSO portal ----
    def sso_get(self):
        url = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(url.query)
        if url.path != "/federation/credentials":
            return self.send(404, json.dumps({"message": "not found"}))
        if self.headers.get("x-amz-sso_bearer_token") != self.opts.token:
            self.note("unauthorized")
            return self.send(401, json.dumps({
                "message": "Session token not found or invalid",
                "__type": "com.amazonaws.switchboard.portal#UnauthorizedException"}))
        if q.get("role_name") != [self.opts.role] or q.get("account_id") != [self.opts.account]:
            self.note("forbidden")
            return self.send(403, json.dumps({
                "message": "No access", "__type": "com.amazonaws.switchboard.portal#ForbiddenException"}))
        self.note("ok")
        n, exp = self.next_creds("SSO")
        self.send(200, json.dumps({"roleCredentials": {
            "accessKeyId": f"ASIASSO{n}", "secretAccessKey": f"sso-secret-{n}",
            "sessionToken": f"sso-session-token-{n}", "expiration": int(exp * 1000)}}))

    def do_PUT(self):
        if self.failing():
            return
        if self.opts.mode == "imds":
            return self.imds_put()
        self.send(405, "", "text/plain")

    def do_GET(self):
        if self.failing():
            return
        getattr(self, self.opts.mode + "_get")()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["imds", "container", "sso"])
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log")
    ap.add_argument("--token")
    ap.add_argument("--role", default="wa-test-role")
    ap.add_argument("--account", default="123456789012")
    ap.add_argument("--no-role", action="store_true")
    ap.add_argument("--imds-v1", action="store_true")
    ap.add_argument("--fail-first", type=int, default=0)
    ap.add_argument("--expires-in", type=int, default=21600)
    Handler.opts = ap.parse_args()
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    tmp = Handler.opts.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(tmp, Handler.opts.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    main()
