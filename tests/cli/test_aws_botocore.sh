#!/bin/sh
# The AWS client against botocore 1.43 on the same input (tests/cli/aws_botocore.py through
# $WA_TOOLS/aws_dryrun): endpoints of every modelled service in every partition with FIPS
# and dual-stack on and off; settings from the environment and the shared files ([DEFAULT],
# $VAR paths, STS and S3 global endpoints, S3 addressing, CA bundles); and retries in both
# modes (attempts, waits, the quota per service and Region). Needs the machine's Python with
# botocore 1.43; fails, never skips, without it.
. "$TESTS_CLI/lib.sh"
MOTO_ENV_SH="$TESTS_CLI/../aws/moto_env.sh"
. "$MOTO_ENV_SH"

PY=$(moto_python) || { fail "no python3 with botocore 1.43"; finish; exit 1; }
if ! "$PY" -c 'import botocore, sys; sys.exit(tuple(map(int, botocore.__version__.split(".")[:2])) < (1, 43))'; then
	fail "$PY has botocore $("$PY" -c 'import botocore; print(botocore.__version__)'), not 1.43 or later"
	finish
	exit 1
fi
for what in endpoints settings retries; do
	T_CHECKS=$((T_CHECKS + 1))
	if "$PY" "$TESTS_CLI/aws_botocore.py" --tool "$WA_TOOLS/aws_dryrun" "$what" >"$T_DIR/out" 2>&1; then
		tail -n 1 "$T_DIR/out"
	else
		fail "$what differ from botocore"
		cat "$T_DIR/out"
	fi
done
finish
