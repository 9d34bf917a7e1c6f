#!/usr/bin/python3
"""Cross-checks `wa-review query` against jmespath.py (Debian's python3-jmespath, the library
inside the aws CLI) on random documents and expressions from a grammar.

usage: jmespath_fuzz.py WA_BINARY [CASES]

With a fixed seed it makes CASES (at least 1000, default 2000) pairs of a random JSON
document and a random expression covering every construct of the language and every
built-in function, called with right and wrong argument types and counts; a tenth of the
expressions are mutated to exercise syntax errors. Each pair is evaluated by jmespath.py and
by `WA query --compact -- EXPR -`. They must give the same JSON (numbers by value, booleans
apart from numbers, object keys in the same order) or fail with the same error kind.
Prints one line per mismatch and exits 1 if there is any; exits 1 too when the python
module is missing (a missing oracle must not pass as a green test).

The oracle is jmespath.py 1.0.1 with the patches below, each where jmespath.py departs from
the JMESPath specification (or from the compliance suite's intent) and wa-review follows
the spec. The script also reports on how many cases the unpatched library would differ.
  P1  equality is deep and never mixes booleans with numbers ([0] == [false] is false;
      Python's own == says True).
  P2  contains() uses that equality, and contains('abc', `1`) is false (Python: TypeError).
  P3  a slice after an index still projects: foo[0][0:2].a (jmespath.py folds the slice
      into the index expression and loses the projection).
  P4  to_string() prints integral floats as integers ("2", not "2.0"): cJSON keeps every
      number as a double and cannot tell 2.0 from 2 (the jp tool prints "2" as well).
  P5  the grammar, not jmespath.py's leniency: f(a,), f(a b), {a: b c: d} and [1:2 3] are
      syntax errors.
  P6  compile-time checks: unknown functions, wrong argument counts, a slice step of 0 and
      '&expr' outside a function's arguments fail whatever the data (jmespath.py raises the
      first three only when evaluation reaches them and returns a non-JSON object for the
      last).
  P7  every argument is type-checked, including variadic ones (merge({}, `1`)) and
      expression references given where a JSON value is expected (to_string(&a)).
  P8  ordering a number against a string gives null, as for other mixed types (Python:
      TypeError); min_by/max_by keys must all have the first key's type, like sort_by
      (Python: TypeError on mixed keys).
  P9  to_number() never returns NaN or infinity ("nan", "inf", "1e400" give null): JSON
      cannot hold them.
"""
import json
import math
import random
import re
import subprocess
import sys

try:
    import jmespath
    from jmespath import exceptions, functions, lexer, parser, visitor
except ImportError:
    print("jmespath_fuzz: python3-jmespath is not installed (apt-get install -y "
          "python3-jmespath); cannot cross-check", file=sys.stderr)
    sys.exit(1)

SEED = 20240611
KINDS = ("syntax", "invalid-type", "invalid-value", "invalid-arity", "unknown-function", "limit")


# ---- the spec-patched oracle ----------------------------------------------------------

def spec_equal(x, y):
    """Deep equality: numbers by value, booleans only equal booleans (P1)."""
    if isinstance(x, bool) or isinstance(y, bool):
        return type(x) is type(y) and x == y
    if isinstance(x, (int, float)) and isinstance(y, (int, float)):
        return x == y
    if isinstance(x, list) and isinstance(y, list):
        return len(x) == len(y) and all(spec_equal(a, b) for a, b in zip(x, y))
    if isinstance(x, dict) and isinstance(y, dict):
        return x.keys() == y.keys() and all(spec_equal(x[k], y[k]) for k in x)
    if isinstance(x, str) and isinstance(y, str):
        return x == y
    return x is None and y is None


def _is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


class SpecInterpreter(visitor.TreeInterpreter):
    COMPARATOR_FUNC = dict(visitor.TreeInterpreter.COMPARATOR_FUNC)
    COMPARATOR_FUNC["eq"] = spec_equal
    COMPARATOR_FUNC["ne"] = lambda x, y: not spec_equal(x, y)

    def visit_comparator(self, node, value):
        if node["value"] in self._EQUALITY_OPS:
            return super().visit_comparator(node, value)
        left = self.visit(node["children"][0], value)
        right = self.visit(node["children"][1], value)
        # P8: only two numbers or two strings are ordered.
        if not ((_is_num(left) and _is_num(right)) or
                (isinstance(left, str) and isinstance(right, str))):
            return None
        return self.COMPARATOR_FUNC[node["value"]](left, right)


def _integral_floats_as_ints(v):
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e17:
        return int(v)
    if isinstance(v, list):
        return [_integral_floats_as_ints(e) for e in v]
    if isinstance(v, dict):
        return {k: _integral_floats_as_ints(e) for k, e in v.items()}
    return v


class SpecFunctions(functions.Functions):
    def _type_check(self, actual, signature, function_name):
        # P7: variadic arguments are checked too, and an expref is no JSON value.
        for i, arg in enumerate(actual):
            spec = signature[min(i, len(signature) - 1)]
            allowed = spec["types"]
            if isinstance(arg, visitor._Expression) and "expref" not in allowed:
                raise exceptions.JMESPathTypeError(function_name, arg, "expref",
                                                   allowed or ["any"])
            if allowed:
                self._type_check_single(arg, allowed, function_name)

    @functions.signature({"types": ["array", "string"]}, {"types": []})
    def _func_contains(self, subject, search):
        if isinstance(subject, str):  # P2
            return isinstance(search, str) and search in subject
        return any(spec_equal(e, search) for e in subject)

    @functions.signature({"types": []})
    def _func_to_string(self, arg):
        if isinstance(arg, str):
            return arg
        return json.dumps(_integral_floats_as_ints(arg), separators=(",", ":"))  # P4

    @functions.signature({"types": []})
    def _func_to_number(self, arg):
        r = super()._func_to_number(arg)
        if isinstance(r, float) and not math.isfinite(r):  # P9
            return None
        return r

    def _same_type_keys(self, array, expref, name):
        keys = []
        for e in array:
            k = expref.visit(expref.expression, e)
            t = "number" if _is_num(k) else "string" if isinstance(k, str) else None
            if t is None or (keys and t != keys[0][1]):
                raise exceptions.JMESPathTypeError(name, k, "mixed", ["number", "string"])
            keys.append((k, t))
        return [k for k, _ in keys]

    @functions.signature({"types": ["array"]}, {"types": ["expref"]})
    def _func_min_by(self, array, expref):
        keys = self._same_type_keys(array, expref, "min_by")  # P8
        return array[keys.index(min(keys))] if array else None

    @functions.signature({"types": ["array"]}, {"types": ["expref"]})
    def _func_max_by(self, array, expref):
        keys = self._same_type_keys(array, expref, "max_by")  # P8
        return array[keys.index(max(keys))] if array else None


class StaticValueError(ValueError):
    """The slice step 0, raised at compile time (P6)."""


class SpecParser(parser.Parser):
    _CACHE = {}

    def _token_led_lbracket(self, left):  # P3
        if self._lookahead_token(0)["type"] in ["number", "colon"]:
            right = self._parse_index_expression()
            return self._project_if_slice(left, right)
        return super()._token_led_lbracket(left)

    def _token_led_lparen(self, left):  # P5
        if left["type"] != "field":
            prev_t = self._lookahead_token(-2)
            raise exceptions.ParseError(prev_t["start"], prev_t["value"], prev_t["type"],
                                        "Invalid function name")
        args = []
        if self._current_token() != "rparen":
            while True:
                args.append(self._expression())
                if self._current_token() == "rparen":
                    break
                self._match("comma")
        self._match("rparen")
        return {"type": "function_expression", "children": args, "value": left["value"]}

    def _parse_multi_select_hash(self):  # P5
        pairs = []
        while True:
            key_token = self._lookahead_token(0)
            self._match_multiple_tokens(token_types=["quoted_identifier",
                                                     "unquoted_identifier"])
            self._match("colon")
            value = self._expression(0)
            pairs.append({"type": "key_val_pair", "children": [value],
                          "value": key_token["value"]})
            if self._current_token() == "rbrace":
                self._match("rbrace")
                break
            self._match("comma")
        return {"type": "multi_select_dict", "children": pairs}

    def _parse_slice_expression(self):  # P5
        parts = [None, None, None]
        index = 0
        while self._current_token() != "rbracket":
            t = self._lookahead_token(0)
            if t["type"] == "colon" and index < 2:
                index += 1
            elif t["type"] == "number" and parts[index] is None:
                parts[index] = t["value"]
            else:
                self._raise_parse_error_for_token(t, "syntax error")
            self._advance()
        self._match("rbracket")
        return {"type": "slice", "children": parts}

    def _parse(self, expression):
        result = super()._parse(expression)
        self._check(result.parsed, False)
        return result

    def _check(self, node, is_arg):  # P6, in evaluation order
        for child in node.get("children", []):
            if isinstance(child, dict):
                self._check(child, node["type"] == "function_expression")
        if node["type"] == "expref" and not is_arg:
            raise exceptions.ParseError(0, "&", "expref", "expref outside a function")
        if node["type"] == "slice" and node["children"][2] == 0:
            raise StaticValueError("slice step cannot be zero")
        if node["type"] == "function_expression":
            spec = SpecFunctions.FUNCTION_TABLE.get(node["value"])
            if spec is None:
                raise exceptions.UnknownFunctionError("Unknown function: %s()" % node["value"])
            sig, n = spec["signature"], len(node["children"])
            if sig and sig[-1].get("variadic"):
                if n < len(sig):
                    raise exceptions.VariadictArityError(len(sig), n, node["value"])
            elif n != len(sig):
                raise exceptions.ArityError(len(sig), n, node["value"])


def kind_of(exc):
    if isinstance(exc, exceptions.ArityError):
        return "invalid-arity"
    if isinstance(exc, (exceptions.ParseError, exceptions.EmptyExpressionError)):
        return "syntax"
    if isinstance(exc, exceptions.JMESPathTypeError):
        return "invalid-type"
    if isinstance(exc, exceptions.UnknownFunctionError):
        return "unknown-function"
    if type(exc) in (ValueError, StaticValueError):
        return "invalid-value"
    return None


def oracle(expr, doc, spec=True):
    """('ok', value), ('error', kind) or ('crash', description)."""
    try:
        if spec:
            parsed = SpecParser().parse(expr)
            options = visitor.Options(custom_functions=SpecFunctions())
            value = SpecInterpreter(options).visit(parsed.parsed, doc)
        else:
            value = jmespath.search(expr, doc)
        json.dumps(value)  # a non-JSON result (an expref) is a crash too
        return ("ok", value)
    except Exception as exc:  # classify every failure; unknown ones are crashes
        k = kind_of(exc)
        return ("error", k) if k else ("crash", "%s: %s" % (type(exc).__name__, exc))


# ---- wa-review --------------------------------------------------------------------------

KIND_RE = re.compile(r"query: (%s) error" % "|".join(re.escape(k) for k in KINDS))


def ours(wa, expr, doc_text):
    p = subprocess.run([wa, "query", "--compact", "--", expr, "-"], input=doc_text.encode(),
                       capture_output=True, timeout=60)
    err = p.stderr.decode(errors="replace").strip()
    if p.returncode == 0:
        try:
            return ("ok", json.loads(p.stdout.decode()))
        except ValueError as exc:
            return ("crash", "unparsable output (%s): %r" % (exc, p.stdout[:200]))
    if p.returncode == 2:
        m = KIND_RE.search(err)
        if m and len(err.splitlines()) == 1:
            return ("error", m.group(1))
        return ("crash", "exit 2 without one error line: %r" % err[:200])
    return ("crash", "exit %d: %r" % (p.returncode, err[:200]))


def same(a, b):
    """Stricter than spec_equal: object keys must come in the same order."""
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return spec_equal(a, b)


# ---- the generators -------------------------------------------------------------------

KEYS = ["a", "b", "c", "foo", "bar", "Name", "Tags", "Key", "Value", "State", "Id", "n",
        "nums", "strs", "objs", "\u00e9", "with space", "0", 'k"q', "x\\y", "\U0001F600"]
COMMON_KEYS = ["objs", "nums", "strs", "n", "Name", "Tags", "State", "Key", "Value"]
STRINGS = ["", "a", "b", "foo", "bar", "Foo", "\u00e9t\u00e9", "ab", "abc", "running",
           "stopped", "12", " 3 ", "-4.5", "1e3", "0x1F", "1_000", "nan", "Infinity", "+7",
           ".5", "5.", "1e400", "\U0001F600x", "a,b", "2024-01-01", "true", "null", "Z",
           "tab\there", "\x7f"]
NUMBERS = [0, 1, 2, 3, -1, -2, 5, 10, 0.5, -1.25, 2.0, 3.75, 1000.0, 100]
FUNCS = {
    "abs": ["num"], "avg": ["arrnum"], "ceil": ["num"], "contains": ["arrstr", "any"],
    "ends_with": ["str", "str"], "floor": ["num"], "join": ["str", "arrstr"],
    "keys": ["obj"], "length": ["strarrobj"], "map": ["expref", "arr"],
    "max": ["arrnumstr"], "max_by": ["arr", "exprefkey"], "merge": ["obj", "obj*"],
    "min": ["arrnumstr"], "min_by": ["arr", "exprefkey"], "not_null": ["any", "any*"],
    "reverse": ["arrstr"], "sort": ["arrnumstr"], "sort_by": ["arr", "exprefkey"],
    "starts_with": ["str", "str"], "sum": ["arrnum"], "to_array": ["any"],
    "to_string": ["any"], "to_number": ["any"], "type": ["any"], "values": ["obj"],
}


class Gen:
    def __init__(self, rng):
        self.r = rng
        self.tags = set()

    def tag(self, t):
        self.tags.add(t)

    # documents
    def scalar(self):
        r = self.r.random()
        if r < 0.35:
            return self.r.choice(NUMBERS)
        if r < 0.75:
            return self.r.choice(STRINGS)
        return self.r.choice([True, False, None])

    def value(self, depth):
        r = self.r.random()
        if depth >= 4 or r < 0.35:
            return self.scalar()
        if r < 0.65:
            return [self.value(depth + 1) for _ in range(self.r.randint(0, 4))]
        return {self.r.choice(KEYS): self.value(depth + 1) for _ in range(self.r.randint(0, 4))}

    def document(self):
        r = self.r.random()
        if r < 0.2:
            return self.value(0)
        doc = {}
        for _ in range(self.r.randint(1, 5)):
            doc[self.r.choice(KEYS)] = self.value(1)
        if self.r.random() < 0.6:
            doc["nums"] = [self.r.choice(NUMBERS) for _ in range(self.r.randint(0, 5))]
        if self.r.random() < 0.6:
            doc["strs"] = [self.r.choice(STRINGS) for _ in range(self.r.randint(0, 5))]
        if self.r.random() < 0.6:
            doc["objs"] = [{"n": self.r.choice(NUMBERS + ["x"] * (self.r.random() < 0.1)),
                            "Name": self.r.choice(STRINGS),
                            "Tags": [{"Key": self.r.choice(["Name", "env"]),
                                      "Value": self.r.choice(STRINGS)}],
                            "State": {"Name": self.r.choice(["running", "stopped"])}}
                           for _ in range(self.r.randint(0, 5))]
        return doc

    # expressions
    def sp(self):
        return self.r.choice(["", "", "", " ", " ", "\n"])

    def ident(self):
        # Half the time a key the documents usually have, so paths find data.
        k = self.r.choice(KEYS if self.r.random() < 0.5 else COMMON_KEYS)
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k) and self.r.random() < 0.85:
            self.tag("identifier")
            return k
        self.tag("quoted-identifier")
        q = json.dumps(k, ensure_ascii=self.r.random() < 0.5)
        if "\\u" in q:
            self.tag("quoted-unicode-escape")
        return q

    def literal(self):
        r = self.r.random()
        if r < 0.45:
            self.tag("json-literal")
            v = self.r.choice([self.scalar(), self.value(2), self.r.choice(NUMBERS)])
            text = json.dumps(v, ensure_ascii=self.r.random() < 0.5).replace("`", "\\`")
            return "`" + self.sp() + text + self.sp() + "`"
        if r < 0.55:
            self.tag("legacy-literal")
            return "`" + self.r.choice(["foo", "bar", "abc", "x y"]) + "`"
        self.tag("raw-string")
        # Raw text: none of STRINGS holds a quote or backslash; the extras are escapes.
        return "'" + self.r.choice(STRINGS + ["it\\'s", "back\\\\slash", "\\n", "a\\u00e9"]) + "'"

    def terminal(self):
        r = self.r.random()
        if r < 0.55:
            return self.ident()
        if r < 0.7:
            self.tag("current")
            return "@"
        return self.literal()

    def slice_text(self):
        self.tag("slice")
        parts = [self.r.choice([None, None, -3, -1, 0, 1, 2, 4]) for _ in range(2)]
        step = self.r.choice([None, None, 1, 2, -1, -2] + [0] * (self.r.random() < 0.1))
        if step is not None and step < 0:
            self.tag("slice-negative-step")
        if step == 0:
            self.tag("slice-step-0")
        text = ":".join("" if p is None else str(p) for p in parts)
        if step is not None or self.r.random() < 0.3:
            text += ":" + ("" if step is None else str(step))
        return text

    def dot_rhs(self, d):
        r = self.r.random()
        if r < 0.55:
            return self.ident()
        if r < 0.65:
            self.tag("object-wildcard")
            return "*"
        if r < 0.75:
            return self.multi_list(d)
        if r < 0.85:
            return self.multi_hash(d)
        return self.call(d)

    def multi_list(self, d):
        self.tag("multiselect-list")
        return "[" + ("," + self.sp()).join(self.expr(d) for _ in range(self.r.randint(1, 3))) + "]"

    def multi_hash(self, d):
        self.tag("multiselect-hash")
        pairs = [self.ident() + ":" + self.sp() + self.expr(d)
                 for _ in range(self.r.randint(1, 3))]
        return "{" + ("," + self.sp()).join(pairs) + "}"

    def typed(self, kind, d):
        """An argument meant to have the given type (data may still make it wrong)."""
        c = self.r.choice
        if kind == "num":
            return c(["n", "`%s`" % c(NUMBERS), "length(strs)", "objs[0].n", "@", "nums[0]",
                      "to_number(Name)", "`-2.5`"])
        if kind == "arrnum":
            return c(["nums", "objs[*].n", "`[1, 2.5, -3]`", "[n, n]", "@", "`[]`"])
        if kind == "str":
            return c(["Name", "'ab'", "'\u00e9'", "objs[0].Name", "strs[0]", "''", "to_string(n)"])
        if kind == "arrstr":
            return c(["strs", "objs[*].Name", "keys(@)", "`[\"b\", \"a\"]`", "Name", "'abc'"])
        if kind == "arrnumstr":
            return c(["nums", "strs", "objs[*].n", "objs[*].Name", "`[]`", "keys(@)"])
        if kind == "strarrobj":
            return c(["Name", "strs", "@", "objs", "objs[0]", "'\U0001F600\u00e9a'", "keys(@)"])
        if kind == "obj":
            return c(["@", "objs[0]", "`{\"a\": 1, \"b\": [2]}`", "{a: n, b: Name}",
                      "objs[0].State", "Tags"])
        if kind == "arr":
            return c(["objs", "nums", "strs", "@", "[n, Name]", "objs[*].Tags[]"])
        if kind == "expref":
            self.tag("expref")
            return "&" + c(["n", "Name", "@", "State.Name", "to_number(Name)", self.expr(d)])
        if kind == "exprefkey":
            self.tag("expref")
            return "&" + c(["n", "Name", "State.Name", "length(Name)", "to_string(n)",
                            self.expr(d)])
        return self.expr(d)

    def call(self, d):
        if self.r.random() < 0.02:
            self.tag("unknown-function")
            name, params = self.r.choice(["nosuch", "lenght", "Length"]), ["any"]
        else:
            name = self.r.choice(sorted(FUNCS))
            params = FUNCS[name]
        self.tag("function:" + name)
        kinds = [p.rstrip("*") for p in params]
        if params[-1].endswith("*"):
            kinds += [kinds[-1]] * self.r.randint(0, 2)
        if self.r.random() < 0.04:
            self.tag("wrong-arity")
            kinds = kinds[:-1] if kinds and self.r.random() < 0.5 else kinds + ["any"]
        args = []
        for k in kinds:
            r = self.r.random()
            if r < 0.72:
                args.append(self.typed(k, d))
            elif r < 0.8:
                self.tag("expref-wrong-place")
                args.append("&" + self.terminal())
            else:
                self.tag("wrong-type-arg")
                args.append(self.expr(d))
        return name + "(" + ("," + self.sp()).join(args) + ")"

    def comparator(self):
        op = self.r.choice(["==", "!=", "<", "<=", ">", ">="])
        self.tag("cmp" + op)
        return self.sp() + op + self.sp()

    def expr(self, d):
        if d <= 0:
            return self.terminal()
        e = self.r.randrange(24)
        sub = d - 1
        if e <= 2:
            return self.terminal()
        if e == 3:
            self.tag("subexpression")
            return self.expr(sub) + "." + self.dot_rhs(sub)
        if e == 4:
            self.tag("index")
            return self.expr(sub) + "[" + str(self.r.randint(-3, 4)) + "]"
        if e == 5:
            return self.expr(sub) + "[" + self.slice_text() + "]"
        if e == 6:
            self.tag("list-wildcard")
            return self.expr(sub) + "[*]" + self.r.choice(["", "." + self.dot_rhs(sub)])
        if e == 7:
            self.tag("object-wildcard")
            return self.r.choice([self.expr(sub) + ".*", "*"]) + self.r.choice(
                ["", "." + self.dot_rhs(sub), "[0]"])
        if e == 8:
            self.tag("flatten")
            return self.r.choice([self.expr(sub), ""]) + "[]" + self.r.choice(
                ["", "." + self.dot_rhs(sub), "[]"])
        if e == 9:
            self.tag("filter")
            cond = self.expr(sub) + (self.comparator() + self.expr(sub)
                                     if self.r.random() < 0.6 else "")
            return self.r.choice([self.expr(sub), ""]) + "[?" + cond + "]" + self.r.choice(
                ["", "." + self.dot_rhs(sub), "[]"])
        if e == 10:
            self.tag("pipe")
            return self.expr(sub) + self.sp() + "|" + self.sp() + self.expr(sub)
        if e == 11:
            self.tag("or")
            return self.expr(sub) + self.sp() + "||" + self.sp() + self.expr(sub)
        if e == 12:
            self.tag("and")
            return self.expr(sub) + self.sp() + "&&" + self.sp() + self.expr(sub)
        if e == 13:
            self.tag("not")
            return "!" + self.expr(sub)
        if e == 14:
            self.tag("parentheses")
            return "(" + self.expr(sub) + ")"
        if e == 15:
            return self.expr(sub) + self.comparator() + self.expr(sub)
        if e == 16:
            return self.multi_list(sub)
        if e == 17:
            return self.multi_hash(sub)
        if e == 18:
            self.tag("index")
            return "[" + str(self.r.randint(-2, 3)) + "]"
        if e == 19:
            self.tag("list-wildcard")
            return "[*]" + self.r.choice(["", "." + self.dot_rhs(sub)])
        return self.call(sub)

    def mutate(self, expr):
        """One structural edit outside quotes, to exercise syntax errors."""
        self.tag("mutated")
        spots, quote, esc = [], None, False
        for i, ch in enumerate(expr):
            if quote:
                if esc:
                    esc = False
                elif ch == "\\":
                    esc = True
                elif ch == quote:
                    quote = None
                continue
            if ch in "\"'`":
                quote = ch
                continue
            spots.append(i)
        if not spots:
            return expr + self.r.choice(["]", ".", "|"])
        i = self.r.choice(spots)
        r = self.r.random()
        if r < 0.4:
            return expr[:i] + expr[i + 1:]
        if r < 0.7:
            return expr[:i] + self.r.choice(list(".[]{}(),:|&!@*?<>=") + ["==", "[?", "[]"]) + expr[i:]
        return expr[:i] + expr[i] + expr[i:]


REQUIRED_TAGS = ["identifier", "quoted-identifier", "quoted-unicode-escape", "current",
                 "json-literal", "legacy-literal", "raw-string", "subexpression", "index",
                 "slice", "slice-negative-step", "slice-step-0", "list-wildcard",
                 "object-wildcard", "flatten", "filter", "pipe", "or", "and", "not",
                 "parentheses", "multiselect-list", "multiselect-hash", "expref",
                 "expref-wrong-place", "wrong-type-arg", "wrong-arity", "unknown-function",
                 "mutated"] + ["cmp" + op for op in ["==", "!=", "<", "<=", ">", ">="]] + \
                ["function:" + f for f in FUNCS]


def main():
    if len(sys.argv) < 2:
        print("usage: jmespath_fuzz.py WA_BINARY [CASES]", file=sys.stderr)
        return 2
    wa = sys.argv[1]
    cases = max(1000, int(sys.argv[2]) if len(sys.argv) > 2 else 2000)
    rng = random.Random(SEED)
    gen = Gen(rng)
    mismatches = 0
    kinds = {}
    plain_differs = 0
    for i in range(cases):
        doc = gen.document()
        expr = gen.expr(rng.randint(1, 4))
        if rng.random() < 0.1:
            expr = gen.mutate(expr)
        doc_text = json.dumps(doc, ensure_ascii=False)
        want = oracle(expr, json.loads(doc_text))
        got = ours(wa, expr, doc_text)
        if oracle(expr, json.loads(doc_text), spec=False) != want:
            plain_differs += 1
        label = want[1] if want[0] == "error" else want[0]
        kinds[label] = kinds.get(label, 0) + 1
        ok = want[0] != "crash" and want[0] == got[0] and (
            same(want[1], got[1]) if want[0] == "ok" else want[1] == got[1])
        if not ok:
            mismatches += 1
            print("MISMATCH case %d: expr=%s doc=%s jmespath.py=%s wa-review=%s" % (
                i, json.dumps(expr, ensure_ascii=False), doc_text[:300],
                json.dumps(want, ensure_ascii=False)[:300],
                json.dumps(got, ensure_ascii=False)[:300]))
    missing = [t for t in REQUIRED_TAGS if t not in gen.tags]
    for t in missing:
        print("MISSING construct never generated: %s" % t)
    print("jmespath fuzz: %d cases (%s); unpatched jmespath.py differs from the spec-patched "
          "oracle on %d" % (cases, ", ".join("%s %d" % kv for kv in sorted(kinds.items())),
                            plain_differs))
    print("jmespath fuzz: %d passed, %d failed" % (cases - mismatches, mismatches))
    return 1 if mismatches or missing else 0


if __name__ == "__main__":
    sys.exit(main())
