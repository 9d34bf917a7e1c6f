# Helpers for the credential tests (test_creds_*.sh), sourced after lib.sh: a clean AWS
# environment with HOME in the test directory, the creds_probe tool, and loopback servers
# from creds_server.py started on free ports and stopped at exit.
PROBE="${WA_TOOLS:-}/creds_probe"
if [ -z "${WA_TOOLS:-}" ] || [ ! -x "$PROBE" ]; then
	echo "FAIL: creds_probe not found (WA_TOOLS=${WA_TOOLS:-unset})"
	exit 1
fi
PY=/usr/bin/python3
[ -x "$PY" ] || { echo "FAIL: $PY is missing (apt-get install python3)"; exit 1; }

# Nothing from the caller's AWS setup may leak in, and nothing may reach the network: IMDS
# stays off unless a test points it at a loopback server.
for v in $(env | sed -n 's/^\(AWS_[A-Z0-9_]*\)=.*/\1/p'); do unset "$v"; done
export HOME="$T_DIR/home"
mkdir -p "$HOME/.aws"
export AWS_EC2_METADATA_DISABLED=true
unset SOURCE_DATE_EPOCH   # expiry is judged by the real clock

SRV_PIDS=""
cleanup_servers() {
	for p in $SRV_PIDS; do kill "$p" 2>/dev/null; done
	rm -rf "$T_DIR"
}
trap cleanup_servers EXIT

# start_server NAME MODE [ARGS...]: starts creds_server.py; sets SRV_PORT and
# SRV_LOG ($T_DIR/NAME.log).
start_server() {
	name=$1
	shift
	pf="$T_DIR/$name.port"
	SRV_LOG="$T_DIR/$name.log"
	: >"$SRV_LOG"
	"$PY" -I "$TESTS_CLI/creds_server.py" "$@" --port-file "$pf" --log "$SRV_LOG" \
		2>"$T_DIR/$name.err" &
	SRV_PIDS="$SRV_PIDS $!"
	i=0
	while [ ! -s "$pf" ]; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			echo "FAIL: $name server did not start: $(cat "$T_DIR/$name.err")"
			exit 1
		fi
		sleep 0.1
	done
	SRV_PORT=$(cat "$pf")
}

# expect_hidden TEXT [LABEL]: neither stdout nor stderr of the last run holds TEXT.
expect_hidden() {
	T_CHECKS=$((T_CHECKS + 1))
	case "$T_OUT$T_ERR" in
	*"$1"*) fail "${2:-}: '$1' was shown: $T_OUT $T_ERR" ;;
	esac
}

# expect_log TEXT [LABEL]: the server log of the last started server holds TEXT.
expect_log() {
	T_CHECKS=$((T_CHECKS + 1))
	grep -qF -- "$1" "$SRV_LOG" || fail "${2:-}: server log lacks '$1': $(cat "$SRV_LOG")"
}
