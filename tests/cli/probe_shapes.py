#!/usr/bin/env python3
"""Checks the question set's probes and the evidence fixtures against botocore's service
models, so that every name they use is a real one:

  - each probe's call is an operation of the service, its params are input members;
  - every field its JMESPath expressions (resources, defaults, query, each.items) reach is
    a member of the shape at that point (walking the expression's syntax tree over the
    output shape; fan-out documents are [{item, result}] with item typed by each.items; a
    'with' call's result is the variable $name, typed by its operation's output);
  - {item.x} templates name members of the item;
  - every fixture response (tests/evidence/fixtures/SERVICE/Operation.json) holds only
    members of the operation's output shape, with values of the member's type.

usage: probe_shapes.py QUESTIONS_DIR FIXTURES_DIR JP_AST
JP_AST is tests/tools/jp_ast: wa-review's own JMESPath parser, printing its syntax trees
(let expressions and variables included, which jmespath.py 1.0 cannot parse).
Prints one line per problem and exits 1 if there is any."""
import glob
import json
import os
import re
import subprocess
import sys

import botocore.session
import yaml

# Members newer than the botocore Debian 12 ships (1.29): (service, shape name, member) and
# where AWS documents them. Checked against botocore 1.43 while writing the probes.
NEWER = {
    ("s3", "Bucket", "BucketRegion"):
        "https://docs.aws.amazon.com/AmazonS3/latest/API/API_Bucket.html (2024)",
}

session = botocore.session.get_session()
problems = []


def problem(where, msg):
    problems.append(f"{where}: {msg}")


class Any:
    """A value of unknown shape: anything goes beneath it."""
    type_name = "any"


class Synth:
    """A shape made up by an expression: a list of x, or a structure of named members."""
    def __init__(self, type_name, member=None, members=None):
        self.type_name = type_name
        self.member = member
        self.members = members or {}


ANY = Any()
BOOLEAN = Synth("boolean")
TIME_VARS = ("now", "days_ago_1", "days_ago_7", "days_ago_30", "days_ago_90")


def member_of(shape, name, where, service):
    if shape is ANY:
        return ANY
    t = shape.type_name
    if t == "structure":
        if name in shape.members:
            return shape.members[name]
        if isinstance(shape, Synth):
            problem(where, f"no member '{name}' (has {sorted(shape.members)})")
            return ANY
        if (service, shape.name, name) in NEWER:
            return ANY
        names = sorted(shape.members)
        more = f", … {len(names) - 12} more" if len(names) > 12 else ""
        problem(where, f"{shape.name} has no member '{name}' (has {', '.join(names[:12])}{more})")
        return ANY
    if t == "map":
        return shape.value
    problem(where, f"field '{name}' on a {t}" +
            (" (write !(a.b): !a.b negates a alone)" if t == "boolean" else ""))
    return ANY


def element(shape, where):
    if shape is ANY:
        return ANY
    if shape.type_name == "list":
        return shape.member
    problem(where, f"projection over a {shape.type_name}")
    return ANY


def walk(node, shape, where, service, scope=None):
    """Returns the shape of node's value when applied to a value of shape; scope maps
    variable names to their shapes."""
    scope = scope or {}
    t = node["type"]
    ch = node.get("children", [])
    if t == "let":
        inner = dict(scope)
        for b in ch[:-1]:  # bindings see the enclosing scope; the body sees them all
            inner[b["value"]] = walk(b["children"][0], shape, where, service, scope)
        return walk(ch[-1], shape, where, service, inner)
    if t == "variable":
        if node["value"] not in scope:
            problem(where, f"${node['value']} is not bound")
            return ANY
        return scope[node["value"]]
    if t == "field":
        return member_of(shape, node["value"], where, service)
    if t in ("current", "identity"):
        return shape
    if t in ("subexpression", "pipe"):
        for c in ch:  # jmespath.py folds a.b.c into one node with three children
            shape = walk(c, shape, where, service, scope)
        return shape
    if t == "index_expression":
        left = walk(ch[0], shape, where, service, scope)
        return walk(ch[1], left, where, service, scope)
    if t == "index":
        return element(shape, where)
    if t == "slice":
        return shape
    if t == "projection":
        left = walk(ch[0], shape, where, service, scope)
        return Synth("list", walk(ch[1], element(left, where), where, service, scope))
    if t == "value_projection":
        left = walk(ch[0], shape, where, service, scope)
        inner = left.value if getattr(left, "type_name", "") == "map" else ANY
        return Synth("list", walk(ch[1], inner, where, service, scope))
    if t == "filter_projection":
        left = walk(ch[0], shape, where, service, scope)
        el = element(left, where)
        walk(ch[2], el, where, service, scope)
        return Synth("list", walk(ch[1], el, where, service, scope))
    if t == "flatten":
        inner = walk(ch[0], shape, where, service, scope)
        el = element(inner, where)
        if el is not ANY and el.type_name == "list":
            return Synth("list", el.member)
        return Synth("list", el)
    if t in ("comparator", "and_expression", "not_expression"):
        for c in ch:
            walk(c, shape, where, service, scope)
        # !a.b parses as (!a).b: a field after a negation reads a boolean, never a
        # member; say so instead of letting it pass as "anything".
        return BOOLEAN if t != "and_expression" else ANY
    if t == "or_expression":
        left = walk(ch[0], shape, where, service, scope)
        walk(ch[1], shape, where, service, scope)
        return left
    if t == "function_expression" and node["value"] == "map" and len(ch) == 2:
        # map(&expr, list): expr applies to each element of the list
        lst = walk(ch[1], shape, where, service, scope)
        return Synth("list", walk(ch[0]["children"][0], element(lst, where), where, service,
                                  scope))
    if t == "function_expression":
        args = [walk(c, shape, where, service, scope) for c in ch]
        if node["value"] in ("sort", "reverse") and args:
            return args[0]
        if node["value"] in ("contains", "starts_with", "ends_with"):
            return BOOLEAN
        return ANY
    if t == "multi_select_list":
        members = [walk(c, shape, where, service, scope) for c in ch]
        return Synth("list", members[0] if members else ANY)
    if t == "multi_select_dict":
        return Synth("structure", members={
            kv["value"]: walk(kv["children"][0], shape, where, service, scope) for kv in ch})
    if t in ("literal", "expref"):
        return ANY
    problem(where, f"cannot follow a '{t}' node")
    return ANY


JP_AST = None


def parse(expr, names):
    """The syntax tree wa-review's parser builds for expr, with names bound around it."""
    out = subprocess.run([JP_AST] + list(names), input=expr.replace("\n", " ") + "\n",
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def check_expr(expr, shape, where, service, scope=None):
    ast = parse(expr, sorted(scope or {}))
    if "error" in ast:
        problem(where, f"does not parse: {ast['error']}")
        return ANY
    return walk(ast, shape, where, service, scope or {})


def check_params(params, shape, where, service, item):
    if shape is None:
        if params:
            problem(where, "the operation takes no parameters")
        return
    if isinstance(params, dict):
        if shape.type_name not in ("structure", "map"):
            problem(where, f"a mapping where a {shape.type_name} is expected")
            return
        for k, v in params.items():
            if shape.type_name == "map":
                check_params(v, shape.value, f"{where}.{k}", service, item)
            elif k not in shape.members:
                problem(where, f"{shape.name} has no input member '{k}'")
            else:
                check_params(v, shape.members[k], f"{where}.{k}", service, item)
    elif isinstance(params, list):
        if shape.type_name != "list":
            problem(where, f"a list where a {shape.type_name} is expected")
            return
        for v in params:
            check_params(v, shape.member, where, service, item)
    elif isinstance(params, str):
        for ref in re.findall(r"(?<!\{)\{(item(?:\.[A-Za-z_]\w*)*)\}", params):
            if item is None:
                problem(where, f"template {{{ref}}} outside a fan-out")
                continue
            s = item
            for part in ref.split(".")[1:]:
                s = member_of(s, part, where, service)


def operation(service, op, where):
    try:
        return session.get_service_model(service).operation_model(op)
    except Exception as e:
        problem(where, f"{service} {op}: {e}")
        return None


def check_probe(p, where):
    service, op = p["call"].split()
    om = operation(service, op, where)
    if not om:
        return
    check_params(p.get("params") or {}, om.input_shape, f"{where} params", service, None)
    doc = om.output_shape
    # The sweep's times, bound in every probe (wa-review-questions(5)): ISO 8601 strings.
    scope = {name: Synth("string") for name in TIME_VARS}
    for name, w in (p.get("with") or {}).items():
        call = w if isinstance(w, str) else w["call"]
        ws, wop = call.split()
        wom = operation(ws, wop, f"{where} with.{name}")
        if wom:
            if not isinstance(w, str):
                check_params(w.get("params") or {}, wom.input_shape,
                             f"{where} with.{name}.params", ws, None)
            scope[name] = wom.output_shape
    each = p.get("each")
    if each:
        items = check_expr(each["items"], doc, f"{where} each.items", service, scope)
        item = element(items, f"{where} each.items") if items is not ANY else ANY
        es, eop = each["call"].split()
        eom = operation(es, eop, f"{where} each")
        if not eom:
            return
        check_params(each.get("params") or {}, eom.input_shape, f"{where} each.params", es,
                     item)
        if "region" in each:
            for ref in re.findall(r"\{(item(?:\.\w+)*)\}", each["region"]):
                s = item
                for part in ref.split(".")[1:]:
                    s = member_of(s, part, f"{where} each.region", service)
        doc = Synth("list", Synth("structure", members={"item": item,
                                                         "result": eom.output_shape}))
        service = es
    for key in ("resources", "defaults", "query"):
        if key in p:
            check_expr(p[key], doc, f"{where} {key}", service, scope)


def check_value(v, shape, where, service):
    if shape is ANY:
        return
    t = shape.type_name
    if t == "structure":
        if not isinstance(v, dict):
            problem(where, f"expected an object for {shape.name}")
            return
        for k, x in v.items():
            if k not in shape.members:
                if (service, shape.name, k) not in NEWER:
                    problem(where, f"{shape.name} has no member '{k}'")
                continue
            check_value(x, shape.members[k], f"{where}.{k}", service)
    elif t == "list":
        if not isinstance(v, list):
            problem(where, "expected a list")
            return
        for i, x in enumerate(v):
            check_value(x, shape.member, f"{where}[{i}]", service)
    elif t == "map":
        if not isinstance(v, dict):
            problem(where, "expected an object (map)")
            return
        for k, x in v.items():
            check_value(x, shape.value, f"{where}.{k}", service)
    elif t == "string":
        if not isinstance(v, str):
            problem(where, "expected a string")
    elif t == "boolean":
        if not isinstance(v, bool):
            problem(where, "expected true or false")
    elif t in ("integer", "long", "double", "float"):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            problem(where, "expected a number")
    elif t == "timestamp":
        if not isinstance(v, (str, int, float)):
            problem(where, "expected a timestamp")


PER_RESOURCE = {"empty", "all_true", "unique", "max_count", "min_distinct", "no_overlap"}


def proves(p):
    """What a probe's pass proves, as the loader infers it when 'proves' is left out."""
    if "proves" in p:
        return p["proves"]
    e = p.get("expect")
    kind = next(iter(e)) if isinstance(e, dict) else e
    if p.get("pass_in") == "any_region" or kind not in PER_RESOURCE:
        return "existence"
    return "every_resource"


def main():
    global JP_AST
    qdir, fdir, JP_AST = sys.argv[1], sys.argv[2], sys.argv[3]
    n = 0
    checked = {}  # best practice -> the set of what its probes prove
    for path in sorted(glob.glob(os.path.join(qdir, "*.yaml"))):
        doc = yaml.safe_load(open(path))
        for q in (doc or {}).get("questions", []) if isinstance(doc, dict) else []:
            for bp in q.get("best_practices", []):
                checked.setdefault(bp["id"], set())
            for p in q.get("probes", []):
                check_probe(p, f"{os.path.basename(path)} {p['id']}")
                for bp in p.get("evidence_for", []):
                    checked.setdefault(bp, set()).add(proves(p))
                n += 1
    # Every practice has a probe that checks resources, not only that something exists
    # (issue 13): a setting of the whole practice, or of the part AWS shows.
    for bp, kinds in sorted(checked.items()):
        if not kinds & {"every_resource", "part"}:
            problem(bp, "no probe checks resources (every_resource or part); only "
                    + (", ".join(sorted(kinds)) or "none"))
    whole = sum(1 for k in checked.values() if "every_resource" in k)
    print(f"probe_shapes: {len(checked)} best practices, {whole} with a probe of the whole "
          f"practice on every resource, "
          f"{sum(1 for k in checked.values() if 'part' in k and 'every_resource' not in k)} "
          f"with one of a part only")
    m = 0
    for path in sorted(glob.glob(os.path.join(fdir, "*", "*.json"))):
        service = os.path.basename(os.path.dirname(path))
        op = os.path.basename(path)[:-5]
        om = operation(service, op, path)
        if not om:
            continue
        data = json.load(open(path))
        if not str(data.get("source", "")).startswith("https://docs.aws.amazon.com/"):
            problem(path, "'source' must name the AWS API reference page")
        for i, r in enumerate(data.get("responses", [])):
            if "result" in r:
                check_value(r["result"], om.output_shape, f"{path} response {i}", service)
        m += 1
    for line in problems:
        print(line)
    print(f"probe_shapes: {n} probes, {m} fixture files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
