#!/bin/sh
# EC2 instance metadata: IMDSv2 against a loopback emulation that refuses requests without
# its session token; role discovery, retries, IMDSv1 fallback, "no credentials" cases, and
# expired credentials during an outage, kept as botocore 1.43 keeps them.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/creds_lib.sh"

unset AWS_EC2_METADATA_DISABLED
start_server imds imds
export AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:$SRV_PORT"

run "$PROBE"
expect_rc 0 "imds"
expect_out "source: IMDSv2, role wa-test-role" "imds source"
expect_out "access_key: ASIAIMDS1" "imds key"
expect_out "token: yes" "imds token"
expect_hidden "imds-secret" "imds secret"
expect_hidden "imds-session-token" "imds session token"
# The emulation answers 401 to any GET without the token: every GET carried it.
expect_log "PUT /latest/api/token token" "token requested"
expect_log "GET /latest/meta-data/iam/security-credentials/wa-test-role ok" "creds fetched"
T_CHECKS=$((T_CHECKS + 1))
grep -q "unauthorized\|bad-token" "$SRV_LOG" && fail "a request went without the token"

# The same credentials are served from the cache on a second call.
run "$PROBE" --again
expect_rc 0 "again"
T_CHECKS=$((T_CHECKS + 1))
[ "$(printf '%s\n' "$T_OUT" | grep -c '^access_key: ASIAIMDS2$')" = 2 ] ||
	fail "second call was not served from the cache: $T_OUT"

# A trailing slash on the endpoint is fine; the endpoint can come from the profile too.
unset AWS_EC2_METADATA_SERVICE_ENDPOINT
printf '[default]\nec2_metadata_service_endpoint = http://127.0.0.1:%s/\n' "$SRV_PORT" \
	>"$HOME/.aws/config"
run "$PROBE"
expect_rc 0 "endpoint from profile"
expect_out "source: IMDSv2" "endpoint from profile"
rm "$HOME/.aws/config"
export AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:$SRV_PORT/"

# AWS_EC2_METADATA_DISABLED turns it off.
run env AWS_EC2_METADATA_DISABLED=true "$PROBE"
expect_rc 1 "disabled"
expect_err "IMDSv2 (disabled by AWS_EC2_METADATA_DISABLED)" "disabled"

# Transient 500s are retried once.
start_server flaky imds --fail-first 1
run env AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:$SRV_PORT" "$PROBE"
expect_rc 0 "retry after 500"
expect_out "source: IMDSv2" "retry after 500"
expect_log "injected-500" "retry after 500"

# An instance without a role gives no credentials, and the chain says so.
start_server norole imds --no-role
run env AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:$SRV_PORT" "$PROBE"
expect_rc 1 "no role"
expect_err "no AWS credentials:" "no role"
expect_err "IMDSv2 (127.0.0.1:$SRV_PORT: no IAM role attached to this instance)" "no role"

# An IMDSv1-only endpoint: fallback as botocore does, unless IMDSv1 is disabled.
start_server v1 imds --imds-v1
run env AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:$SRV_PORT" "$PROBE"
expect_rc 0 "v1 fallback"
expect_out "source: IMDSv1, role wa-test-role" "v1 fallback"
run env AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:$SRV_PORT" \
	AWS_EC2_METADATA_V1_DISABLED=true "$PROBE"
expect_rc 1 "v1 disabled"
expect_err "token request answered HTTP 404 and IMDSv1 is disabled" "v1 disabled"

# During an outage the metadata service hands out the credentials it last had, expired:
# botocore uses them for the next 12 to 20 minutes (its refresh window and jitter) and asks
# again then; so does wa-review, and says so.
start_server stale imds --expires-in -600
run env AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:$SRV_PORT" "$PROBE"
expect_rc 0 "expired credentials kept"
expect_out "source: IMDSv2, role wa-test-role, stale: reused for" "said so"
ours=$(printf '%s\n' "$T_OUT" | sed -n 's/^expires: //p')
MOTO_ENV_SH="$TESTS_CLI/../aws/moto_env.sh"
. "$MOTO_ENV_SH"
BOTO_PY=$(moto_python) || { fail "no python3 with botocore 1.43"; finish; exit 1; }
T_CHECKS=$((T_CHECKS + 1))
if ! "$BOTO_PY" - "http://127.0.0.1:$SRV_PORT" "$ours" >"$T_DIR/boto.out" 2>&1 <<'PY'; then
import datetime, sys
import botocore
from botocore.credentials import InstanceMetadataProvider
from botocore.utils import InstanceMetadataFetcher
fetcher = InstanceMetadataFetcher(timeout=1, num_attempts=1, base_url=sys.argv[1])
creds = InstanceMetadataProvider(iam_role_fetcher=fetcher).load()
assert creds is not None, f"botocore {botocore.__version__} refused the expired credentials"
now = datetime.datetime.now(datetime.timezone.utc)
theirs = (creds._expiry_time - now).total_seconds()
ours = (datetime.datetime.fromisoformat(sys.argv[2].replace("Z", "+00:00")) - now).total_seconds()
# Both within 12 to 20 minutes from now (a second or two of slack for the runs themselves).
for who, left in (("botocore", theirs), ("wa-review", ours)):
    assert 12 * 60 - 5 <= left <= 20 * 60 + 5, f"{who}: {left:.0f} s left"
print(f"botocore {botocore.__version__}: {theirs:.0f} s left, wa-review {ours:.0f} s")
PY
	fail "expired IMDS credentials: $(cat "$T_DIR/boto.out")"
else
	cat "$T_DIR/boto.out"
fi

# Nothing listening: "connection refused", quickly, and not an error of its own.
run env AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:1" "$PROBE"
expect_rc 1 "refused"
expect_err "IMDSv2 (127.0.0.1:1: connection refused)" "refused"
expect_err_lines 1 "refused: one line"

finish
