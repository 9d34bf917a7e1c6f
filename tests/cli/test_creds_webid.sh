#!/bin/sh
# Web identity: a token file and a role exchanged by an unsigned AssumeRoleWithWebIdentity
# (the probe's fake STS), from the environment or from a profile.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/creds_lib.sh"

jwt='eyJraWQiOiJ0ZXN0In0.web-identity-secret.sig'
printf '%s\n' "$jwt" >"$T_DIR/token"
export AWS_WEB_IDENTITY_TOKEN_FILE="$T_DIR/token"
export AWS_ROLE_ARN="arn:aws:iam::444444444444:role/ci"
export AWS_ROLE_SESSION_NAME="pipeline-42"

run "$PROBE" --fake-sts --region us-east-2
expect_rc 0 "env"
expect_out "source: web identity arn:aws:iam::444444444444:role/ci" "env"
expect_out "access_key: ASIAFAKE1" "env"
# Unsigned, and the token was sent without its newline.
expect_err "sts: AssumeRoleWithWebIdentity region=us-east-2 signer=- RoleArn=arn:aws:iam::444444444444:role/ci RoleSessionName=pipeline-42 WebIdentityToken=<${#jwt} bytes>" "env"
expect_hidden "web-identity-secret" "env"

# The environment beats static keys in the shared files.
printf '[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = x\n' >"$HOME/.aws/credentials"
run "$PROBE" --fake-sts
expect_rc 0 "before files"
expect_out "source: web identity" "before files"

# From a profile (and with --profile the variables are not used).
cat >"$HOME/.aws/config" <<CFG
[profile eks]
web_identity_token_file = $T_DIR/token
role_arn = arn:aws:iam::555555555555:role/pod
CFG
run "$PROBE" --fake-sts --profile eks
expect_rc 0 "profile"
expect_out "source: web identity arn:aws:iam::555555555555:role/pod" "profile"
expect_err "RoleSessionName=botocore-session-" "profile: default session name"

# A token file without a role is an error; so is a token file that is not there.
run env -u AWS_ROLE_ARN "$PROBE" --fake-sts
expect_rc 1 "no role"
expect_err "a web identity token file is set but no role" "no role"
run env AWS_WEB_IDENTITY_TOKEN_FILE="$T_DIR/nope" "$PROBE" --fake-sts
expect_rc 1 "no token file"
expect_err "web identity token $T_DIR/nope: cannot open" "no token file"

finish
