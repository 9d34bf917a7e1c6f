#!/bin/sh
# credential_process: a helper script from the profile, run without a shell, its JSON read;
# failures give the exit status and stderr's first line, never the helper's stdout.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/creds_lib.sh"

mkdir -p "$T_DIR/bin dir"
helper="$T_DIR/bin dir/helper"
cat >"$helper" <<'SH'
#!/bin/sh
# $1: what to do; the rest must arrive as separate, unexpanded arguments.
case $1 in
ok) printf '{"Version": 1, "AccessKeyId": "AKIDPROC-%s-%s", "SecretAccessKey": "proc-secret-value", "SessionToken": "proc-token-value", "Expiration": "2099-01-01T00:00:00Z"}\n' "$2" "$#" ;;
static) printf '{"Version": 1, "AccessKeyId": "AKIDSTATIC", "SecretAccessKey": "proc-secret-value"}\n' ;;
fail) echo '{"SecretAccessKey": "proc-secret-value"}'; echo "helper: refresh token revoked" >&2; echo "details" >&2; exit 4 ;;
garbage) echo "SecretAccessKey=proc-secret-value" ;;
esac
SH
chmod +x "$helper"
cat >"$HOME/.aws/config" <<CFG
[profile ok]
credential_process = "$helper" ok 'a b \$HOME'
[profile static]
credential_process = "$helper" static
[profile fail]
credential_process = "$helper" fail
[profile garbage]
credential_process = "$helper" garbage
[profile missing]
credential_process = /nonexistent/helper --flag secret-looking-arg
CFG

run "$PROBE" --profile ok
expect_rc 0 "ok"
expect_out 'access_key: AKIDPROC-a b $HOME-2' "ok: quoting as a shell would, no expansion"
expect_out "source: credential_process, profile ok" "ok"
expect_out "token: yes" "ok"
expect_out "expires: 2099-01-01T00:00:00Z" "ok"
expect_hidden "proc-secret-value" "ok"
expect_hidden "proc-token-value" "ok"

run "$PROBE" --profile static
expect_rc 0 "static"
expect_out "token: no" "static"
expect_out "expires: never" "static"

run "$PROBE" --profile fail
expect_rc 1 "fail"
expect_err "credential_process $helper of profile fail: exited with status 4: helper: refresh token revoked" "fail"
expect_hidden "details" "fail"
expect_hidden "proc-secret-value" "fail"
expect_err_lines 1 "fail"

run "$PROBE" --profile garbage
expect_rc 1 "garbage"
expect_err "its output is not JSON" "garbage"
expect_hidden "proc-secret-value" "garbage"

# Only the program is named: its arguments may be private.
run "$PROBE" --profile missing
expect_rc 1 "missing"
expect_err "cannot run /nonexistent/helper: No such file or directory" "missing"
expect_hidden "secret-looking-arg" "missing"

finish
