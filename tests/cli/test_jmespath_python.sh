#!/bin/sh
# wa-review query against jmespath.py (python3-jmespath, the library inside the aws CLI) on
# at least 1000 random documents and expressions; see jmespath_fuzz.py for what is compared
# and where the spec overrides jmespath.py. Fails (does not skip) without the python module.
set -u
: "${WA:?WA must name the wa-review binary}"
here=$(cd "$(dirname "$0")" && pwd)
exec /usr/bin/python3 "$here/jmespath_fuzz.py" "$WA"
