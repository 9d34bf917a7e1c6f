#!/bin/sh
# Environment credentials: first in the chain, ignored under --profile (but not under
# AWS_PROFILE), half a pair refused; never the secret on screen.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/creds_lib.sh"

printf '[work]\naws_access_key_id = AKIDWORK\naws_secret_access_key = work-secret-value\n' \
	>"$HOME/.aws/credentials"
export AWS_ACCESS_KEY_ID=AKIDENVIRONMENT
export AWS_SECRET_ACCESS_KEY=env-secret-value
export AWS_SESSION_TOKEN=env-token-value

run "$PROBE"
expect_rc 0 "env"
expect_out "source: environment" "env"
expect_out "access_key: AKIDENVIRONMENT" "env"
expect_out "token: yes" "env"
expect_hidden "env-secret-value" "env"
expect_hidden "env-token-value" "env"

run env AWS_PROFILE=work "$PROBE"
expect_rc 0 "AWS_PROFILE keeps env keys"
expect_out "access_key: AKIDENVIRONMENT" "AWS_PROFILE keeps env keys"
run "$PROBE" --profile work
expect_rc 0 "--profile skips env keys"
expect_out "access_key: AKIDWORK" "--profile skips env keys"
expect_out "source: shared credentials file, profile work" "--profile skips env keys"

run env -u AWS_SECRET_ACCESS_KEY "$PROBE"
expect_rc 1 "half a pair"
expect_err "AWS_SECRET_ACCESS_KEY: not set, though AWS_ACCESS_KEY_ID is" "half a pair"
expect_hidden "env-token-value" "half a pair"

finish
