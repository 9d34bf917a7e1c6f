#!/usr/bin/python3
"""Cross-checks our SigV4 signer (tests/tools/sigv4_sign) against botocore on random requests.

Generates --count requests from --seed: random methods, paths with characters that need
encoding (spaces, reserved characters, UTF-8, '%', dot segments, doubled slashes), query
parameters with repeated names and reserved characters, headers with repeated names, runs of
whitespace and folded lines, random bodies, with and without session tokens, several services
including S3 (S3SigV4Auth), unsigned payloads, and presigned URLs (SigV4QueryAuth,
S3SigV4QueryAuth). botocore signs each at a fixed timestamp; so does our tool, in one batch.

Prints one line per mismatch and exits 1 if there is any; exits 0 when all agree.
Run with Debian's /usr/bin/python3 (python3-botocore); fails, never skips, without botocore.
"""
import argparse
import datetime
import os
import random
import subprocess
import sys
import types
from urllib.parse import quote, unquote, urlsplit

try:
    import botocore
    import botocore.auth as boto_auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError as exc:
    print(f"FAIL: botocore is not importable ({exc}); apt-get install python3-botocore "
          "and run with /usr/bin/python3")
    sys.exit(1)


class FixedClock(datetime.datetime):
    """Stands in for datetime.datetime inside botocore.auth: utcnow() is the test's time."""
    value = None

    @classmethod
    def utcnow(cls):
        return cls.value


class ClockNotFixed(Exception):
    pass


# botocore 1.29 (Debian 12) asks datetime.datetime.utcnow(); newer ones get_current_datetime().
boto_auth.datetime = types.SimpleNamespace(datetime=FixedClock)
if hasattr(boto_auth, "get_current_datetime"):
    boto_auth.get_current_datetime = lambda remove_tzinfo=True: FixedClock.value


def capture_canonical(cls):
    """A subclass of a botocore signer that remembers the canonical request it built."""
    class Capturing(cls):
        def canonical_request(self, request):
            self.last_creq = super().canonical_request(request)
            return self.last_creq
    return Capturing


SigV4 = capture_canonical(boto_auth.SigV4Auth)
S3SigV4 = capture_canonical(boto_auth.S3SigV4Auth)
SigV4Query = capture_canonical(boto_auth.SigV4QueryAuth)
S3SigV4Query = capture_canonical(boto_auth.S3SigV4QueryAuth)

SERVICES = ["ec2", "iam", "sts", "dynamodb", "monitoring", "execute-api", "s3", "s3", "s3"]
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1"]
METHODS = ["GET", "GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"]
TIMES = [
    datetime.datetime(2015, 8, 30, 12, 36, 0),
    datetime.datetime(2013, 5, 24, 0, 0, 0),
    datetime.datetime(2024, 2, 29, 23, 59, 59),
    datetime.datetime(2000, 1, 1, 0, 0, 0),
    datetime.datetime(2038, 1, 19, 3, 14, 8),   # just past 32-bit time_t
    datetime.datetime(1999, 12, 31, 23, 59, 59),
]
# Pieces of path segments, parameter names and values: unreserved, reserved, space, '%',
# and UTF-8 of 2, 3 and 4 bytes.
WORD_PARTS = (list("abcXYZ019-_.~") + [" ", "  ", "!", "$", "&", "'", "(", ")", "*", "+", ",",
              ";", "=", ":", "@", "%", "%41", '"', "<", ">", "[", "]", "{", "}", "|", "\\",
              "^", "`", "é", "ß", "ሴ", "日本", "😀"])
PARAM_NAMES = ["a", "b", "A", "Action", "Version", "key", "list-type", "prefix", "max-keys",
               "Param-3", "Param", "z z", "ключ", "名前", "~tilde", "a+b", "a&b", "a=b",
               "semi;colon", "slash/name", "pct%", "é", "X-Amz-Meta"]
HEADER_NAMES = ["X-Custom", "x-amz-meta-color", "Content-Type", "My-Header1", "X-Multi",
                "Accept", "If-None-Match", "Range", "X-Amz-Target", "User-Agent",
                "X-Amzn-Trace-Id", "Expect", "Cache-Control"]
# Header value pieces: no control characters other than the folds and tabs below, and no
# Unicode whitespace (Python's str.split() would treat U+00A0 and friends as spaces).
HEADER_PARTS = (list("abcXYZ019-_.~!#$%&'()*+,/:;<=>?@[]^`{|}\"") +
                [" ", "   ", "\t", " \t ", "é", "ሴ", "日本", "😀", "\n  ", "\r\n\t"])
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="


def word(rng, parts, lo=1, hi=8):
    return "".join(rng.choice(parts) for _ in range(rng.randint(lo, hi)))


def random_path(rng):
    segs = []
    for _ in range(rng.randint(0, 5)):
        r = rng.random()
        if r < 0.12:
            segs.append(".")
        elif r < 0.24:
            segs.append("..")
        elif r < 0.34:
            segs.append("")
        else:
            segs.append(word(rng, WORD_PARTS))
    path = "/" + "/".join(segs)
    if segs and rng.random() < 0.3:
        path += "/"
    return path


def header_value(rng):
    v = word(rng, HEADER_PARTS, 0, 12)
    # A fold must continue a line: it cannot start the value.
    while v.startswith(("\n", "\r")):
        v = v[1:]
    return v


class Case:
    """One random request with its signing parameters."""

    def __init__(self, rng, index):
        self.index = index
        self.service = rng.choice(SERVICES)
        self.s3 = self.service == "s3"
        self.region = rng.choice(REGIONS)
        self.time = rng.choice(TIMES)
        self.presign = rng.random() < 0.2
        self.method = rng.choice(["GET", "PUT", "HEAD", "DELETE"] if self.presign else METHODS)
        self.access_key = "AKIA" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
                                           for _ in range(16))
        self.secret_key = "".join(rng.choice(B64) for _ in range(40))
        self.token = ("".join(rng.choice(B64) for _ in range(rng.randint(16, 300)))
                      if rng.random() < 0.4 else None)
        self.expires = rng.choice([1, 60, 3600, 86400, 604800, rng.randint(1, 604800)])

        if self.s3:
            self.host = f"bucket-{rng.randint(0, 99)}.s3.{self.region}.amazonaws.com"
        else:
            self.host = f"{self.service}.{self.region}.amazonaws.com"
        if rng.random() < 0.15:
            self.host += rng.choice([":8443", ":4566"])

        raw = random_path(rng)
        # What goes on the wire: encoded as the SDKs do. Other services also get raw paths
        # sometimes (as the AWS suite does), which the signer must encode itself.
        if not self.s3 and rng.random() < 0.25:
            self.path = raw.replace("?", "").replace("#", "")
        else:
            self.path = quote(raw, safe="/~")

        self.params = []
        for _ in range(rng.choice([0, 0, 1, 2, 3, 4, 6])):
            name = rng.choice(PARAM_NAMES[:4] if rng.random() < 0.4 else PARAM_NAMES)
            value = "" if rng.random() < 0.15 else word(rng, WORD_PARTS, 1, 10)
            self.params.append((name, value))
        if self.presign:
            # botocore's presigner keeps one value per name.
            seen = {}
            for name, value in self.params:
                seen.setdefault(name, value)
            self.params = list(seen.items())

        self.headers = []
        if rng.random() < 0.2:
            self.headers.append((rng.choice(["Host", "host", "HOST"]), self.host))
        for _ in range(rng.choice([0, 1, 2, 3, 4])):
            name = (self.headers[-1][0] if self.headers and rng.random() < 0.25
                    else rng.choice(HEADER_NAMES))
            if name.lower() == "host":
                name = "X-Multi"
            self.headers.append((name, header_value(rng)))
        rng.shuffle(self.headers)

        self.body = b""
        if not self.presign and self.method in ("POST", "PUT", "PATCH") and rng.random() < 0.7:
            n = rng.randint(0, 200)
            if rng.random() < 0.5:
                self.body = bytes(rng.randrange(256) for _ in range(n))
            else:
                self.body = word(rng, WORD_PARTS, 0, n // 2 + 1).encode()

        self.unsigned_payload = not self.presign and rng.random() < 0.15

    def flags(self):
        flags = []
        if self.s3:
            flags.append("s3")
            if self.presign or self.unsigned_payload:
                flags.append("unsigned-payload")
        elif self.unsigned_payload:
            flags += ["content-sha256", "unsigned-payload"]
        return ",".join(flags)

    def describe(self):
        """The request in sigv4_sign's input format."""
        pct = lambda s: quote(s, safe="")
        lines = [
            f"mode {'presign' if self.presign else 'header'}",
            f"method {self.method}",
            f"host {self.host}",
            f"path {pct(self.path)}",
            f"service {self.service}",
            f"region {self.region}",
            f"time {self.time.strftime('%Y%m%dT%H%M%SZ')}",
            f"access-key {self.access_key}",
            f"secret-key {pct(self.secret_key)}",
            f"expires {self.expires}",
            f"flags {self.flags()}",
        ]
        if self.token is not None:
            lines.append(f"token {pct(self.token)}")
        lines += [f"param {pct(n)}={pct(v)}" for n, v in self.params]
        lines += [f"header {n}:{pct(v)}" for n, v in self.headers]
        if self.body:
            lines.append(f"body-hex {self.body.hex()}")
        lines.append("sign")
        return "\n".join(lines) + "\n"

    def sign_with_botocore(self):
        """Returns (added headers {lower name: value}, query pairs or None, canonical request)."""
        FixedClock.value = self.time
        creds = Credentials(self.access_key, self.secret_key, self.token)
        if self.presign:
            cls = S3SigV4Query if self.s3 else SigV4Query
            signer = cls(creds, self.service, self.region, expires=self.expires)
        else:
            signer = (S3SigV4 if self.s3 else SigV4)(creds, self.service, self.region)
        req = AWSRequest(method=self.method, url=f"https://{self.host}{self.path}",
                         data=self.body, params=list(self.params))
        for name, value in self.headers:
            req.headers[name] = value          # HTTPHeaders appends: names may repeat
        if self.unsigned_payload:
            if self.s3:
                req.context["client_config"] = types.SimpleNamespace(
                    s3={"payload_signing_enabled": False})
            else:
                req.context["payload_signing_enabled"] = False
        signer.add_auth(req)
        if req.context.get("timestamp") != self.time.strftime("%Y%m%dT%H%M%SZ"):
            raise ClockNotFixed(f"botocore {botocore.__version__} signed at "
                                f"{req.context.get('timestamp')}, not at the test's time")
        added = {n.lower(): v for n, v in req.headers.items()
                 if n.lower() in ("authorization", "x-amz-date", "x-amz-security-token",
                                  "x-amz-content-sha256")}
        query = split_query(urlsplit(req.url).query) if self.presign else None
        return added, query, signer.last_creq

    def label(self):
        return (f"#{self.index} {self.service} {'presign' if self.presign else 'header'} "
                f"{self.method} {self.path!r}")


def split_query(q):
    """Decoded (name, value) pairs; '+' stays '+', as SigV4 encodes a space as %20."""
    if not q:
        return []
    out = []
    for part in q.split("&"):
        name, _, value = part.partition("=")
        out.append((unquote(name), unquote(value)))
    return out


def parse_tool_output(text):
    """Splits the tool's output into one dict per request."""
    results, cur = [], {"headers": {}, "params": []}
    for line in text.splitlines():
        key, _, value = line.partition(" ")
        if key == "end":
            results.append(cur)
            cur = {"headers": {}, "params": []}
        elif key == "header":
            name, _, v = value.partition(": ")
            cur["headers"][name.lower()] = v
        elif key in ("creq", "sts", "error"):
            cur[key] = unquote(value)
        else:
            cur[key] = value
    return results


def first_difference(a, b):
    la, lb = a.split("\n"), b.split("\n")
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else "<none>"
        y = lb[i] if i < len(lb) else "<none>"
        if x != y:
            return f"canonical request line {i + 1}: ours {x!r}, botocore {y!r}"
    return "canonical requests agree"


def compare(case, ours):
    """Returns a one-line description of the first disagreement, or None."""
    if "error" in ours:
        return f"our signer refused: {ours['error']}"
    added, query, creq = case.sign_with_botocore()
    if case.presign:
        mine = split_query(ours.get("query", ""))
        if sorted(mine) != sorted(query):
            sig_b = dict(query).get("X-Amz-Signature")
            sig_o = dict(mine).get("X-Amz-Signature")
            what = "signature" if sig_b != sig_o else "query parameters"
            return f"{what} differs; {first_difference(ours.get('creq', ''), creq)}"
        if ours["headers"]:
            return f"presigning added headers {sorted(ours['headers'])}"
    else:
        if ours["headers"].get("authorization") != added.get("authorization"):
            return f"Authorization differs; {first_difference(ours.get('creq', ''), creq)}"
        if ours["headers"] != added:
            return f"added headers differ: ours {ours['headers']!r}, botocore {added!r}"
    if ours.get("creq") != creq:
        return f"same signature but {first_difference(ours.get('creq', ''), creq)}"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tool", required=True, help="path to the built sigv4_sign")
    ap.add_argument("--count", type=int, default=600)
    ap.add_argument("--seed", type=int, default=20150830)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    cases = [Case(rng, i) for i in range(args.count)]
    cmd = [args.tool]
    if os.environ.get("VALGRIND") == "1":
        cmd = ["valgrind", "-q", "--error-exitcode=99", "--leak-check=full",
               "--errors-for-leak-kinds=definite"] + cmd
    proc = subprocess.run(cmd, input="".join(c.describe() for c in cases).encode(),
                          capture_output=True, check=False)
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    failures = 0

    if proc.returncode not in (0, 1):
        print(f"FAIL: {' '.join(cmd)} exited {proc.returncode}: {err.strip()[:500]}")
        return 1
    for case in cases:
        if case.secret_key in out or case.secret_key in err:
            print(f"FAIL {case.label()}: the secret key appears in the tool's output")
            failures += 1
    results = parse_tool_output(out)
    if len(results) != len(cases):
        print(f"FAIL: {len(cases)} requests sent, {len(results)} results read")
        return 1
    for case, ours in zip(cases, results):
        try:
            problem = compare(case, ours)
        except ClockNotFixed as exc:
            print(f"FAIL: cannot fix botocore's clock: {exc}")
            return 1
        if problem:
            print(f"FAIL {case.label()}: {problem}")
            failures += 1
    if proc.returncode != 0 and failures == 0:
        print(f"FAIL: tool exited {proc.returncode} though every request matched")
        failures += 1

    n_pre = sum(c.presign for c in cases)
    n_s3 = sum(c.s3 for c in cases)
    n_tok = sum(c.token is not None for c in cases)
    print(f"sigv4 vs botocore {botocore.__version__}: {len(cases)} requests "
          f"({len(cases) - n_pre} header, {n_pre} presigned, {n_s3} s3, {n_tok} with token), "
          f"{failures} mismatches", file=sys.stderr if failures else sys.stdout)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
