#!/bin/sh
# Container credentials: AWS_CONTAINER_CREDENTIALS_FULL_URI on a loopback emulation of the
# ECS/EKS endpoint that checks the Authorization token; the token from the variable or
# its file; hosts that are refused; and failures that stop the chain.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/creds_lib.sh"

start_server cont container --token "container-auth-token"
export AWS_CONTAINER_CREDENTIALS_FULL_URI="http://127.0.0.1:$SRV_PORT/v1/credentials"

export AWS_CONTAINER_AUTHORIZATION_TOKEN="container-auth-token"
run "$PROBE"
expect_rc 0 "token variable"
expect_out "source: container credentials 127.0.0.1:$SRV_PORT" "token variable"
expect_out "access_key: ASIACONT1" "token variable"
expect_out "token: yes" "token variable"
expect_hidden "container-secret" "token variable"
expect_hidden "container-auth-token" "token variable"
expect_log "GET /v1/credentials ok" "token variable"

# The token file wins over the variable.
printf 'container-auth-token' >"$T_DIR/token"
run env AWS_CONTAINER_AUTHORIZATION_TOKEN=wrong \
	AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="$T_DIR/token" "$PROBE"
expect_rc 0 "token file"
expect_out "access_key: ASIACONT2" "token file"

# A wrong or missing token: the endpoint says 401, the chain stops there (no IMDS).
run env AWS_CONTAINER_AUTHORIZATION_TOKEN=wrong-token "$PROBE"
expect_rc 1 "wrong token"
expect_err "container credentials endpoint 127.0.0.1:$SRV_PORT answered HTTP 401" "wrong token"
expect_hidden "wrong-token" "wrong token"
expect_hidden "IMDS" "wrong token"
expect_err_lines 1 "wrong token"
unset AWS_CONTAINER_AUTHORIZATION_TOKEN
run "$PROBE"
expect_rc 1 "no token"
expect_err "answered HTTP 401" "no token"
expect_log "unauthorized" "no token"

# A transient 500 is retried.
start_server flaky container --fail-first 1
run env AWS_CONTAINER_CREDENTIALS_FULL_URI="http://localhost:$SRV_PORT/creds" "$PROBE"
expect_rc 0 "retry"
expect_out "access_key: ASIACONT1" "retry"

# Plain http to anything but loopback and the container hosts is refused, unsent.
run env AWS_CONTAINER_CREDENTIALS_FULL_URI="http://metadata.example.com/creds" "$PROBE"
expect_rc 1 "host refused"
expect_err "AWS_CONTAINER_CREDENTIALS_FULL_URI: host metadata.example.com is not allowed" "host refused"

# Nothing listening.
run env AWS_CONTAINER_CREDENTIALS_FULL_URI="http://127.0.0.1:1/creds" "$PROBE"
expect_rc 1 "refused"
expect_err "container credentials endpoint 127.0.0.1:1: connection refused" "refused"

finish
