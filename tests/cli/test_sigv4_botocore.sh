#!/bin/sh
# Cross-checks the SigV4 signer against botocore on random requests (tests/cli/sigv4_botocore.py).
# Needs $WA_TOOLS/sigv4_sign and Debian's python3-botocore under /usr/bin/python3; fails,
# never skips, when either is missing. SIGV4_COUNT and SIGV4_SEED override the defaults.
set -u

here=$(cd "$(dirname "$0")" && pwd)
tool="${WA_TOOLS:-}/sigv4_sign"

if [ -z "${WA_TOOLS:-}" ] || [ ! -x "$tool" ]; then
	echo "FAIL: sigv4_sign not found (WA_TOOLS=${WA_TOOLS:-unset})"
	exit 1
fi
if [ ! -x /usr/bin/python3 ]; then
	echo "FAIL: /usr/bin/python3 is missing (apt-get install python3-botocore)"
	exit 1
fi
# -I: ignore PYTHONPATH and user site-packages, so Debian's botocore is the one tested against.
exec /usr/bin/python3 -I "$here/sigv4_botocore.py" --tool "$tool" \
	--count "${SIGV4_COUNT:-600}" --seed "${SIGV4_SEED:-20150830}"
