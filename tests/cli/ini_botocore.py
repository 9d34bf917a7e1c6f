"""Cross-checks the shared-file INI parser (through tests/tools/ini_dump) against botocore's
configloader.raw_config_parse, which is how the aws CLI reads ~/.aws/config and
~/.aws/credentials: hand-picked cases plus randomly generated files mixing sections,
keys with '=' and ':', comments, blank lines, continuation lines, nested sub-sections,
CRLF, repeated names and malformed lines. Every file must give the same sections, keys and
values, or be refused by both; when configparser itself refuses a file, the first error
must be on the same line.

    ini_botocore.py --tool PATH [--count N] [--seed S]
"""
import argparse
import configparser
import json
import os
import random
import subprocess
import sys
import tempfile

try:
    from botocore.configloader import raw_config_parse
    from botocore.exceptions import ConfigParseError
except ImportError:
    print("FAIL: botocore is not importable (apt-get install python3-botocore)")
    sys.exit(1)

HAND = [
    "[default]\nregion = eu-west-1\n",
    "# c\n; c\n[default]\nRegion : x\nk = a=b:c # d\n",
    "[default]\ncredential_process = a\n  b\n\n  c\n\n\n[profile x]\nk=1\n",
    "[default]\ns3 =\n  addressing_style = path\n  max_concurrent_requests=20\nregion=x\n",
    "[default]\ns3 =\n\n  a = 1\n",
    "[default]\ns3 =\n  broken\n",
    "k = 1\n[a]\n",
    "[a]\n[a]\n",
    "[a]\nk=1\nK=2\n",
    "[a]\n  k = 1\n    cont\n  j = 2\n",
    "  [a]\nk=1\n    [b]\n",
    "[a]\nk=1\n# comment\n  cont after comment\n",
    "[a]\r\nk = v\r\n  more\r\n",
    "[x] tail\nk=1\n[a]b]\nk=2\n",
    "[a]\n= v\n",
    "[a]\nnokey\n",
    "[]\n",
    "[a\nk=1\n",
    "[profile \"a b\"]\nk=1\n[sso-session s]\nsso_region=us-east-1\n",
    "[a]\nk=\xe9t\xe9\n",
    "[a]\n\tk\t=\tv\t\n",
    "[DEFAULT]\nregion = eu-west-1\n[default]\n[profile x]\nregion = us-east-1\n",
    "[a]\nk = 1\n[DEFAULT]\nk = 0\nj = 2\n[DEFAULT]\ns3 =\n  x = 1\n",
    "[DEFAULT]\nk = 1\n[DEFAULT]\nk = 2\n[a]\n",
    "[DEFAULT]\nk = 1\n",
    "[default]\nk = 1\n[default]\n",
]

WORDS = ["region", "Region", "output", "s3", "role_arn", "aws_access_key_id", "k", "x y",
         "sso_region", "services", "endpoint_url", "credential_process", "ca_bundle",
         "duration_seconds", "external_id", "mfa_serial", "source_profile", "tag"]
VALUES = ["v", "eu-west-1", "a=b", "x:y", "# not comment", "; semi", "\"q\"", "\xe9", "",
          "arn:aws:iam::1:role/r", "a b  c"]
SECTIONS = ["default", "profile dev", "profile  dev", "profile \"a b\"", "sso-session s",
            "services x", "dev", "a]b", " padded ", "DEFAULT", "DEFAULT"]


def gen(rng):
    lines = ["[" + rng.choice(SECTIONS) + "]"] if rng.random() < 0.8 else []
    for _ in range(rng.randint(1, 14)):
        ind = rng.choice(["", "", "", " ", "  ", "\t", "    "])
        kind = rng.random()
        if kind < 0.18:
            lines.append(ind + "[" + rng.choice(SECTIONS) + "]" + rng.choice(["", "", " x"]))
        elif kind < 0.55:
            d = rng.choice(["=", "=", ":", " = ", " : ", "\t=\t"])
            lines.append(ind + rng.choice(WORDS) + d + rng.choice(VALUES) + rng.choice(["", " ", "\t"]))
        elif kind < 0.65:
            lines.append(ind + rng.choice(["#", ";"]) + " comment = x")
        elif kind < 0.75:
            lines.append(rng.choice(["", " ", "\t"]))
        elif kind < 0.88:
            lines.append(ind + "  " + rng.choice(["sub = 1", "more text", "a=b", "k : v"]))
        elif kind < 0.93:
            lines.append(ind + rng.choice(WORDS) + " =")
        elif kind < 0.95:
            lines.append(ind + rng.choice(["no delimiter", "[open", "= v", "[]"]))
        else:
            lines.append(ind + rng.choice(WORDS) + " = " + rng.choice(VALUES))
    eol = rng.choice(["\n", "\n", "\r\n"])
    return eol.join(lines) + rng.choice([eol, ""])


class Recording(configparser.RawConfigParser):
    """configparser defers bad-line errors to the end of the file but raises repeated
    names at once; record the deferred ones so the first error of either kind is known."""

    def __init__(self):
        super().__init__()
        self.bad_lines = []

    def _handle_error(self, exc, fpname, lineno, line):
        self.bad_lines.append(lineno)
        return super()._handle_error(exc, fpname, lineno, line)


def python_error_line(path):
    cp = Recording()
    try:
        cp.read([path])
    except configparser.MissingSectionHeaderError as e:
        return min(cp.bad_lines + [e.lineno])
    except configparser.ParsingError:
        return min(cp.bad_lines)
    except (configparser.DuplicateSectionError, configparser.DuplicateOptionError) as e:
        return min(cp.bad_lines + [e.lineno])
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--count", type=int, default=400)
    ap.add_argument("--seed", type=int, default=20240601)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    texts = HAND + [gen(rng) for _ in range(a.count)]
    failures = 0
    refused = 0
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for i, t in enumerate(texts):
            p = os.path.join(d, f"case{i}.ini")
            with open(p, "w", encoding="utf-8", newline="") as f:
                f.write(t)
            paths.append(p)
        out = subprocess.run([a.tool] + paths, capture_output=True, text=True, check=True)
        results = [json.loads(line) for line in out.stdout.splitlines()]
        for p, t, ours in zip(paths, texts, results):
            try:
                theirs = raw_config_parse(p)
                err = None
            except ConfigParseError as e:
                theirs, err = None, e
            problem = None
            if err is not None:
                refused += 1
                if ours["ok"]:
                    problem = "botocore refuses it, we accept it"
                else:
                    pl = python_error_line(p)
                    if pl is not None and "sub-section" not in ours["error"] and pl != ours["line"]:
                        problem = f"error on line {ours['line']}, configparser says {pl}"
            elif not ours["ok"]:
                problem = f"we refuse it (line {ours['line']}: {ours['error']}), botocore reads it"
            elif ours["sections"] != theirs:
                problem = f"different result:\n  ours:     {ours['sections']}\n  botocore: {theirs}"
            if problem:
                failures += 1
                if failures <= 5:
                    print(f"FAIL: {problem}\n  file: {t!r}")
    print(f"ini_botocore: {len(texts)} files ({refused} refused by botocore), {failures} differ")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
