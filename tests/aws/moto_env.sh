# The local AWS for the tests: moto on a free loopback port, seeded with boto3, with our
# fault-injecting proxy in front. Source this file, then:
#
#   moto_up DIR        starts moto (signature checks on after a 3-action bootstrap that
#                      creates the test user), seeds it, turns on checking for every
#                      request (INITIAL_NO_AUTH_ACTION_COUNT=0), starts the proxy, and
#                      exports MOTO_URL, PROXY_URL, AWS_ACCESS_KEY_ID/SECRET, AWS_REGION,
#                      AWS_CONFIG_FILE (aws CLI: iso8601 timestamps, JSON output)
#   moto_down          stops both (also run on EXIT by moto_up's trap)
#   proxy_rules JSON   replaces the proxy's fault rules; proxy_reset clears them
#
# Both servers are bounded in time (timeout(1)), listen on 127.0.0.1 only, and their
# output goes to DIR/moto.log and DIR/proxy.log. Needs a Python with moto and boto3
# (the machine image's pyenv Python); MOTO_PYTHON overrides the search.

MOTO_ENV_DIR=$(cd "$(dirname "${MOTO_ENV_SH:-$0}")" && pwd)
[ -f "$MOTO_ENV_DIR/moto_env.py" ] || MOTO_ENV_DIR=$(cd "$(dirname "$0")/../aws" 2>/dev/null && pwd)

# Prints the first python3 that can import moto and boto3, or fails.
moto_python() {
	for py in ${MOTO_PYTHON:-} python3 "$HOME/.pyenv/shims/python3" /root/.pyenv/shims/python3 \
		/root/.pyenv/versions/*/bin/python3; do
		[ -n "$py" ] || continue
		command -v "$py" >/dev/null 2>&1 || [ -x "$py" ] || continue
		if "$py" -c 'import moto.server, boto3, flask' >/dev/null 2>&1; then
			echo "$py"
			return 0
		fi
	done
	echo "moto_env: no python3 with moto, boto3 and flask found (set MOTO_PYTHON to one)." >&2
	echo "moto_env: the AWS tests need moto 5.2 with its server, boto3 and the aws CLI v1 in the machine's Python:" >&2
	echo "    python3 -m pip install 'moto[server]>=5.2,<5.3' boto3 'awscli>=1.45,<2'" >&2
	return 1
}

# Prints the aws CLI to use (next to moto's python, or on PATH), or fails.
moto_awscli() {
	d=$(dirname "$(command -v "$MOTO_PY" 2>/dev/null || echo "$MOTO_PY")")
	for a in ${AWS_CLI:-} "$d/aws" aws "$HOME/.pyenv/shims/aws" /root/.pyenv/shims/aws; do
		[ -n "$a" ] || continue
		if command -v "$a" >/dev/null 2>&1 && "$a" --version >/dev/null 2>&1; then
			command -v "$a"
			return 0
		fi
	done
	echo "moto_env: the aws CLI v1 was not found next to moto's python or on PATH (set AWS_CLI). Install it with:" >&2
	echo "    $MOTO_PY -m pip install 'awscli>=1.45,<2'" >&2
	return 1
}

moto_down() {
	for p in ${PROXY_PID:-} ${MOTO_PID:-}; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	PROXY_PID=
	MOTO_PID=
}

# moto_up DIR [seed|noseed]
moto_up() {
	MOTO_DIR=$1
	MOTO_PY=$(moto_python) || return 1
	export MOTO_PY
	port=$("$MOTO_PY" "$MOTO_ENV_DIR/moto_env.py" freeport) || return 1
	# Bounded: a test that forgets to stop it cannot leave it running past 20 minutes.
	INITIAL_NO_AUTH_ACTION_COUNT=3 timeout 1200 "$MOTO_PY" -m moto.server -H 127.0.0.1 \
		-p "$port" >"$MOTO_DIR/moto.log" 2>&1 &
	MOTO_PID=$!
	trap moto_down EXIT
	"$MOTO_PY" "$MOTO_ENV_DIR/moto_env.py" wait "$port" 60 || return 1
	MOTO_URL="http://127.0.0.1:$port"
	export MOTO_URL
	"$MOTO_PY" "$MOTO_ENV_DIR/moto_env.py" bootstrap "$MOTO_URL" "$MOTO_DIR/creds.env" \
		>>"$MOTO_DIR/moto.log" 2>&1 || { echo "moto_env: bootstrap failed" >&2; return 1; }
	set -a
	. "$MOTO_DIR/creds.env"
	set +a
	unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE
	export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
	export AWS_SHARED_CREDENTIALS_FILE="$MOTO_DIR/no-credentials"
	export AWS_EC2_METADATA_DISABLED=true
	if [ "${2:-seed}" = seed ]; then
		"$MOTO_PY" "$MOTO_ENV_DIR/moto_env.py" seed "$MOTO_URL" "$MOTO_DIR/seed.json" \
			>>"$MOTO_DIR/moto.log" 2>&1 || { echo "moto_env: seeding failed:" >&2;
			tail -5 "$MOTO_DIR/moto.log" >&2; return 1; }
	fi
	"$MOTO_PY" "$MOTO_ENV_DIR/moto_env.py" auth-on "$MOTO_URL" || return 1
	timeout 1200 "$MOTO_PY" "$MOTO_ENV_DIR/faultproxy.py" --upstream "$MOTO_URL" \
		--fixtures "$MOTO_ENV_DIR/fixtures" --port-file "$MOTO_DIR/proxy.port" \
		>"$MOTO_DIR/proxy.log" 2>&1 &
	PROXY_PID=$!
	i=0
	while [ ! -s "$MOTO_DIR/proxy.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$MOTO_DIR/proxy.port" ] || { echo "moto_env: proxy did not start" >&2; return 1; }
	PROXY_URL="http://127.0.0.1:$(cat "$MOTO_DIR/proxy.port")"
	export PROXY_URL
	cat >"$MOTO_DIR/aws-config" <<CFG
[default]
region = us-east-1
output = json
cli_timestamp_format = iso8601
CFG
	export AWS_CONFIG_FILE="$MOTO_DIR/aws-config"
	return 0
}

proxy_rules() {
	"$MOTO_PY" - "$PROXY_URL" "$1" <<'PY'
import sys, urllib.request
req = urllib.request.Request(sys.argv[1] + "/__fault/rules", data=sys.argv[2].encode(), method="POST")
urllib.request.urlopen(req, timeout=10).read()
PY
}

proxy_reset() {
	"$MOTO_PY" - "$PROXY_URL" <<'PY'
import sys, urllib.request
req = urllib.request.Request(sys.argv[1] + "/__fault/reset", data=b"", method="POST")
urllib.request.urlopen(req, timeout=10).read()
PY
}

# moto_started DIR: for the tests through the AWS client. Starts moto as moto_up does
# (unseeded, answering the client, not the fixture caller) and cleans up on exit; when it
# cannot start, says why through the caller's fail(), ends the test and exits 1.
moto_started() {
	unset WA_EVIDENCE_FIXTURES
	if ! moto_up "$1" noseed; then
		fail "could not start the local AWS (see above)"
		finish
		exit 1
	fi
	trap 'moto_down; rm -rf "$T_DIR"' EXIT
}

# moto_seeded DIR SEED [auth-off]: for the evidence tests. Starts moto as moto_started does,
# turns signature checks off when asked, runs tests/aws/SEED with the endpoint (its output
# in DIR/seed.out, its errors in DIR/seed.log). On any failure it says why through the
# caller's fail(), ends the test and exits 1.
moto_seeded() {
	moto_started "$1"
	[ "${3:-}" = auth-off ] && "$MOTO_PY" "$MOTO_ENV_DIR/moto_env.py" auth-off "$MOTO_URL"
	if ! "$MOTO_PY" "$MOTO_ENV_DIR/$2" "$MOTO_URL" >"$1/seed.out" 2>"$1/seed.log"; then
		fail "seeding moto with $2"
		tail -5 "$1/seed.log"
		finish
		exit 1
	fi
}
