#!/bin/sh
# Every name the probes and the evidence fixtures use is checked against botocore's service
# models (tests/cli/probe_shapes.py): operations, parameters, the members each JMESPath
# expression reaches (parsed by wa-review's own parser, tests/tools/jp_ast), and each
# fixture response's members and types. Needs Debian's python3-botocore and python3-yaml;
# fails, never skips, without them.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ ! -x /usr/bin/python3 ]; then
	echo "FAIL: /usr/bin/python3 is missing (apt-get install python3-botocore python3-yaml)"
	exit 1
fi
# -I: ignore PYTHONPATH and user site-packages, so Debian's packages are the ones used.
exec /usr/bin/python3 -I "$here/probe_shapes.py" "$root/questions" "$root/tests/evidence/fixtures" \
	"${WA_TOOLS:?WA_TOOLS must name the test tools folder}/jp_ast"
