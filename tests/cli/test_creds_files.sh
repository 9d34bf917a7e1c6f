#!/bin/sh
# Shared files: credentials and config file keys, their locations (AWS_CONFIG_FILE,
# AWS_SHARED_CREDENTIALS_FILE, "~"), profile, Region, endpoint and CA bundle settings in the
# CLI's precedence, and the errors for a malformed file or an unknown profile.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/creds_lib.sh"

cat >"$HOME/.aws/credentials" <<'CFG'
# comments and odd spacing as the CLI allows
[default]
AWS_ACCESS_KEY_ID=AKIDDEFAULT
aws_secret_access_key : default-secret-value

[dev]
aws_access_key_id = AKIDDEV
aws_secret_access_key = dev-secret-value
aws_session_token = dev-token-value
CFG
cat >"$HOME/.aws/config" <<'CFG'
[default]
region = eu-west-1

[profile dev]
region = eu-central-1
endpoint_url = http://127.0.0.1:4566
services = local

[profile cfgkeys]
aws_access_key_id = AKIDCONFIG
aws_secret_access_key = config-secret-value
ca_bundle = /nonexistent/ca.pem

[services local]
service_quotas =
  endpoint_url = http://127.0.0.1:4567
CFG

run "$PROBE"
expect_rc 0 "default"
expect_out "profile: default" "default"
expect_out "source: shared credentials file, profile default" "default"
expect_out "access_key: AKIDDEFAULT" "default"
expect_out "token: no" "default"
expect_out "region: eu-west-1 (profile default)" "default"
expect_hidden "default-secret-value" "default"

run "$PROBE" --profile dev --service "Service Quotas" --service EC2
expect_rc 0 "dev"
expect_out "access_key: AKIDDEV" "dev"
expect_out "token: yes" "dev"
expect_out "region: eu-central-1 (profile dev)" "dev"
expect_out "endpoint: http://127.0.0.1:4566" "dev"
expect_out "endpoint Service Quotas: http://127.0.0.1:4567" "dev: services section"
expect_out "endpoint EC2: http://127.0.0.1:4566" "dev: profile endpoint_url"
expect_hidden "dev-token-value" "dev"

# Command line, then environment, then profile.
run env AWS_PROFILE=dev AWS_DEFAULT_REGION=us-west-1 AWS_ENDPOINT_URL_EC2=http://127.0.0.1:5000 \
	"$PROBE" --service EC2 --service "Service Quotas"
expect_out "region: us-west-1 (AWS_DEFAULT_REGION)" "env region"
expect_out "endpoint EC2: http://127.0.0.1:5000" "env service endpoint"
expect_out "endpoint Service Quotas: http://127.0.0.1:4567" "other services unchanged"
run env AWS_PROFILE=dev AWS_REGION=ap-south-1 AWS_DEFAULT_REGION=us-west-1 \
	"$PROBE" --region sa-east-1 --endpoint-url https://127.0.0.1:9443 --service EC2
expect_out "region: sa-east-1 (--region)" "--region"
expect_out "endpoint EC2: https://127.0.0.1:9443" "--endpoint-url"
run env AWS_PROFILE=dev AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true "$PROBE" --service EC2
expect_out "endpoint: -" "ignore configured endpoints"
expect_out "endpoint EC2: -" "ignore configured endpoints"

# Keys in the config file; a CA bundle that is not there is named.
run "$PROBE" --profile cfgkeys
expect_rc 1 "missing CA bundle"
expect_err "~/.aws/config:12: CA bundle /nonexistent/ca.pem: No such file or directory" "missing CA bundle"
touch "$T_DIR/ca.pem"
run env AWS_CA_BUNDLE="$T_DIR/ca.pem" "$PROBE" --profile cfgkeys
expect_rc 0 "config keys"
expect_out "source: config file, profile cfgkeys" "config keys"
expect_out "ca_bundle: $T_DIR/ca.pem" "config keys"

# Other file locations, "~" included.
mkdir -p "$HOME/elsewhere"
printf '[profile moved]\nregion = us-east-2\n' >"$HOME/elsewhere/config"
printf '[moved]\naws_access_key_id = AKIDMOVED\naws_secret_access_key = s\n' >"$T_DIR/creds"
run env AWS_CONFIG_FILE='~/elsewhere/config' AWS_SHARED_CREDENTIALS_FILE="$T_DIR/creds" \
	"$PROBE" --profile moved
expect_rc 0 "moved files"
expect_out "access_key: AKIDMOVED" "moved files"
expect_out "region: us-east-2 (profile moved)" "moved files"

# An unknown profile, named either way, and a malformed file.
run "$PROBE" --profile nope
expect_rc 1 "unknown profile"
expect_err "creds_probe: --profile: profile \"nope\" not found in ~/.aws/config or ~/.aws/credentials" "unknown profile"
run env AWS_PROFILE=nope "$PROBE"
expect_err "AWS_PROFILE: profile \"nope\" not found" "unknown profile"
printf '[default]\nregion = eu-west-1\naws_secret_access_key\n' >"$T_DIR/bad"
run env AWS_CONFIG_FILE="$T_DIR/bad" "$PROBE"
expect_rc 1 "malformed"
expect_err "creds_probe: $T_DIR/bad:3: expected \"key = value\"" "malformed"

finish
