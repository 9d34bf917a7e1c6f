#!/bin/sh
# Assume-role profiles through the probe's fake STS (the real STS call belongs to the client):
# source_profile chains, credential_source, parameters sent, loops, and errors that mask
# the signer's secret. The fake prints each call on stderr.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/creds_lib.sh"

cat >"$HOME/.aws/credentials" <<'CFG'
[base]
aws_access_key_id = AKIDBASE
aws_secret_access_key = base-secret-value
CFG
cat >"$HOME/.aws/config" <<'CFG'
[profile admin]
role_arn = arn:aws:iam::111111111111:role/Admin
source_profile = base
external_id = shared-ext
duration_seconds = 900
region = eu-west-2

[profile audit]
role_arn = arn:aws:iam::222222222222:role/Audit
source_profile = admin
role_session_name = wa-review

[profile from-env]
role_arn = arn:aws:iam::333333333333:role/Env
credential_source = Environment

[profile loop-a]
role_arn = arn:aws:iam::1:role/a
source_profile = loop-b
[profile loop-b]
role_arn = arn:aws:iam::1:role/b
source_profile = loop-a

[profile mfa]
role_arn = arn:aws:iam::1:role/m
source_profile = base
mfa_serial = arn:aws:iam::1:mfa/user
CFG

run "$PROBE" --fake-sts --profile admin
expect_rc 0 "admin"
expect_out "source: assume role arn:aws:iam::111111111111:role/Admin via profile admin" "admin"
expect_out "access_key: ASIAFAKE1" "admin"
expect_out "region: eu-west-2 (profile admin)" "admin"
expect_err "sts: AssumeRole region=eu-west-2 signer=AKIDBASE RoleArn=arn:aws:iam::111111111111:role/Admin RoleSessionName=botocore-session-" "admin"
expect_err "ExternalId=shared-ext DurationSeconds=900" "admin"
expect_hidden "base-secret-value" "admin"
expect_hidden "fake-sts-secret" "admin"

# Two hops: the second call is signed with the first call's credentials.
run "$PROBE" --fake-sts --profile audit
expect_rc 0 "audit"
expect_out "access_key: ASIAFAKE2" "audit"
expect_err "signer=AKIDBASE RoleArn=arn:aws:iam::111111111111:role/Admin" "audit hop 1"
expect_err "signer=ASIAFAKE1 RoleArn=arn:aws:iam::222222222222:role/Audit RoleSessionName=wa-review" "audit hop 2"

run env AWS_ACCESS_KEY_ID=AKIDENVSRC AWS_SECRET_ACCESS_KEY=env-secret-value "$PROBE" --fake-sts --profile from-env
expect_rc 0 "credential_source"
expect_err "signer=AKIDENVSRC RoleArn=arn:aws:iam::333333333333:role/Env" "credential_source"
expect_hidden "env-secret-value" "credential_source"

run "$PROBE" --fake-sts --profile loop-a
expect_rc 1 "loop"
expect_err "source_profile loop: loop-a -> loop-b -> loop-a" "loop"

run "$PROBE" --fake-sts --profile mfa
expect_rc 1 "mfa"
expect_err "needs an MFA code (mfa_serial)" "mfa"

# STS refuses; whatever its message holds, the signer's secret is not shown.
run env FAKE_STS_FAIL="AccessDenied: not authorized" FAKE_STS_ECHO_SECRET=1 "$PROBE" --fake-sts --profile admin
expect_rc 1 "sts fails"
expect_err "assume role arn:aws:iam::111111111111:role/Admin (profile admin): STS AssumeRole failed: sts: AccessDenied: not authorized" "sts fails"
expect_err "****" "sts fails: the secret masked where it stood"
expect_hidden "base-secret-value" "sts fails"

# Without an STS to call (the probe without --fake-sts), a clear error.
run "$PROBE" --profile admin
expect_rc 1 "no sts"
expect_err "STS AssumeRole is not available here" "no sts"

finish
