#!/bin/sh
# wa-review query: output format, input handling, exit statuses and one-line errors.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# expect_exact TEXT [LABEL]: stdout is exactly TEXT.
expect_exact() {
	T_CHECKS=$((T_CHECKS + 1))
	[ "$T_OUT" = "$1" ] || fail "${2:-}: stdout is
$T_OUT
expected
$1"
}

doc="$T_DIR/doc.json"
printf '%s\n' '{"a": {"b": [1, 2.5, "x", {"c": null}, [], {}]}, "é": "ü", "z": 1, "y": 2,' \
	'"num": [1.0, 1e21, 0.1, -0.0, 100, 123456789012], "tags": [{"Key": "env", "Value": "prod"}]}' >"$doc"

run "$WA" query --help
expect_rc 0 "--help"
expect_out "usage: wa-review query" "--help"
expect_out "--compact" "--help"

# Pretty output: two-space indent, "key": value, empty containers inline, UTF-8 kept.
run "$WA" query 'a.b' "$doc"
expect_rc 0 "pretty"
expect_exact '[
  1,
  2.5,
  "x",
  {
    "c": null
  },
  [],
  {}
]' "pretty"
run "$WA" query '{e: "é", tags: tags}' "$doc"
expect_exact '{
  "e": "ü",
  "tags": [
    {
      "Key": "env",
      "Value": "prod"
    }
  ]
}' "pretty object, key order of the expression"

run "$WA" query --compact 'a.b' "$doc"
expect_rc 0 "--compact"
expect_exact '[1,2.5,"x",{"c":null},[],{}]' "--compact"
run "$WA" query -c 'num' "$doc"
expect_exact '[1,1e+21,0.1,0,100,123456789012]' "numbers: integral ones as integers"
run "$WA" query -c 'keys(@)' "$doc"
expect_exact '["a","é","z","y","num","tags"]' "document key order kept"
run "$WA" query -c "tags[?Key=='env'].Value | [0]" "$doc"
expect_exact '"prod"' "filter and pipe"

# Strings: quoted JSON, or plain with --unquoted.
run "$WA" query '"é"' "$doc"
expect_exact '"ü"' "string result"
run "$WA" query -u '"é"' "$doc"
expect_exact 'ü' "--unquoted"
run "$WA" query -u 'a.b[1]' "$doc"
expect_exact '2.5' "--unquoted leaves non-strings as JSON"

# A null result is a result: printed, status 0.
run "$WA" query 'no.such.path' "$doc"
expect_rc 0 "null result"
expect_exact 'null' "null result"

# Standard input, with '-' or no FILE; options after the arguments.
T_CHECKS=$((T_CHECKS + 1))
out=$(printf '{"k": [3, 1, 2]}' | "$WA" query 'sort(k)' - --compact) && [ "$out" = "[1,2,3]" ] ||
	fail "stdin with '-': got '$out'"
T_CHECKS=$((T_CHECKS + 1))
out=$(printf '[1, 2]' | "$WA" query -c 'length(@)') && [ "$out" = "2" ] ||
	fail "stdin without FILE: got '$out'"

# '--' lets an expression start with '-' (here: a syntax error, not an unknown option).
run "$WA" query -- '-1' "$doc"
expect_rc 2 "expression after --"
expect_err "syntax error at column 1" "expression after --"

# Bad expressions: exit 2, one line naming the kind and the column.
run "$WA" query 'a.b[' "$doc"
expect_rc 2 "syntax error"
expect_err "wa-review: query: syntax error at column 5:" "syntax error"
expect_err_lines 1 "syntax error"
run "$WA" query 'lenght(a)' "$doc"
expect_rc 2 "unknown function"
expect_err "unknown-function error at column 1: unknown function lenght()" "unknown function"
run "$WA" query 'a.length(@, @)' "$doc"
expect_rc 2 "arity"
expect_err "invalid-arity error at column 3" "arity"
run "$WA" query 'a.b[::0]' "$doc"
expect_rc 2 "slice step 0"
expect_err "invalid-value error" "slice step 0"
# ... and expressions that fail on this document.
run "$WA" query 'abs(a)' "$doc"
expect_rc 2 "invalid type"
expect_err "invalid-type error at column 1: abs() argument 1 must be number, got object" "invalid type"
expect_err_lines 1 "invalid type"
T_CHECKS=$((T_CHECKS + 1))
[ -z "$T_OUT" ] || fail "invalid type: printed a result: $T_OUT"

# Bad JSON: exit 2, file:line:column.
printf '{\n  "a": [1, 2],\n  "b": tru\n}\n' >"$T_DIR/bad.json"
run "$WA" query a "$T_DIR/bad.json"
expect_rc 2 "bad JSON"
expect_err "$T_DIR/bad.json:3:8: invalid JSON: expected a value" "bad JSON"
expect_err_lines 1 "bad JSON"
run sh -c "printf '' | \"\$0\" query a -" "$WA"
expect_rc 2 "empty input"
expect_err "<stdin>:1:1: invalid JSON" "empty input"
printf '[1] [2]' >"$T_DIR/two.json"
run "$WA" query @ "$T_DIR/two.json"
expect_rc 2 "trailing data"
expect_err "two.json:1:5: invalid JSON: unexpected data after the JSON value" "trailing data"
printf '{"s": "caf\351"}' >"$T_DIR/latin1.json"
run "$WA" query s "$T_DIR/latin1.json"
expect_rc 2 "not UTF-8"
expect_err "invalid UTF-8" "not UTF-8"

# Accepted: a UTF-8 byte-order mark; duplicate keys keep the last value (as the aws CLI).
printf '\357\273\277{"a": 1, "b": 2, "a": 3}' >"$T_DIR/bom.json"
run "$WA" query -c '[a, keys(@)]' "$T_DIR/bom.json"
expect_rc 0 "BOM and duplicate keys"
expect_exact '[3,["a","b"]]' "BOM and duplicate keys"

# Unreadable input.
run "$WA" query a "$T_DIR/missing.json"
expect_rc 2 "missing file"
expect_err "missing.json: cannot open: No such file or directory" "missing file"
expect_err_lines 1 "missing file"
run "$WA" query a "$T_DIR"
expect_rc 2 "a directory"
expect_err "$T_DIR: not a regular file (a directory)" "a directory"

# Bad usage.
run "$WA" query
expect_rc 2 "no expression"
expect_err "give a JMESPath expression" "no expression"
run "$WA" query a "$doc" extra
expect_rc 2 "extra argument"
expect_err "unexpected argument 'extra'" "extra argument"
run "$WA" query --bogus a "$doc"
expect_rc 2 "unknown option"
expect_err "unknown option '--bogus'" "unknown option"

# A full disk is an error, not a silent success.
if [ -w /dev/full ]; then
	run sh -c '"$0" query a "$1" >/dev/full' "$WA" "$doc"
	expect_rc 2 "write error"
	expect_err "writing the result" "write error"
fi

# A big document: 100000 instances, counted and filtered.
awk 'BEGIN { printf "{\"Reservations\":[{\"Instances\":["
	for (i = 0; i < 100000; i++)
		printf "%s{\"InstanceId\":\"i-%05d\",\"State\":{\"Name\":\"%s\"}}", i ? "," : "", i,
			i % 4 ? "running" : "stopped"
	printf "]}]}" }' >"$T_DIR/big.json"
run "$WA" query -c "length(Reservations[].Instances[?State.Name=='stopped'][])" "$T_DIR/big.json"
expect_rc 0 "big document"
expect_exact '25000' "big document"

finish
